import { createServer, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, seededKey, spawnMockServer, stopMockServers } from "./helpers.js";



describe("mock-server", () => {
  afterEach(stopMockServers);

  it("serves one fixture at its own paths on a free port, logs requests with the key redacted, and stops on SIGTERM", async () => {
    const server = await spawnMockServer(["--fixture", "moonkey", "--port", "0"]);
    const key = seededKey("moonkey", "key_test_docs");
    const response = await fetch(`${server.origin}/v1/auth/users/user_123`, { headers: { Authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    expect((await response.json()).email).toBe("user@example.com");
    const [, line] = await server.waitForOutput(/^(GET \/v1\/auth\/users\/user_123 .*)\n/m);
    expect(line).toMatch(/^GET \/v1\/auth\/users\/user_123 200 [\d.]+ms sk_test_…3p1r$/);
    expect(server.stdout() + server.stderr()).not.toContain(key);
    expect(await server.stop("SIGTERM")).toBe(0);
  });

  it("serves every bundled contract under its name by default", async () => {
    const server = await spawnMockServer(["--port", "0"]);
    const keys = await (await fetch(`${server.origin}/moonborn/__keymock/keys`)).json();
    expect(keys.map((k: { id: string }) => k.id)).toContain("key_owner_live");
    const monei = await fetch(`${server.origin}/monei/api/v1/user/me`, { headers: { "x-api-key": seededKey("monei", "key_sandbox_full") } });
    expect(monei.status).toBe(200);
    expect(await server.stop("SIGINT")).toBe(0);
  });

  it("starts the mock's clock where --clock says and switches the admin API off with --no-admin", async () => {
    const clocked = await spawnMockServer(["--fixture", "moonkey", "--port", "0", "--clock", "2027-01-01T00:00:00Z"]);
    const now = (await (await fetch(`${clocked.origin}/__keymock/clock`)).json()).now as string;
    // The clock runs on from --clock: what is asserted is where it started, not how long the start-up took.
    expect(Date.parse(now) - Date.parse("2027-01-01T00:00:00Z")).toBeGreaterThanOrEqual(0);
    expect(Date.parse(now) - Date.parse("2027-01-01T00:00:00Z")).toBeLessThan(10_000);
    await clocked.stop();
    const closed = await spawnMockServer(["--fixture", "moonkey", "--port", "0", "--no-admin"]);
    expect((await fetch(`${closed.origin}/__keymock/keys`)).status).toBe(404);
    await closed.stop();
  });

  it("says in the banner when rate limits are not the documented ones", async () => {
    const server = await spawnMockServer(["--fixture", "moonkey", "--port", "0", "--rate-limit", "scale=0.01"]);
    await server.waitForOutput(/Press Ctrl\+C to stop\.\n/);
    expect(server.stdout()).toContain("Rate limits: scaled ×0.01 (not the documented limits)");
    const live = { Authorization: `Bearer ${seededKey("moonkey", "key_live")}` };
    expect((await fetch(`${server.origin}/v1/auth/users/user_123`, { headers: live })).headers.get("x-ratelimit-limit")).toBe("10");
    await server.stop();
  });

  it("fails to start at once, with its stderr, rather than after a timeout, when the server exits before listening", async () => {
    await expect(spawnMockServer(["--fixture", "acme", "--port", "0"])).rejects.toThrow(
      /^mock-server --fixture acme --port 0 exited 1 before writing .*\nstderr: \[keymock\] Failed to load contract "acme": \$: no bundled contract is called "acme"/,
    );
  });

  it("says in one line that the port is in use, and exits non-zero", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const { port } = blocker.address() as AddressInfo;
    const result = await runCli(["--fixture", "moonkey", "--port", String(port)]);
    blocker.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `[keymock] Failed to listen on 127.0.0.1:${port}: port ${port} on 127.0.0.1 is already in use. Stop the other process or pass --port 0 to pick a free port.\n`,
    );
  });

  it.each([
    { args: ["--fixture", "acme"], error: /^\[keymock\] Failed to load contract "acme": \$: no bundled contract is called "acme"/ },
    { args: ["--prot", "80"], error: /^\[keymock\] Unknown argument: prot \(did you mean --port\?\)\. Run "mock-server --help" for the options\.\n$/ },
    { args: ["--fixtures", "moonkey", "--hots", "::1"], error: /^\[keymock\] Unknown arguments: fixtures \(did you mean --fixture\?\), hots \(did you mean --host\?\)\. Run/ },
    { args: ["conformance", "--fixture", "moonkey", "--reportr", "json"], error: /^\[keymock\] Unknown argument: reportr \(did you mean --reporter\?\)\. Run "mock-server conformance --help"/ },
    { args: ["--zzzzzz"], error: /^\[keymock\] Unknown argument: zzzzzz\. Run "mock-server --help" for the options\.\n$/ },
    { args: ["serv"], error: /^\[keymock\] Did you mean serve\? Run "mock-server --help" for the options\.\n$/ },
    { args: ["--fixture"], error: /^\[keymock\] Not enough arguments following: fixture\. Run "mock-server --help" for the options\.\n$/ },
    { args: ["--no-admin=yes"], error: /^\[keymock\] Unknown argument: no-admin\. Run/ },
    { args: ["--seed", "1.5"], error: /^\[keymock\] --seed must be a whole number, got "1\.5"\.\n$/ },
    { args: ["conformance", "--fixture", "moonkey", "--reporter", "xml"], error: /^\[keymock\] --reporter takes terminal, junit, json; got "xml"\.\n$/ },
    { args: ["validate"], error: /^\[keymock\] validate needs at least one fixture file or bundled name/ },
    { args: ["--port", "99999"], error: /^\[keymock\] --port must be a whole number from 0 to 65535, got "99999"\.\n$/ },
    { args: ["--clock", "next tuesday"], error: /^\[keymock\] --clock must be an ISO 8601 date-time such as 2027-01-01T00:00:00Z, got "next tuesday"\.\n$/ },
    { args: ["--fixture", "moonkey", "--port", "0", "--rate-limit", "half"], error: /^\[keymock\] --rate-limit takes "off", "scale=<factor above 0>" \(e\.g\. scale=0\.01\) or "ietf", got "half"\.\n$/ },
    { args: ["--port", "abc"], error: /^\[keymock\] --port must be a whole number from 0 to 65535, got "abc"\.\n$/ },
  ])("refuses $args in one line with a non-zero exit", async ({ args, error }) => {
    const result = await runCli(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(error);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("prints help for the whole CLI and for one command, and exits 0", async () => {
    const all = await runCli(["--help"]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/mock-server serve +Serve the bundled contracts/);
    expect(all.stdout).toMatch(/mock-server completion +print a bash\/zsh completion script/);
    const serve = await runCli(["serve", "--help"]);
    expect(serve.stdout).toMatch(/--port +port to listen on; 0 picks a free one +\[string\] \[default: "4010"\]/);
    expect(serve.stdout).toMatch(/--admin +serve the \/__keymock\/ admin API and dashboard \(--no-admin switches both off\)/);
    expect(serve.stdout).toMatch(/--explain +add X-Keymock-Decision to every response/);
    const conformance = await runCli(["conformance", "-h"]);
    expect(conformance.code).toBe(0);
    expect(conformance.stdout).toMatch(/--reporter +report format: terminal, junit, json/);
    expect(conformance.stdout).not.toContain("--port");
  });

  it("validates fixtures and prints each problem with its path", async () => {
    const ok = await runCli(["validate", "moonkey", "fixtures/monei.json"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("fixtures/monei.json: ok (Monei");
    const bad = await runCli(["validate", "package.json"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("package.json: $.title: expected a string; got nothing (this field is required)\n");
    expect(bad.stdout).toContain('package.json: $.scripts: unknown field; expected one of "$schema", "name", "title"');
  });
});
