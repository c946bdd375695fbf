import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";



describe("mock-server on yargs: version, environment, completion", () => {
  it("prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    const result = await runCli(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("takes a flag from KEYMOCK_<FLAG> (here, a bad port, so nothing starts)", async () => {
    const result = await runCli([], { KEYMOCK_PORT: "99999" });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('[keymock] --port must be a whole number from 0 to 65535, got "99999".\n');
  });

  it("lets a flag on the command line win over the environment", async () => {
    const result = await runCli(["--seed", "x"], { KEYMOCK_SEED: "7" });
    expect(result.stderr).toBe('[keymock] --seed must be a whole number, got "x".\n');
  });

  it("accepts KEYMOCK_KEY_<ROLE> for conformance although the CLI is strict, and uses the key", async () => {
    const result = await runCli(["conformance", "--fixture", "moonkey", "--reporter", "json"], { KEYMOCK_KEY_VALID: "sk_test_not_a_real_key" });
    expect(result.stderr).toBe("");
    const { results } = JSON.parse(result.stdout) as { results: { id: string; status: string }[] };
    // The given key overrides the one the in-process mock would offer, so the valid-key check fails with it.
    expect(results.find((r) => r.id === "auth.valid-key")?.status).toBe("fail");
    expect(result.code).toBe(1);
  });

  it("prints a bash completion script, and completes the command names", async () => {
    const script = await runCli(["completion"]);
    expect(script.code).toBe(0);
    expect(script.stdout).toContain("complete -o bashdefault -o default -F _mock-server_yargs_completions mock-server");
    const words = await runCli(["--get-yargs-completions", "mock-server", ""]);
    expect(words.stdout.split("\n")).toEqual(expect.arrayContaining(["serve", "validate", "conformance"]));
  });
});

describe("mock-server init, openapi and import on the command line", () => {
  it("writes a starter contract that validate accepts", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "keymock-init-")), "acme.json");
    const init = await runCli(["init", "--name", "acme", "--out", out, "--header", "X-API-Key", "--prefix", "sandbox=acme_sb_"]);
    expect(init).toMatchObject({ code: 0, stderr: "" });
    expect(init.stdout).toContain("1 key environments, 4 routes");
    const validated = await runCli(["validate", out]);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain(": ok (");
    expect(await runCli(["init", "--name", "acme", "--out", out])).toMatchObject({ code: 1 });
  });

  it("prints a bundled contract as OpenAPI 3.1", async () => {
    const result = await runCli(["openapi", "--fixture", "moonkey"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ openapi: "3.1.0", servers: [{ url: "https://api.moonkey.fun" }] });
  });

  it("drafts a contract from an OpenAPI document, and asks for one when none is given", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "keymock-import-")), "petstore.json");
    const result = await runCli(["import", "node_modules/@readme/oas-examples/3.0/yaml/petstore.yaml", "--out", out]);
    expect(result.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(await runCli(["import"])).toMatchObject({ code: 1, stderr: '[keymock] import needs an OpenAPI document, e.g. "mock-server import openapi.yaml".\n' });
  });
});
