import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateContract } from "../src/contract/load.js";

const moonkey = () => JSON.parse(readFileSync("fixtures/moonkey.json", "utf8"));
const lines = (data: unknown) => {
  const result = validateContract(data, "acme.json");
  return "error" in result ? result.error.lines() : [];
};

describe("validate names every problem in one pass, in the house style", () => {
  it("prints a schema error and two reference errors together", () => {
    const data = moonkey();
    data.keyKinds[0].kind = "secrt";
    data.keys[1].kind = "secret_lve";
    data.routes[1].permission = "users:raed";
    expect(lines(data)).toEqual([
      'acme.json: $.keyKinds[0].kind: expected one of "secret", "public"; got "secrt" (did you mean "secret"?)',
      'acme.json: $.keys[1].kind: expected one of "secret_test", "secret_live"; got "secret_lve" (did you mean "secret_live"?)',
      'acme.json: $.routes[1].permission: expected one of "users:read", "users:write", "wallets:read", "wallets:write", "sessions:read", "sessions:write", "*"; got "users:raed" (did you mean "users:read"?)',
    ]);
  });

  it("keeps the file's own paths when a refused element is cut out before the cross-checks", () => {
    const data = moonkey();
    delete data.keys[0].id;
    data.keys[2].kind = "secret_lve";
    expect(lines(data)).toEqual([
      "acme.json: $.keys[0].id: expected a string; got nothing (this field is required)",
      'acme.json: $.keys[2].kind: expected one of "secret_test", "secret_live"; got "secret_lve" (did you mean "secret_live"?)',
    ]);
  });

  it.each([
    ["an unknown faker generator", (d: any) => (d.models.users.fields.email = { fake: "internet.emial" }), "$.models.users.fields.email.fake: expected one of \"person.fullName\""],
    ["an unknown field", (d: any) => (d.keyKinds[0].prefx = "sk_"), '$.keyKinds[0].prefx: unknown field; expected one of "id", "prefix", "pattern", "kind", "environment", "publicRoutesOnly", "issuedLength" (did you mean "prefix"?)'],
    ["a base URL that is none", (d: any) => (d.baseUrl = "api"), '$.baseUrl: expected a URL such as "https://api.example.com"; got "api"'],
    ["an envelope placeholder the renderer does not fill", (d: any) => (d.errors.envelope.error.code = "{{cod}}"), '$.errors.envelope.error.code: unknown placeholder "{{cod}}"; expected one of "{{status}}", "{{code}}", "{{message}}", "{{details}}" (did you mean "{{code}}"?)'],
    ["a policy no key reaches", (d: any) => (d.rateLimits.policies.tset = { limit: 1, windowSeconds: 60 }), '$.rateLimits.policies.tset: no key has the environment "tset", so this limit is never enforced; key environments: "test", "live", or "default" (did you mean "test"?)'],
    ["a role where none are defined", (d: any) => (d.keys[0].role = "admin"), '$.keys[0].role: "admin" is not defined: permissions.roles is empty; add it there'],
    ["a path parameter no action reads", (d: any) => d.routes.push({ method: "GET", path: "/v1/x/:userId", action: { type: "list", model: "users" } }), '$.routes[9].path: the path parameter ":userId" is read by no action'],
    ["two kinds a key could belong to", (d: any) => (d.keyKinds[1].prefix = "sk_test_"), '$.keyKinds[1].prefix: keys of kind "secret_live" also match kind "secret_test" (same prefix "sk_test_")'],
  ])("names %s with the path, what was expected and what it got", (_, change, expected) => {
    const data = moonkey();
    delete data.provenance;
    change(data);
    expect(lines(data).some((line) => line.startsWith(`acme.json: ${expected}`))).toBe(true);
  });
});
