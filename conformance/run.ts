import request from "supertest";
import type { App } from "supertest/types.js";
import { createEngine, type Contract } from "../src/index.js";
import { createRequestListener } from "../src/node.js";
import { CheckFailure, CheckSkip, type CheckContext } from "./check.js";
import { deriveChecks } from "./checks.js";
import { keyRoles, type KeyRole, type RoleSpec } from "./key-roles.js";

export interface CheckResult {
  id: string;
  title: string;
  status: "pass" | "fail" | "skip";
  reason?: string;
  expected?: unknown;
  actual?: unknown;
  ms: number;
}

export interface ConformanceOptions {
  contract: Contract;
  /** a base URL, or an app/server supertest can drive without a port; default: a fresh in-process mock */
  target?: string | App;
  /** keys by role; missing roles are looked up in the target's /__keymock/keys when it is a keymock */
  keys?: Partial<Record<KeyRole, string>>;
  /** run checks that use up quota or create resources on a URL target */
  allowDestructive?: boolean;
}

/**
 * Runs every check the contract documents against the target, in order; never throws for a failing check.
 * @example const results = await conformance({ contract: bundledContract("moonkey") })
 */
export async function conformance(options: ConformanceOptions): Promise<CheckResult[]> {
  const { contract } = options;
  const inProcess = options.target === undefined;
  const target = options.target ?? createRequestListener([{ prefix: "", engine: await createEngine(contract) }]);
  const roles = Object.fromEntries(keyRoles(contract).map((r) => [r.role, r])) as Partial<Record<KeyRole, RoleSpec>>;
  const discovered = await discoverKeys(target, roles);
  const isMock = inProcess || discovered !== undefined;
  const keys = { ...discovered, ...options.keys };
  const context: CheckContext = {
    contract,
    request: (method, path) => request(target)[method.toLowerCase() as "get"](path),
    keys,
    roles,
    target: isMock ? "mock" : "url",
    baseUrl: typeof target === "string" ? target.replace(/\/$/, "") : undefined,
  };
  const results: CheckResult[] = [];
  for (const check of deriveChecks(contract)) {
    const started = performance.now();
    const base = { id: check.id, title: check.title };
    const missing = check.needs.filter((role) => !keys[role]);
    if (missing.length > 0) {
      const how = missing.map((role) => `--key ${role}=… or KEYMOCK_KEY_${role.toUpperCase()} (${roles[role]?.description ?? "not defined by this contract"})`).join("; ");
      results.push({ ...base, status: "skip", reason: `needs a ${missing.join(" and a ")} key: pass ${how}`, ms: 0 });
      continue;
    }
    if (check.destructive && !inProcess && !options.allowDestructive) {
      results.push({ ...base, status: "skip", reason: "uses up quota or creates resources on the target: pass --allow-destructive to run it", ms: 0 });
      continue;
    }
    try {
      await check.run(context);
      results.push({ ...base, status: "pass", ms: performance.now() - started });
    } catch (error) {
      if (error instanceof CheckSkip) {
        results.push({ ...base, status: "skip", reason: error.message, ms: performance.now() - started });
        continue;
      }
      const failure = error instanceof CheckFailure ? error : undefined;
      results.push({
        ...base,
        status: "fail",
        reason: failure?.message ?? `the check could not run: ${(error as Error).message}`,
        expected: failure?.expected,
        actual: failure?.actual,
        ms: performance.now() - started,
      });
    }
  }
  return results;
}

/** A keymock target lists its keys; the seeded key that plays each role is looked up by id. */
async function discoverKeys(target: string | App, roles: Partial<Record<KeyRole, RoleSpec>>): Promise<Partial<Record<KeyRole, string>> | undefined> {
  const response = await request(target).get("/__keymock/keys").catch(() => undefined);
  if (!response || response.status !== 200 || !Array.isArray(response.body)) return undefined;
  const plaintexts = new Map<string, string>();
  for (const key of response.body as { id: string; plaintext?: string }[]) if (key.plaintext) plaintexts.set(key.id, key.plaintext);
  const keys: Partial<Record<KeyRole, string>> = {};
  for (const [role, spec] of Object.entries(roles)) {
    const plaintext = spec?.seededId ? plaintexts.get(spec.seededId) : undefined;
    if (plaintext) keys[role as KeyRole] = plaintext;
  }
  return keys;
}
