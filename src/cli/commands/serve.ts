import { defineCommand } from "../command.js";

export const serveCommand = defineCommand({
  name: "serve",
  isDefault: true,
  describe: "Serve the bundled contracts (or --fixture ones) as a mock API",
  options: {
    port: { type: "string", default: "4010", placeholder: "port", describe: "port to listen on; 0 picks a free one" },
    host: { type: "string", default: "127.0.0.1", placeholder: "address", describe: "address to listen on" },
    seed: { type: "string", default: "1", placeholder: "n", describe: "faker seed for generated records" },
    fixture: {
      type: "string",
      multiple: true,
      placeholder: "name|file",
      describe: "a bundled contract name or a fixture file; every bundled one when absent",
    },
    clock: {
      type: "string",
      placeholder: "iso-time",
      describe: "start the mock's clock at this ISO 8601 time (it runs on from there), e.g. 2027-01-01T00:00:00Z",
    },
    "rate-limit": {
      type: "string",
      multiple: true,
      placeholder: "mode",
      describe: 'departures from the documented limits: "off", "scale=0.01" (1000/min becomes 10/min), "ietf" (add RateLimit headers)',
    },
    environment: {
      type: "string",
      placeholder: "name",
      describe: "where a contract's environments are separate deployments (Monei), the one to serve; default its first",
    },
    admin: { type: "boolean", default: true, describe: "serve the /__keymock/ admin API and dashboard" },
    explain: {
      type: "boolean",
      default: false,
      describe: "add X-Keymock-Decision to every response, naming the decision (e.g. revoked_key; case=revoked_key); no contract has it",
    },
    "admin-token": {
      type: "string",
      placeholder: "token",
      describe: "the admin API then needs Authorization: Bearer <token> and answers any Host (or KEYMOCK_ADMIN_TOKEN); required beyond loopback",
    },
  },
  run: async (flags) => {
    if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535) {
      throw new Error(`[keymock] --port must be a whole number from 0 to 65535, got "${flags.port}".`);
    }
    if (flags.clock !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(flags.clock) || Number.isNaN(Date.parse(flags.clock)))) {
      throw new Error(`[keymock] --clock must be an ISO 8601 date-time such as 2027-01-01T00:00:00Z, got "${flags.clock}".`);
    }
    if (!/^-?\d+$/.test(flags.seed)) throw new Error(`[keymock] --seed must be a whole number, got "${flags.seed}".`);
    // Loaded here, not at the top: --help and the other commands do not pay for express and the engine.
    const { startServer } = await import("../serve-server.js");
    await startServer({
      port: Number(flags.port),
      host: flags.host,
      seed: Number(flags.seed),
      fixtures: flags.fixture,
      startAt: flags.clock === undefined ? undefined : Date.parse(flags.clock),
      rateLimit: flags["rate-limit"],
      admin: flags.admin,
      explain: flags.explain,
      adminToken: flags["admin-token"] ?? (process.env["KEYMOCK_ADMIN_TOKEN"] || undefined),
      environment: flags.environment,
    });
  },
});
