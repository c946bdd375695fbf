import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFixture } from "../src/adapters/fixture-file.js";
import { bundledContract, bundledNames } from "../src/contract/bundled.js";
import { ContractError, parseContractText } from "../src/contract/load.js";
import { bundledFixtureNames, compileBundled } from "../src/contract/compile-bundled.js";
import { contractJsonSchemaText } from "../src/contract/json-schema.js";

const dir = mkdtempSync(join(tmpdir(), "keymock-fixture-"));
const moonkey = JSON.parse(readFileSync("fixtures/moonkey.json", "utf8"));

function writeFixture(name: string, data: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof data === "string" ? data : JSON.stringify(data));
  return path;
}

async function loadError(path: string): Promise<ContractError> {
  const error = await loadFixture(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ContractError);
  return error as ContractError;
}

describe("a bad fixture file is named with the JSON path and what was expected", () => {
  it("names the file and path of an out-of-range status", async () => {
    const broken = structuredClone(moonkey);
    broken.errors.cases.rate_limited.status = 700;
    const path = writeFixture("status.json", broken);
    const error = await loadError(path);
    expect(error.lines()).toEqual([`${path}: $.errors.cases.rate_limited.status: expected a number 400-599; got 700`]);
    expect(error.message).toBe(
      `[keymock] Failed to load contract "${path}": $.errors.cases.rate_limited.status: expected a number 400-599; got 700. Run "mock-server validate ${path}" for every problem at once.`,
    );
  });

  it("reports every problem at once, including references the schema cannot see", async () => {
    const broken = structuredClone(moonkey);
    broken.keys[0].kind = "secret_staging";
    broken.keys[2].scopes = ["users:delete"];
    broken.routes[1].action.model = "accounts";
    const error = await loadError(writeFixture("refs.json", broken));
    expect(error.lines().map((l) => l.split(": ").slice(1).join(": "))).toEqual([
      '$.keys[0].kind: expected one of "secret_test", "secret_live"; got "secret_staging"',
      '$.keys[2].scopes[0]: expected one of "users:read", "users:write", "wallets:read", "wallets:write", "sessions:read", "sessions:write", "*"; got "users:delete"',
      '$.routes[1].action.model: expected one of "users", "wallets", "sessions"; got "accounts"',
    ]);
  });

  it("says a seeded key does not match its kind's documented format", async () => {
    const broken = structuredClone(moonkey);
    broken.keys[0].plaintext = "sk_test_short";
    const error = await loadError(writeFixture("format.json", broken));
    expect(error.lines()[0]).toContain('$.keys[0].plaintext: does not match the format of key kind "secret_test"');
  });

  it("refuses header names and values Node could not send, at load rather than on a request", async () => {
    const broken = structuredClone(moonkey);
    broken.credentials[0].header = "X Api Key";
    broken.errors.cases.rate_limited.headers = { "X-Note": "two\nlines" };
    const error = await loadError(writeFixture("headers.json", broken));
    expect(error.lines().map((l) => l.split(": ").slice(1).join(": "))).toEqual([
      "$.credentials[0].header: expected an HTTP header name: letters, digits and !#$%&'*+.^_`|~- only; got \"X Api Key\"",
      '$.errors.cases.rate_limited.headers["X-Note"]: expected an HTTP header value: no line breaks or control characters; got "two\\nlines"',
    ]);
  });

  it("reports invalid JSON at $", async () => {
    const path = writeFixture("syntax.json", '{"name": "x",');
    expect((await loadError(path)).lines()[0]).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\$: expected valid JSON`));
  });

  it("says when a file does not exist and when a name is not bundled", async () => {
    expect((await loadError(join(dir, "missing.json"))).lines()[0]).toContain("cannot read the fixture: the file does not exist");
    expect((await loadError("acme")).lines()[0]).toBe('acme: $: no bundled contract is called "acme"; bundled: moment, monei, moodmnky, moonborn, moonkey; or give a path to a .json fixture');
  });

  it("serves exactly the validated fixtures/*.json as the bundled contracts", () => {
    const files = readdirSync("fixtures").filter((f) => f.endsWith(".json") && f !== "contract.schema.json").sort();
    expect(bundledNames.map((name) => `${name}.json`)).toEqual(files);
    for (const name of bundledNames) {
      const path = `fixtures/${name}.json`;
      expect(bundledContract(name)).toStrictEqual(parseContractText(readFileSync(path, "utf8"), path));
    }
  });
});

// Generated files are compared with what their generator writes now, in memory; nothing rewrites them first.
describe("generated files are what their generators write from the sources now", () => {
  it("src/contract/bundled-contracts.ts is built from fixtures/*.json as they are", () => {
    const texts = Object.fromEntries(bundledFixtureNames(readdirSync("fixtures")).map((name) => [name, readFileSync(`fixtures/${name}.json`, "utf8")]));
    const built = readFileSync("src/contract/bundled-contracts.ts", "utf8");
    expect(built === compileBundled(texts), 'src/contract/bundled-contracts.ts is older than fixtures/*.json: run "npm run build"').toBe(true);
  });

  it("fixtures/contract.schema.json is the JSON Schema of src/contract/schema.ts", () => {
    const committed = JSON.parse(readFileSync("fixtures/contract.schema.json", "utf8"));
    expect(committed, 'fixtures/contract.schema.json differs from src/contract/schema.ts: run "npm run schema" and commit it').toEqual(JSON.parse(contractJsonSchemaText()));
  });
});
