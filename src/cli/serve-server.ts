import type { AddressInfo } from "node:net";
import { loadFixture } from "../adapters/fixture-file.js";
import { listen } from "../adapters/listen.js";
import { createRequestListener, type Mount } from "../adapters/request-listener.js";
import { bundledNames } from "../contract/bundled.js";
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
  /** --environment: the deployment to serve where a contract's environments are separate */
  environment?: string | undefined;
}

/** Loads the contracts, builds one engine each, listens, prints the banner and closes cleanly on a signal. */
export async function startServer(args: ServeOptions): Promise<void> {
  const rateLimit = parseRateLimitFlag(args.rateLimit);
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
        ...(args.environment !== undefined && contract.separateEnvironments ? { environment: args.environment } : {}),
      }),
    })),
  );
  const server = await listen(createRequestListener(mounts, { log: (line) => process.stdout.write(`${line}\n`) }), args.port, args.host);
  const { port } = server.address() as AddressInfo;
  const host = args.host.includes(":") ? `[${args.host}]` : args.host;
  process.stdout.write(formatBanner(`http://${host}:${port}`, mounts, { admin: args.admin, rateLimit: describeRateLimitOptions(rateLimit) }));

  const close = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once("SIGINT", close);
  process.once("SIGTERM", close);
}
