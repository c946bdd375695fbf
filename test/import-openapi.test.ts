import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { fromOpenApi } from "../src/contract/import-openapi.js";
import { parseContract } from "../src/contract/load.js";
import { isDocumented } from "../src/contract/provenance.js";
import { createEngine } from "../src/engine/engine.js";

// Real public documents, from the MIT-licensed @readme/oas-examples package (its LICENSE.md ships with it):
// Swagger Petstore (an api_key header) and ReadMe's own API (bearer).
const examples = createRequire(import.meta.url).resolve("@readme/oas-examples/package.json").replace(/package\.json$/, "");
const load = (file: string) => JSON.parse(readFileSync(`${examples}${file}`, "utf8")) as Record<string, unknown>;

describe("mock-server import: a draft contract from an OpenAPI document", () => {
  it.each([
    { file: "3.0/json/petstore.json", credential: { header: "api_key" }, list: "/store/inventory" },
    { file: "3.1/json/readme.json", credential: { header: "Authorization", scheme: "Bearer" }, list: "/projects/me" },
  ])("drafts $file into a contract that validates, serves, and marks every fact assumed", async ({ file, credential, list }) => {
    const { contract: draft, skipped } = fromOpenApi(load(file), file);
    const contract = parseContract(draft, file);
    expect(contract.credentials).toContainEqual(credential);
    expect(contract.routes.length).toBeGreaterThan(5);
    for (const line of skipped) expect(line).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/|^security scheme /);
    for (const fact of [["baseUrl"], ["credentials", 0], ["routes", 0], ["errors", "envelope"], ["errors", "cases", "missing_credentials", "status"]]) {
      expect(isDocumented(contract, fact)).toBe(false);
    }
    const engine = await createEngine(contract);
    const key = contract.keys.find((k) => k.id === "key_full")?.plaintext as string;
    const header = credential.scheme ? `${credential.scheme} ${key}` : key;
    const route = contract.routes.find((r) => r.method === "GET" && (r.path === list || !r.path.includes(":"))) ?? contract.routes[0];
    const allowed = await engine.handle({ method: "GET", path: route?.path ?? list, headers: { [credential.header.toLowerCase()]: header } });
    expect(allowed.status).toBe(200);
    const refused = await engine.handle({ method: "GET", path: route?.path ?? list, headers: {} });
    expect(refused.status).toBe(401);
  });

  it("takes the error envelope from a documented error body, and the Petstore's api_key header", () => {
    const { contract } = fromOpenApi(load("3.1/json/readme.json"), "readme.json");
    expect(JSON.stringify((contract["errors"] as { envelope: unknown }).envelope)).toMatch(/\{\{(code|message)\}\}/);
    const petstore = fromOpenApi(load("3.0/json/petstore.json"), "petstore.json");
    expect(petstore.skipped).toContain("PUT /pet: keymock routes act on a record by a trailing id, or on a collection without one");
  });
});
