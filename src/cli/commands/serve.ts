import type { Argv, CommandModule } from "yargs";

const options = (yargs: Argv) =>
  yargs
    // A string, checked here: as a number yargs would turn "abc" into NaN before the message could echo it.
    .option("port", { type: "string", default: "4010", describe: "port to listen on; 0 picks a free one" })
    .option("host", { type: "string", default: "127.0.0.1", describe: "address to listen on" })
    .option("seed", { type: "number", default: 1, describe: "faker seed for generated records" })
    .option("fixture", {
      type: "string",
      array: true,
      describe: "a bundled contract name or a fixture file; repeat for several (default: every bundled one)",
    })
    .option("clock", {
      type: "string",
      describe: "start the mock's clock at this ISO 8601 time (it runs on from there), e.g. 2027-01-01T00:00:00Z",
    })
    .option("rate-limit", {
      type: "string",
      array: true,
      describe: 'departures from the documented limits: "off", "scale=0.01" (1000/min becomes 10/min), "ietf" (add RateLimit headers)',
    })
    .option("admin", { type: "boolean", default: true, describe: "serve the /__keymock/ admin API (--no-admin to switch off)" })
    .check((args) => {
      if (!/^\d+$/.test(args.port) || Number(args.port) > 65535) {
        throw new Error(`[keymock] --port must be a whole number from 0 to 65535, got "${args.port}".`);
      }
      if (args.clock !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(args.clock)) {
        throw new Error(`[keymock] --clock must be an ISO 8601 date-time such as 2027-01-01T00:00:00Z, got "${args.clock}".`);
      }
      if (args.clock !== undefined && Number.isNaN(Date.parse(args.clock))) {
        throw new Error(`[keymock] --clock must be an ISO 8601 date-time such as 2027-01-01T00:00:00Z, got "${args.clock}".`);
      }
      if (!Number.isInteger(args.seed)) throw new Error(`[keymock] --seed must be a whole number, got "${String(args.seed)}".`);
      return true;
    });

export type ServeArgs = ReturnType<typeof options> extends Argv<infer T> ? T : never;

export const serveCommand: CommandModule<object, ServeArgs> = {
  command: ["serve", "$0"],
  describe: "Serve the bundled contracts (or --fixture ones) as a mock API",
  builder: options,
  handler: async (args) => {
    // Loaded here, not at the top: --help and other commands do not pay for express and the engine.
    const { startServer } = await import("../serve-server.js");
    await startServer(args);
  },
};
