import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { conformance } from "../conformance/index.js";
import { bundledContract, bundledNames } from "../src/contract/bundled.js";
import { parseContract } from "../src/contract/load.js";
import { driftKeys, startDriftServer, type Drift } from "./drift-server.js";

const acme = parseContract(JSON.parse(readFileSync("test/fixtures/drift.json", "utf8")), "test/fixtures/drift.json");
const failed = (results: { id: string; status: string }[]) => results.filter((r) => r.status === "fail").map((r) => r.id).sort();

describe("the mock keeps its own contracts", () => {
  it.each(bundledNames)("passes every generated check of %s in-process", async (name) => {
    const results = await conformance({ contract: bundledContract(name) });
    expect(failed(results)).toEqual([]);
    expect(results.filter((r) => r.status === "pass").length).toBeGreaterThanOrEqual(10);
    // The only skip allowed is a limit too large to exhaust within the check's request budget.
    for (const skip of results.filter((r) => r.status === "skip")) expect(skip.id).toBe("ratelimit.429-after-limit");
  });

  it.each(["moonkey", "moonborn"])("passes every check of %s when spawned as a separate process and targeted by URL", async (name) => {
    const child = spawn(process.execPath, ["bin/mock-server.js", "--fixture", name, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    const origin = await new Promise<string>((resolve) => {
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1] as string);
      });
    });
    try {
      const results = await conformance({ contract: bundledContract(name as "moonkey"), target: origin, allowDestructive: true });
      expect(failed(results)).toEqual([]);
      expect(results.filter((r) => r.status === "skip")).toEqual([]);
    } finally {
      child.kill("SIGTERM");
    }
  });
});

describe("a drifted deployment fails exactly the checks for the promise it breaks", () => {
  const servers: { close: () => void }[] = [];
  afterAll(() => servers.forEach((s) => s.close()));
  const run = async (drift: Drift, options: { keys?: Partial<typeof driftKeys>; allowDestructive?: boolean } = {}) => {
    const server = await startDriftServer(drift);
    servers.push(server);
    return conformance({ contract: acme, target: server.url, keys: options.keys ?? driftKeys, allowDestructive: options.allowDestructive ?? true });
  };

  it("passes everything on the honest server", async () => {
    const results = await run("none");
    expect(failed(results)).toEqual([]);
    expect(results.map((r) => r.status)).not.toContain("skip");
  });

  it.each([
    {
      drift: "envelope-shape",
      fails: ["auth.expired-key", "auth.insufficient-scope", "auth.key-kind-forbidden", "auth.malformed-key", "auth.missing-credential", "auth.revoked-key", "auth.unknown-key", "envelope.shape", "keys.validation-400", "ratelimit.429-after-limit"],
    },
    { drift: "403-for-missing", fails: ["auth.missing-credential"] },
    { drift: "reset-in-ms", fails: ["ratelimit.reset-in-future"] },
    { drift: "remaining-stuck", fails: ["ratelimit.remaining-decrements"] },
    { drift: "plaintext-again", fails: ["keys.issue-once"] },
    { drift: "wildcard-to-anyone", fails: ["keys.wildcard-owner-only"] },
    { drift: "public-on-secret", fails: ["auth.key-kind-forbidden"] },
  ] as { drift: Drift; fails: string[] }[])("$drift fails $fails", async ({ drift, fails }) => {
    const results = await run(drift);
    expect(failed(results)).toEqual(fails);
    const failure = results.find((r) => r.id === fails[0]);
    expect(failure?.expected).not.toEqual(failure?.actual);
  });

  it("skips checks whose key was not given, saying how to give it, and destructive checks without --allow-destructive", async () => {
    const results = await run("none", { keys: { valid: driftKeys.valid }, allowDestructive: false });
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId["auth.revoked-key"]).toMatchObject({ status: "skip", reason: expect.stringContaining("--key revoked=… or KEYMOCK_KEY_REVOKED") });
    expect(byId["keys.issue-once"]).toMatchObject({ status: "skip", reason: expect.stringContaining("--allow-destructive") });
    expect(byId["ratelimit.429-after-limit"]?.status).toBe("skip");
    expect(failed(results)).toEqual([]);
  });
});

describe("mock-server conformance", () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["bin/mock-server.js", "conformance", ...args], { env: { ...process.env, ...env } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });

  it("lists key roles and checks one a line, for scripts", async () => {
    const { code, stdout } = await cli(["--fixture", "moonkey", "--list"]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe("key valid  an active key allowed on GET /v1/auth/users");
    expect(lines.every((l) => /^(key|check) \S+  \S/.test(l))).toBe(true);
    expect(lines).toContain("check ratelimit.429-after-limit  the request after the limit answers 429 in the envelope with Retry-After");
  });

  it("exits 1 and writes JUnit when a deployment drifts, taking keys from flags and the environment", async () => {
    const server = await startDriftServer("403-for-missing");
    try {
      const { valid, ...others } = driftKeys;
      const flags = Object.entries(others).flatMap(([role, key]) => ["--key", `${role}=${key}`]);
      const output = `${process.env["TMPDIR"] ?? "/tmp"}/keymock-junit-${process.pid}.xml`;
      const result = await cli(["--fixture", "test/fixtures/drift.json", "--base-url", server.url, ...flags, "--reporter", "junit", "--output", output], { KEYMOCK_KEY_VALID: valid });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(`14 passed, 1 failed, 3 skipped (report in ${output})\n`);
      const xml = readFileSync(output, "utf8");
      expect(xml).toContain('<testsuites tests="18" failures="1" skipped="3"');
      expect(xml).toMatch(/name="auth.missing-credential: [^"]*" time="[\d.]+">\s*<failure message="status for missing_credentials">expected: 401\nactual: 403<\/failure>/);
    } finally {
      server.close();
    }
  });

  it("refuses a key role the contract does not have, in one line", async () => {
    const { code, stderr } = await cli(["--fixture", "moonkey", "--key", "admin=x"]);
    expect(code).toBe(1);
    expect(stderr).toBe('[keymock] --key admin: the MoonKey contract has no key role "admin"; roles: valid, revoked, expired, limited.\n');
  });
});
