import type { AddressInfo } from "node:net";
import { loadFixture } from "../adapters/fixture-file.js";
import { trackInFlight } from "../adapters/in-flight.js";
import { listen } from "../adapters/listen.js";
import { createLogSink } from "../adapters/log-sink.js";
import { shutdown } from "../adapters/shutdown.js";
import { createRequestListener, type Mount } from "../adapters/request-listener.js";
import { bundledNames } from "../contract/bundled.js";
import { isLoopbackHost } from "../engine/admin-guard.js";
import { createEngine } from "../engine/engine.js";
import { formatBanner } from "./banner.js";
import { stdoutPolicy } from "./stdout-policy.js";
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
  /** --explain: name each decision in a response header */
  explain?: boolean;
  /** The admin API's token; required when listening beyond loopback. */
  adminToken?: string | undefined;
  /** --environment: the deployment to serve where a contract's environments are separate */
  environment?: string | undefined;
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
        explain: args.explain ?? false,
        rateLimit,
        startAt: args.startAt,
        adminToken: args.adminToken,
        ...(args.environment !== undefined && contract.separateEnvironments ? { environment: args.environment } : {}),
      }),
    })),
  );
  const log = createLogSink(process.stdout, { onFirstDrop: (why) => warn(`[keymock] Dropping log lines: ${why}. Requests are still served; the count is reported on exit.`) });
  stdoutPolicy.exitOnEpipe = false;
  process.once("exit", log.flush);
  const listener = createRequestListener(mounts, { log: log.write });
  const inFlight = trackInFlight();
  const server = await listen(listener, args.port, args.host, inFlight.ServerResponse);
  const { port } = server.address() as AddressInfo;
  const host = args.host.includes(":") ? `[${args.host}]` : args.host;
  process.stdout.write(formatBanner(`http://${host}:${port}`, mounts, { admin: args.admin, adminToken: args.adminToken !== undefined, rateLimit: describeRateLimitOptions(rateLimit) }));

  const stop = async (signal: NodeJS.Signals) => {
    // A second signal means now: exit at once, with the signal's conventional status.
    process.once(signal === "SIGINT" ? "SIGINT" : "SIGTERM", () => process.exit(signal === "SIGINT" ? 130 : 143));
    process.once(signal === "SIGINT" ? "SIGTERM" : "SIGINT", () => process.exit(signal === "SIGINT" ? 143 : 130));
    warn(`[keymock] Stopping: ${inFlight.count()} request(s) in flight, waiting up to ${DRAIN_SECONDS} s for them (send the signal again to stop at once).`);
    listener.streams.closeAll();
    const { cut } = await shutdown(server, inFlight, DRAIN_SECONDS * 1000);
    log.flush();
    if (log.dropped() > 0) warn(`[keymock] ${log.dropped()} log line(s) were dropped.`);
    if (cut > 0) warn(`[keymock] Stopped after ${DRAIN_SECONDS} s with ${cut} request(s) unfinished; they were cut.`);
    process.exitCode = cut > 0 ? 1 : 0;
    // Log lines queued for a reader that never reads would keep the process alive: give them a moment, then go.
    setTimeout(() => process.exit(), 1000).unref();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

const DRAIN_SECONDS = 5;

/** stderr may be gone too; a warning that cannot be read is no reason to stop serving. */
function warn(line: string): void {
  if (!process.stderr.destroyed) process.stderr.write(`${line}\n`);
}
process.stderr.on("error", () => undefined);
