import { readFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { conformance, deriveChecks, type CheckResult } from "../conformance/index.js";
import { fetchHandler } from "../src/adapters/fetch-handler.js";
import { bundledContract, bundledNames, type BundledName } from "../src/contract/bundled.js";
import { parseContract } from "../src/contract/load.js";
import { createEngine } from "../src/engine/engine.js";
import { driftKeys, startDriftServer, type Drift } from "./drift-server.js";
import { runCli, spawnMockServer, stopMockServers } from "./helpers.js";
import { moneiKeys, moneiRoutes, moonkeyKeys } from "./independent/keys.js";
import { startMonei, type MoneiDrift } from "./independent/monei-server.js";
import { startMoonKey, type MoonKeyDrift } from "./independent/moonkey-server.js";

const acme = parseContract(JSON.parse(readFileSync("test/fixtures/drift.json", "utf8")), "test/fixtures/drift.json");
const withStatus = (results: CheckResult[], status: CheckResult["status"]) => results.filter((r) => r.status === status).map((r) => r.id).sort();
const inProcess = async (name: BundledName) => fetchHandler(await createEngine(bundledContract(name)));

// The one check the mock cannot finish within a check's request budget, and says so.
const budgetSkips: Partial<Record<BundledName, string[]>> = { moodmnky: ["ratelimit.429.production"] };

afterEach(stopMockServers);

describe("the mock keeps its own contracts, documented and assumed facts alike (--strict)", () => {
  it.each(bundledNames)("%s: every check passes in-process; nothing warns", async (name) => {
    const results = await conformance({ contract: bundledContract(name), target: await inProcess(name), strict: true });
    expect(results.filter((r) => r.status === "fail" || r.status === "warn")).toEqual([]);
    expect(withStatus(results, "skip")).toEqual(budgetSkips[name] ?? []);
    expect(withStatus(results, "pass")).toEqual(deriveChecks(bundledContract(name)).map((c) => c.id).filter((id) => !budgetSkips[name]?.includes(id)).sort());
  });

  it.each(["moonkey", "moonborn", "monei"] as const)("%s: every check passes against the spawned server by URL", async (name) => {
    const server = await spawnMockServer(["--fixture", name, "--port", "0"]);
    try {
      const results = await conformance({ contract: bundledContract(name), target: server.origin, allowDestructive: true, strict: true });
      expect(results.filter((r) => r.status === "fail" || r.status === "warn")).toEqual([]);
      // The mock answers its admin API, so even over plain http:// it is checked as the mock: nothing is skipped.
      expect(withStatus(results, "skip")).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it("a check whose header is absent fails rather than passing on NaN, and nothing passes against a server that ignores keys", async () => {
    const open = async () => new Response('{"ok":true}', { status: 200, headers: { "Content-Type": "application/json" } });
    const results = await conformance({ contract: bundledContract("moonkey"), target: open, keys: { valid: "sk_test_x", revoked: "sk_test_y", expired: "sk_test_z" } });
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId["ratelimit.remaining-decrements"]?.status).toBe("fail");
    for (const id of ["auth.missing-credential", "auth.revoked-key", "auth.expired-key", "ratelimit.headers.test", "not-found.get-v1-auth-users-id"]) expect(byId[id]?.status).toBe("fail");
  });
});

describe("independent deployments written from the vendor documents alone", () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(() => Promise.all(closers.map((close) => close())));

  const moonkey = async (drift: MoonKeyDrift) => {
    const server = await startMoonKey(drift);
    closers.push(server.close);
    return conformance({ contract: bundledContract("moonkey"), target: server.url, keys: moonkeyKeys(server), allowDestructive: true });
  };
  const monei = async (drift: MoneiDrift) => {
    const server = await startMonei(drift);
    closers.push(server.close);
    return conformance({ contract: bundledContract("monei"), target: server.url, keys: moneiKeys(server), routes: moneiRoutes(server), allowDestructive: true });
  };
  /** Skips a faithful deployment may get: a route the document does not name, or HTTPS over http://. */
  const expectOnlyExplainedSkips = (results: CheckResult[]) => {
    for (const skip of results.filter((r) => r.status === "skip")) {
      expect(skip.reason).toMatch(/which the source document does not name: pass --route|cannot be observed: point --base-url at the https:\/\//);
    }
  };

  it("MoonKey: 0 failures; its own wording and codes are warnings, not failures", async () => {
    const results = await moonkey("none");
    expect(withStatus(results, "fail")).toEqual([]);
    expectOnlyExplainedSkips(results);
    expect(withStatus(results, "pass")).toEqual(expect.arrayContaining(["auth.environment.live", "response.get-v1-auth-users-id", "response.post-v1-auth-users", "ratelimit.headers.live"]));
    const warned = results.find((r) => r.id === "auth.unknown-key");
    expect(warned).toMatchObject({ status: "warn", reason: "assumption differs: body.error.message", expected: "Invalid API key." });
  });

  it("Monei: 0 failures with the user's routes named", async () => {
    const results = await monei("none");
    expect(withStatus(results, "fail")).toEqual([]);
    expectOnlyExplainedSkips(results);
    expect(withStatus(results, "pass")).toEqual(expect.arrayContaining(["auth.missing-credential", "auth.other-environment.production", "permissions.read_only.read"]));
    // Refused as documented, in its own words: a warning on the message only.
    expect(results.find((r) => r.id === "permissions.read_only.transactions")).toMatchObject({ status: "warn", reason: "assumption differs: body.message" });
  });

  it.each([
    { drift: "test-limit-60", fails: ["ratelimit.429.test", "ratelimit.headers.test"] },
    { drift: "live-refused", fails: ["auth.environment.live", "ratelimit.429.live", "ratelimit.headers.live"] },
    { drift: "create-200", fails: ["response.post-v1-auth-users"] },
    { drift: "400-body-changed", fails: ["validation.post-v1-auth-users.email.required"] },
    { drift: "unknown-user-200", fails: ["not-found.get-v1-auth-users-id"] },
    { drift: "no-headers-on-429", fails: ["ratelimit.429.live", "ratelimit.429.test"] },
  ] as { drift: MoonKeyDrift; fails: string[] }[])("MoonKey drift $drift fails $fails", async ({ drift, fails }) => {
    expect(withStatus(await moonkey(drift), "fail")).toEqual(fails);
  });

  it.each([
    { drift: "production-on-sandbox", fails: ["auth.other-environment.production"] },
    { drift: "readonly-transacts", fails: ["permissions.read_only.transactions"] },
    { drift: "transactions-changes-account", fails: ["permissions.transactions.account"] },
    {
      drift: "401-body-changed",
      fails: ["auth.expired-key", "auth.malformed-key", "auth.missing-credential", "auth.other-environment.production", "auth.revoked-key", "auth.unknown-key"],
    },
  ] as { drift: MoneiDrift; fails: string[] }[])("Monei drift $drift fails $fails", async ({ drift, fails }) => {
    expect(withStatus(await monei(drift), "fail")).toEqual(fails);
  });
});

describe("a drifted deployment of a contract without provenance fails exactly the checks for the promise it breaks", () => {
  const servers: { close: () => void }[] = [];
  afterAll(() => servers.forEach((s) => s.close()));
  const run = async (drift: Drift, options: { keys?: Partial<typeof driftKeys>; allowDestructive?: boolean } = {}) => {
    const server = await startDriftServer(drift);
    servers.push(server);
    return conformance({ contract: acme, target: server.url, keys: options.keys ?? driftKeys, allowDestructive: options.allowDestructive ?? true });
  };

  it("passes everything on the honest server", async () => {
    const results = await run("none");
    expect(withStatus(results, "fail")).toEqual([]);
    expect(withStatus(results, "warn")).toEqual([]);
    expect(withStatus(results, "skip")).toEqual([]);
  });

  it.each([
    {
      drift: "envelope-shape",
      fails: ["auth.expired-key", "auth.insufficient-scope", "auth.key-kind-forbidden", "auth.malformed-key", "auth.missing-credential", "auth.revoked-key", "auth.unknown-key", "keys.wildcard-owner-only", "not-found.get-v1-api-keys-id", "ratelimit.429.default", "validation.post-v1-api-keys.environment.enum", "validation.post-v1-api-keys.name.required", "validation.post-v1-api-keys.scopes.items", "validation.post-v1-api-keys.scopes.minItems", "validation.post-v1-api-keys.scopes.required"],
    },
    { drift: "403-for-missing", fails: ["auth.missing-credential"] },
    { drift: "reset-in-ms", fails: ["ratelimit.headers.default"] },
    { drift: "remaining-stuck", fails: ["ratelimit.429.default", "ratelimit.remaining-decrements"] },
    { drift: "plaintext-again", fails: ["keys.issue-once"] },
    { drift: "wildcard-to-anyone", fails: ["keys.wildcard-owner-only"] },
    { drift: "public-on-secret", fails: ["auth.key-kind-forbidden"] },
  ] as { drift: Drift; fails: string[] }[])("$drift fails $fails", async ({ drift, fails }) => {
    const results = await run(drift);
    expect(withStatus(results, "fail")).toEqual(fails);
    const failure = results.find((r) => r.id === fails[0]);
    expect(failure?.expected).not.toEqual(failure?.actual);
  });

  it("skips checks whose key was not given, saying how to give it, and destructive checks without --allow-destructive", async () => {
    const results = await run("none", { keys: { valid: driftKeys.valid }, allowDestructive: false });
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId["auth.revoked-key"]).toMatchObject({ status: "skip", reason: expect.stringContaining("--key revoked=… or KEYMOCK_KEY_REVOKED") });
    expect(byId["keys.issue-once"]).toMatchObject({ status: "skip", reason: expect.stringContaining("--allow-destructive") });
    expect(byId["ratelimit.429.default"]?.status).toBe("skip");
    expect(withStatus(results, "fail")).toEqual([]);
  });
});

describe("window boundaries do not make the rate-limit checks flaky", () => {
  // A deployment of the acme contract (20 a window) whose window rolls over after the `rollAt`-th request it counts.
  const rollingTarget = (rollAt: number, limit = 20) => {
    let counted = 0;
    let used = 0;
    return async (request: Request) => {
      if (request.headers.get("authorization") !== `Bearer ${driftKeys.valid}`) return new Response("{}", { status: 401 });
      if (++counted === rollAt) used = 0;
      const allowed = used < limit;
      if (allowed) used++;
      const headers = { "Content-Type": "application/json", "X-RateLimit-Limit": String(limit), "X-RateLimit-Remaining": String(limit - used), "X-RateLimit-Reset": String(Math.ceil(Date.now() / 1000) + 30) };
      const body = allowed ? { data: [] } : { error: { code: "rate_limited", message: "Slow down." } };
      return new Response(JSON.stringify(body), { status: allowed ? 200 : 429, headers: { ...headers, "Retry-After": "30" } });
    };
  };
  const run = async (target: (request: Request) => Promise<Response>) =>
    (await conformance({ contract: acme, target, keys: { valid: driftKeys.valid }, allowDestructive: true })).find((r) => r.id === "ratelimit.429.default");

  it.each([1, 5, 12, 19, 21])("passes when the window rolls over at request %i", async (rollAt) => {
    const result = await run(rollingTarget(rollAt));
    expect(result?.findings ?? []).toEqual([]);
    expect(result?.status).toBe("pass");
  });

  it("still fails a deployment that lets 25 through instead of 20, wherever the window rolls", async () => {
    for (const rollAt of [1, 12]) expect((await run(rollingTarget(rollAt, 25)))?.status).toBe("fail");
  });
});

describe("mock-server conformance", () => {
  const cli = (args: string[], env: Record<string, string> = {}) => runCli(["conformance", ...args], env);

  it("lists key roles, undocumented routes and checks one a line, for scripts", async () => {
    const { code, stdout } = await cli(["--fixture", "moonkey", "--list"]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe("key valid  an active test key allowed on GET /v1/auth/users/:id");
    expect(lines.every((l) => /^(key|route|check) \S+  \S/.test(l))).toBe(true);
    expect(lines).toContain("key env-live  an active live key allowed on GET /v1/auth/users/:id");
    expect(lines).toContain('route GET:/v1/wallets  not in the source document: --route "GET /v1/wallets=<METHOD /path on the target>"');
    expect(lines).toContain("check ratelimit.429.live  the request after a live key's 1000th in a window answers 429 with the documented headers");
    expect(lines.some((l) => l.startsWith("route GET:/v1/auth/users/:id"))).toBe(false);
  });

  it("exits 0 with warnings in the report, and 1 with --strict, against a faithful deployment", async () => {
    const server = await startMoonKey("none");
    try {
      const flags = Object.entries(moonkeyKeys(server)).flatMap(([role, key]) => ["--key", `${role}=${key}`]);
      const lenient = await cli(["--fixture", "moonkey", "--base-url", server.url, ...flags]);
      expect(lenient.code).toBe(0);
      expect(lenient.stdout).toContain(`! warn  auth.unknown-key`);
      expect(lenient.stdout).toContain('warn  assumption differs: body.error.message: expected "Invalid API key.", got "Invalid or missing API key." ($.errors.cases.unknown_key.message)');
      expect(lenient.stdout).toMatch(/\d+ passed, 0 failed, \d+ skipped, \d+ warned\n$/);
      const strict = await cli(["--fixture", "moonkey", "--base-url", server.url, "--strict", ...flags]);
      expect(strict.code).toBe(1);
      expect(strict.stdout).toMatch(/✗ fail {2}auth\.unknown-key/);
    } finally {
      await server.close();
    }
  });

  it("exits 1 and writes JUnit when a deployment drifts, taking keys from flags and the environment; warnings are properties", async () => {
    const server = await startMoonKey("create-200");
    try {
      const { valid, ...others } = moonkeyKeys(server);
      const flags = Object.entries(others).flatMap(([role, key]) => ["--key", `${role}=${key}`]);
      const output = `${process.env["TMPDIR"] ?? "/tmp"}/keymock-junit-${process.pid}.xml`;
      const result = await cli(["--fixture", "moonkey", "--base-url", server.url, ...flags, "--allow-destructive", "--reporter", "junit", "--output", output], { KEYMOCK_KEY_VALID: valid });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^\d+ passed, 1 failed, \d+ skipped, \d+ warned \(report in .*\)\n$/);
      const xml = readFileSync(output, "utf8");
      expect(xml).toMatch(/name="response.post-v1-auth-users: [^"]*" time="[\d.]+">\s*<failure message="status of POST \/v1\/auth\/users">status of POST \/v1\/auth\/users: expected 201, got &quot;200 /);
      expect(xml).toMatch(/<property name="warning" value="assumption differs: body.error.message: expected &quot;Invalid API key.&quot;/);
    } finally {
      await server.close();
    }
  });

  it("names the routes a check needs where the document names none, and takes them from --route", async () => {
    const server = await startMonei("readonly-transacts");
    try {
      const keys = Object.entries(moneiKeys(server)).flatMap(([role, key]) => ["--key", `${role}=${key}`]);
      const without = await cli(["--fixture", "monei", "--base-url", server.url, ...keys]);
      expect(without.code).toBe(0);
      expect(without.stdout).toContain('skipped: needs POST /api/v1/transactions, which the source document does not name: pass --route "POST /api/v1/transactions=<METHOD /path on the target>"');
      const routes = Object.entries(moneiRoutes(server)).flatMap(([route, on]) => ["--route", `${route}=${on}`]);
      const named = await cli(["--fixture", "monei", "--base-url", server.url, ...keys, ...routes]);
      expect(named.code).toBe(1);
      expect(named.stdout).toMatch(/✗ fail {2}permissions\.read_only\.transactions/);
    } finally {
      await server.close();
    }
  });

  it("refuses a key role or a route the contract does not have, in one line", async () => {
    const role = await cli(["--fixture", "moonkey", "--key", "admin=x"]);
    expect(role.code).toBe(1);
    expect(role.stderr).toBe('[keymock] --key admin: the MoonKey contract has no key role "admin"; roles: valid, env-live, revoked, expired, limited.\n');
    const route = await cli(["--fixture", "moonkey", "--route", "GET /v1/nope=GET /x"]);
    expect(route.code).toBe(1);
    expect(route.stderr).toMatch(/^\[keymock\] --route "GET \/v1\/nope": the MoonKey contract has no route GET \/v1\/nope; routes: GET \/v1\/auth\/users, /);
  });
});
