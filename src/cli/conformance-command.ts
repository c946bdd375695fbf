import { writeFile } from "node:fs/promises";
import { deriveChecks } from "../../conformance/checks.js";
import { keyRoles, type KeyRole } from "../../conformance/key-roles.js";
import { loadFixture } from "../adapters/fixture-file.js";
import type { ReporterName } from "./commands/conformance.js";

export interface ConformanceCommandOptions {
  fixture: string;
  baseUrl?: string;
  /** role=value pairs from --key */
  keys: string[];
  allowDestructive: boolean;
  list: boolean;
  reporter: ReporterName;
  output?: string;
}

/** `mock-server conformance`: --list, or a run whose report goes to stdout or --output; exit 1 when a check failed. */
export async function runConformanceCommand(args: ConformanceCommandOptions): Promise<void> {
  const contract = await loadFixture(args.fixture);
  if (args.list) {
    for (const role of keyRoles(contract)) process.stdout.write(`key ${role.role}  ${role.description}\n`);
    for (const check of deriveChecks(contract)) process.stdout.write(`check ${check.id}  ${check.title}\n`);
    return;
  }
  const keys: Partial<Record<KeyRole, string>> = {};
  for (const role of keyRoles(contract)) {
    const fromEnv = process.env[`KEYMOCK_KEY_${role.role.toUpperCase()}`];
    if (fromEnv) keys[role.role] = fromEnv;
  }
  const known = new Set(keyRoles(contract).map((r) => r.role));
  for (const pair of args.keys) {
    const [role, ...rest] = pair.split("=");
    if (!known.has(role as KeyRole)) throw new Error(`[keymock] --key ${role}: the ${contract.title} contract has no key role "${role}"; roles: ${[...known].join(", ")}.`);
    keys[role as KeyRole] = rest.join("=");
  }
  const { conformance, report, summary } = await import("../../conformance/index.js");
  const results = await conformance({ contract, target: args.baseUrl, keys, allowDestructive: args.allowDestructive });
  const text = report(args.reporter, contract.name, results);
  if (args.output) {
    await writeFile(args.output, text);
    process.stdout.write(`${summary(results)} (report in ${args.output})\n`);
  } else process.stdout.write(text);
  if (results.some((r) => r.status === "fail")) process.exitCode = 1;
}
