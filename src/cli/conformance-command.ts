import { writeFile } from "node:fs/promises";
import { deriveChecks } from "../../conformance/checks/index.js";
import { keyRoles } from "../../conformance/roles.js";
import { keyEnvName } from "../../conformance/run.js";
import { parseRouteMap, knownEverywhere } from "../../conformance/routes.js";
import { loadFixture } from "../adapters/fixture-file.js";
import type { ReporterName } from "./commands/conformance.js";

export interface ConformanceCommandOptions {
  fixture: string;
  baseUrl?: string;
  /** role=value pairs from --key */
  keys: string[];
  /** "METHOD /contract/path=METHOD /target/path" pairs from --route */
  routes: string[];
  strict: boolean;
  allowDestructive: boolean;
  list: boolean;
  reporter: ReporterName;
  output?: string;
}

/** `mock-server conformance`: --list, or a run whose report goes to stdout or --output; exit 1 when a check failed. */
export async function runConformanceCommand(args: ConformanceCommandOptions): Promise<void> {
  const contract = await loadFixture(args.fixture);
  const routes = parseRouteMap(
    contract,
    Object.fromEntries(args.routes.map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)])),
  );
  const roles = keyRoles(contract, routes);
  if (args.list) {
    for (const role of roles) process.stdout.write(`key ${role.role}  ${role.description}\n`);
    for (const route of contract.routes.filter((r) => !knownEverywhere(contract, r, routes))) {
      process.stdout.write(`route ${route.method}:${route.path}  not in the source document: --route "${route.method} ${route.path}=<METHOD /path on the target>"\n`);
    }
    for (const check of deriveChecks(contract, { routes })) process.stdout.write(`check ${check.id}  ${check.title}\n`);
    return;
  }
  const keys: Record<string, string> = {};
  for (const role of roles) {
    const fromEnv = process.env[keyEnvName(role.role)];
    if (fromEnv) keys[role.role] = fromEnv;
  }
  const known = new Set(roles.map((r) => r.role));
  for (const pair of args.keys) {
    const [role = "", ...rest] = pair.split("=");
    if (!known.has(role)) throw new Error(`[keymock] --key ${role}: the ${contract.title} contract has no key role "${role}"; roles: ${[...known].join(", ")}.`);
    keys[role] = rest.join("=");
  }
  const { conformance, report, summary } = await import("../../conformance/index.js");
  // Without --base-url, the mock itself in this process: the engine behind a fetch-style handler, no port.
  const target = args.baseUrl ?? (await inProcessMock(contract));
  const results = await conformance({ contract, target, keys, routes, strict: args.strict, allowDestructive: args.allowDestructive });
  const text = report(args.reporter, contract.name, results);
  if (args.output) {
    await writeFile(args.output, text);
    process.stdout.write(`${summary(results)} (report in ${args.output})\n`);
  } else process.stdout.write(text);
  if (results.some((r) => r.status === "fail")) process.exitCode = 1;
}

async function inProcessMock(contract: Awaited<ReturnType<typeof loadFixture>>) {
  const [{ createEngine }, { fetchHandler }] = await Promise.all([import("../engine/engine.js"), import("../adapters/fetch-handler.js")]);
  return fetchHandler(await createEngine(contract));
}
