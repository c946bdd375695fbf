import type { Contract } from "../src/contract/schema.js";
import { routeName, type Check, type CheckContext, type MockControl } from "./check.js";
import { deriveChecks } from "./checks/index.js";
import { keyRoles, type RoleSpec } from "./roles.js";
import { locateRoute, parseRouteMap, type RouteMap } from "./routes.js";
import { createTransport, type FetchTarget, type Transport } from "./target.js";
import { CheckSkip, Verdict, type Finding } from "./verdict.js";

export interface CheckResult {
  id: string;
  title: string;
  /** warn: only assumed facts differ (a failure with --strict) */
  status: "pass" | "fail" | "warn" | "skip";
  reason?: string;
  expected?: unknown;
  actual?: unknown;
  /** every difference the check found, failures and warnings */
  findings?: Finding[];
  ms: number;
}

export interface ConformanceOptions {
  contract: Contract;
  /** a base URL, or an in-process target such as `fetchHandler(await createEngine(contract))` */
  target: string | FetchTarget;
  /** keys by role (see keyRoles); roles not given are looked up in the target's /__keymock/keys when it is a keymock */
  keys?: Partial<Record<string, string>>;
  /** fixture routes named on the target: { "POST /v1/transactions": "POST /api/transfers" } */
  routes?: RouteMap;
  /** run checks that use up quota or create resources on a URL target */
  allowDestructive?: boolean;
  /** a difference in an assumed fact fails instead of warning */
  strict?: boolean;
}

/**
 * Runs every check the contract documents against the target, in order; never throws for a failing check.
 * @example const results = await conformance({ contract: bundledContract("moonkey"), target: "https://staging.example.com", keys: { valid } })
 */
export async function conformance(options: ConformanceOptions): Promise<CheckResult[]> {
  const { contract } = options;
  if (options.target === undefined) {
    throw new Error("[keymock] conformance() needs a target: a base URL, or fetchHandler(await createEngine(contract)) from \"keymock\" for an in-process mock.");
  }
  const map = parseRouteMap(contract, options.routes ?? {});
  const transport = createTransport(contract, options.target);
  const roles = keyRoles(contract, map);
  const discovered = await discoverMock(transport, roles);
  const keys = { ...discovered?.keys, ...options.keys };
  const isMock = discovered !== undefined;
  const inProcess = typeof options.target === "function";
  const locate: CheckContext["locate"] = (route, id) => locateRoute(contract, map, isMock, route, id);
  const context: CheckContext = {
    contract,
    transport,
    keys,
    target: isMock ? "mock" : "url",
    mock: discovered?.control,
    locate,
    call(route, { id, ...send } = {}) {
      const at = locate(route, id) as { method: string; path: string };
      return transport.send(at.method, at.path, send);
    },
  };
  const results: CheckResult[] = [];
  for (const check of deriveChecks(contract, { routes: map })) {
    const started = performance.now();
    const skip = reasonToSkip(check, context, roles, inProcess || options.allowDestructive === true);
    if (skip) {
      results.push({ id: check.id, title: check.title, status: "skip", reason: skip, ms: 0 });
      continue;
    }
    results.push({ ...(await runCheck(check, context, options.strict === true)), ms: performance.now() - started });
  }
  return results;
}

function reasonToSkip(check: Check, context: CheckContext, roles: RoleSpec[], destructiveAllowed: boolean): string | undefined {
  const missing = check.needs.filter((role) => !context.keys[role]);
  if (missing.length > 0) {
    const how = missing.map((role) => `--key ${role}=… or ${keyEnvName(role)} (${roles.find((r) => r.role === role)?.description ?? "not defined by this contract"})`);
    return `needs a ${missing.join(" and a ")} key: pass ${how.join("; ")}`;
  }
  const unnamed = check.routes.filter((route) => !context.locate(route));
  if (unnamed.length > 0) {
    const how = unnamed.map((route) => `--route "${routeName(route)}=<METHOD /path on the target>"`);
    return `needs ${unnamed.map(routeName).join(" and ")}, which the source document does not name: pass ${how.join(" ")} (conformance({ routes }))`;
  }
  if (check.destructive && !destructiveAllowed) return "uses up quota or creates resources on the target: pass --allow-destructive to run it";
  return undefined;
}

/** The environment variable a key role can come from: KEYMOCK_KEY_VALID, KEYMOCK_KEY_ROLE_READ_ONLY, … */
export const keyEnvName = (role: string) => `KEYMOCK_KEY_${role.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;

async function runCheck(check: Check, context: CheckContext, strict: boolean): Promise<Omit<CheckResult, "ms">> {
  const base = { id: check.id, title: check.title };
  const verdict = new Verdict(context.contract);
  try {
    await check.run(context, verdict);
  } catch (error) {
    if (error instanceof CheckSkip) return { ...base, status: "skip", reason: error.message };
    return { ...base, status: "fail", reason: `the check could not run: ${(error as Error).message}`, findings: verdict.findings };
  }
  const findings = verdict.findings.map((f): Finding => (strict && f.level === "warn" ? { ...f, level: "fail" } : f));
  const first = findings.find((f) => f.level === "fail") ?? findings[0];
  if (!first) return { ...base, status: "pass" };
  const status = first.level;
  const reason = status === "warn" ? `assumption differs: ${first.what}` : first.what;
  return { ...base, status, reason, expected: first.expected, actual: first.actual, findings };
}

/** A keymock target answers its admin API: its seeded keys play the roles, sessions come from it, its clock moves. */
async function discoverMock(transport: Transport, roles: RoleSpec[]): Promise<{ keys: Record<string, string>; control: MockControl } | undefined> {
  const listed = await transport.send("GET", "/__keymock/keys").catch(() => undefined);
  if (!listed || listed.status !== 200 || !Array.isArray(listed.body)) return undefined;
  const plaintexts = new Map<string, string>();
  for (const key of listed.body as { id: string; plaintext?: string }[]) if (key.plaintext) plaintexts.set(key.id, key.plaintext);
  const keys: Record<string, string> = {};
  for (const spec of roles) {
    const plaintext = spec.seededId ? plaintexts.get(spec.seededId) : undefined;
    if (plaintext) keys[spec.role] = plaintext;
    if (spec.sessionMember) {
      const session = await transport.send("POST", "/__keymock/sessions", { json: { member: spec.sessionMember } });
      const token = (session.body as { token?: unknown } | null)?.token;
      if (typeof token === "string") keys[spec.role] = token;
    }
  }
  const control: MockControl = {
    async now() {
      const reply = await transport.send("GET", "/__keymock/clock");
      return Date.parse((reply.body as { now: string }).now);
    },
    async setClock(ms) {
      await transport.send("POST", "/__keymock/clock", { json: { set: new Date(ms).toISOString() } });
    },
  };
  return { keys, control };
}
