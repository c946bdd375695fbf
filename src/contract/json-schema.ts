import { z } from "zod";
import { contractSchema } from "./schema.js";

/** The fixture format as JSON Schema (draft 2020-12), for editors: what a fixture's "$schema" points at. */
export function contractJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(contractSchema, { io: "input", unrepresentable: "any" }),
    title: "keymock contract fixture",
    description: "An API-key contract: where the key travels, its formats, errors, permissions, rate limits, routes and seed data.",
  };
}

/** fixtures/contract.schema.json as `npm run schema` writes it. */
export function contractJsonSchemaText(): string {
  return `${JSON.stringify(contractJsonSchema(), null, 2)}\n`;
}
