import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledContract } from "../src/contract/bundled.js";
import { validateContract } from "../src/contract/load.js";
import { isDocumented } from "../src/contract/provenance.js";

const moonkey = () => JSON.parse(readFileSync("fixtures/moonkey.json", "utf8")) as { provenance: Record<string, unknown> };
const problemsOf = (data: unknown) => {
  const result = validateContract(data, "fixtures/moonkey.json");
  return "error" in result ? result.error.lines() : [];
};

describe("provenance: which facts the vendor document states", () => {
  it("reads documented and assumed facts from the fixture, the longest path deciding", () => {
    const contract = bundledContract("moonkey");
    expect(isDocumented(contract, ["errors", "cases", "missing_credentials", "status"])).toBe(true);
    expect(isDocumented(contract, ["errors", "cases", "missing_credentials", "message"])).toBe(false);
    expect(isDocumented(contract, ["errors", "cases", "validation_failed", "messages", "required"])).toBe(true);
    expect(isDocumented(contract, ["routes", 1])).toBe(true);
    expect(isDocumented(contract, ["routes", 0])).toBe(false);
    expect(isDocumented(contract, ["routes", 2, "body", "email", "required"])).toBe(true);
    expect(isDocumented(contract, ["routes", 2, "body", "email", "format"])).toBe(false);
  });

  it("treats every fact of a contract without provenance (a team's own API) as documented", () => {
    const data = moonkey() as Record<string, unknown>;
    delete data["provenance"];
    const result = validateContract(data, "acme.json");
    expect("contract" in result && isDocumented(result.contract, ["errors", "cases", "missing_credentials", "message"])).toBe(true);
  });

  it("names each fact a fixture with provenance leaves without it, and an entry that names no fact", () => {
    const data = moonkey();
    delete data.provenance["$.rateLimits.retryAfter"];
    data.provenance["$.rateLimits.retryAfterSeconds"] = { assumed: "a typo" };
    expect(problemsOf(data)).toEqual([
      'fixtures/moonkey.json: $.provenance["$.rateLimits.retryAfterSeconds"]: names no fact of this contract',
      'fixtures/moonkey.json: $.provenance: no provenance for $.rateLimits.retryAfter: add "documented" (with a short quote of the source) or "assumed" (with why)',
    ]);
  });

  it("refuses an entry that is both or neither, or a path that is not one", () => {
    const data = moonkey();
    data.provenance["$.baseUrl"] = { documented: "x", assumed: "y" };
    data.provenance["errors"] = { assumed: "no $" };
    const lines = problemsOf(data);
    expect(lines.some((l) => l.startsWith('fixtures/moonkey.json: $.provenance["$.baseUrl"]'))).toBe(true);
    expect(problemsOf({ ...moonkey(), provenance: { ...moonkey().provenance, errors: { assumed: "no $" } } })).toEqual([
      'fixtures/moonkey.json: $.provenance.errors: expected a JSON path such as "$.errors.cases.missing_credentials.status" ("*" matches one step)',
    ]);
  });
});
