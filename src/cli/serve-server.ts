import type { AddressInfo } from "node:net";
import { loadFixture } from "../adapters/fixture-file.js";
import { listen } from "../adapters/listen.js";
import { createRequestListener, type Mount } from "../adapters/request-listener.js";
import { bundledNames } from "../contract/bundled.js";
import { isLoopbackHost } from "../engine/admin-guard.js";
import { createEngine } from "../engine/engine.js";
import { formatBanner } from "./banner.js";
import { describeRateLimitOptions, parseRateLimitFlag } from "./rate-limit-flag.js";

export interface ServeOptions {
  port: number;
  host: string;
  seed: number;
  /** Bundled names or fixture files; every bundled contract when absent. */
  fixtures?: string[];
  /** Where the mock's clock starts (ms since the epoch); now when absent. */
  startAt?: number;
  /** The --rate-limit values. */
  rateLimit?: string[];
  admin: boolean;
  /** The admin API's token; required when listening beyond loopback. */
  adminToken?: string | undefined;
}

/** The admin API mints live keys: beyond loopback it is served only behind a token. */
function checkAdminExposure(args: ServeOptions): void {
  if (args.adminToken !== undefined && args.adminToken.length < 8) {
    throw new Error("[keymock] --admin-token (or KEYMOCK_ADMIN_TOKEN) must be at least 8 characters.");
  }
  if (args.admin && args.adminToken === undefined && !isLoopbackHost(args.host)) {
    throw new Error(
      `[keymock] --host ${args.host} would open the admin API (/__keymock/) to the network. Pass --admin-token <secret> (or set KEYMOCK_ADMIN_TOKEN), or --no-admin.`,
    );
  }
}

/** Loads the contracts, builds one engine each, listens, prints the banner and closes cleanly on a signal. */
export async function startServer(args: ServeOptions): Promise<void> {
  const rateLimit = parseRateLimitFlag(args.rateLimit);
  checkAdminExposure(args);
  const names = args.fixtures ?? bundledNames;
  const contracts = await Promise.all(names.map((name) => loadFixture(name)));
  const single = args.fixtures?.length === 1;
  const seen = new Set<string>();
  for (const contract of contracts) {
    if (seen.has(contract.name)) throw new Error(`[keymock] Two fixtures are both named "${contract.name}"; each needs its own name to be served under /${contract.name}.`);
    seen.add(contract.name);
  }
  const mounts: Mount[] = await Promise.all(
    contracts.map(async (contract) => ({
      prefix: single ? "" : `/${contract.name}`,
      engine: await createEngine(contract, {
        seed: args.seed,
        admin: args.admin,
        rateLimit,
        startAt: args.startAt,
        adminToken: args.adminToken,
      }),
    })),
  );
  const server = await listen(createRequestListener(mounts, { log: (line) => process.stdout.write(`${line}\n`) }), args.port, args.host);
  const { port } = server.address() as AddressInfo;
  const host = args.host.includes(":") ? `[${args.host}]` : args.host;
  process.stdout.write(formatBanner(`http://${host}:${port}`, mounts, { admin: args.admin, adminToken: args.adminToken !== undefined, rateLimit: describeRateLimitOptions(rateLimit) }));

  const close = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once("SIGINT", close);
  process.once("SIGTERM", close);
}
