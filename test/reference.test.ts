import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contractJsonSchema } from "../src/contract/json-schema.js";
import { contractReference, referenceRows } from "../src/contract/reference.js";

describe("the contract reference (docs/contract-reference.md)", () => {
  const schema = contractJsonSchema() as Record<string, unknown>;

  it("describes every field of a contract", () => {
    const undescribed = referenceRows(schema).filter((row) => row.description === "").map((row) => row.path);
    expect(undescribed, "add .describe() to these fields in src/contract/schema.ts").toEqual([]);
  });

  it("is what the generator writes from the schema now", () => {
    expect(readFileSync("docs/contract-reference.md", "utf8"), 'docs/contract-reference.md is stale: run "npm run schema" and commit it').toBe(contractReference(schema));
  });
});
