import type { Argv, CommandModule, InferredOptionTypes, Options } from "yargs";

const options = {
  port: { type: "string", default: "4010", describe: "port to listen on; 0 picks a free one" },
  host: { type: "string", default: "127.0.0.1", describe: "address to listen on" },
  seed: { type: "string", default: "1", describe: "faker seed for generated records" },
  fixture: {
    type: "string",
    array: true,
    requiresArg: true,
    describe: "a bundled contract name or a fixture file; every bundled one when absent; repeat for several",
  },
  clock: { type: "string", requiresArg: true, describe: "start the mock's clock at this ISO 8601 time (it runs on from there)" },
  "rate-limit": {
    type: "string",
    array: true,
    requiresArg: true,
    describe: 'departures from the documented limits: "off", "scale=0.01" (1000/min becomes 10/min), "ietf" (add RateLimit headers)',
  },
  environment: {
    type: "string",
    requiresArg: true,
    describe: "where a contract's environments are separate deployments (Monei), the one to serve; default its first",
  },
  admin: { type: "boolean", default: true, describe: "serve the /__keymock/ admin API (--no-admin switches it off)" },
  "admin-token": {
    type: "string",
    requiresArg: true,
    describe: "the admin API then needs Authorization: Bearer <token> and answers any Host; required beyond loopback (KEYMOCK_ADMIN_TOKEN keeps it out of ps)",
  },
} as const satisfies Record<string, Options>;

type Flags = InferredOptionTypes<typeof options>;

export const serveCommand: CommandModule<object, Flags> = {
  command: ["serve", "$0"],
  describe: "Serve the bundled contracts (or --fixture ones) as a mock API",
  builder: (yargs: Argv) =>
    yargs
      .options(options)
      .example("$0 --fixture moonkey --port 4010", "MoonKey at its own paths")
      .example("$0 --fixture my-api.json --clock 2027-01-01T00:00:00Z", "your contract, in 2027")
      .example("KEYMOCK_PORT=0 $0", "every bundled contract on a free port (any flag from KEYMOCK_*)"),
  handler: async (flags) => {
    if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535) {
      throw new Error(`[keymock] --port must be a whole number from 0 to 65535, got "${flags.port}".`);
    }
    if (flags.clock !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(flags.clock) || Number.isNaN(Date.parse(flags.clock)))) {
      throw new Error(`[keymock] --clock must be an ISO 8601 date-time such as 2027-01-01T00:00:00Z, got "${flags.clock}".`);
    }
    if (!/^-?\d+$/.test(flags.seed)) throw new Error(`[keymock] --seed must be a whole number, got "${flags.seed}".`);
    // Loaded here, not at the top: --help and the other commands do not pay for the engine and faker.
    const { startServer } = await import("../serve-server.js");
    await startServer({
      port: Number(flags.port),
      host: flags.host,
      seed: Number(flags.seed),
      fixtures: flags.fixture,
      startAt: flags.clock === undefined ? undefined : Date.parse(flags.clock),
      rateLimit: flags["rate-limit"],
      admin: flags.admin,
      // An empty KEYMOCK_ADMIN_TOKEN means none, as an unset one does.
      adminToken: flags["admin-token"] || undefined,
      environment: flags.environment,
    });
  },
};
