import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { FieldSpec, Model } from "../contract/schema.js";

export type Row = Record<string, unknown> & { id: string };

type Issue = StandardSchemaV1.Issue;

/**
 * A model's record schema as a Standard Schema object, built from the fixture's field declarations: what
 * @msw/data validates every created record against. Plain code, not zod, so bundled contracts start without zod.
 * A record is an object with a string id; a timestamp field holds an ISO string, an object field an object. Other
 * fields take what the route's body validation (engine/body.ts) or the seed let through.
 */
export function recordSchema(modelName: string, model: Model): StandardSchemaV1<Row, Row> {
  return {
    "~standard": {
      version: 1,
      vendor: "keymock",
      validate(value) {
        if (!isPlainObject(value)) return { issues: [{ message: `a ${modelName} record must be an object` }] };
        const issues: Issue[] = [];
        if (typeof value["id"] !== "string") issues.push({ message: "id must be a string", path: ["id"] });
        checkFields(model.fields, value, [], issues);
        return issues.length > 0 ? { issues } : { value: value as Row };
      },
    },
  };
}

function checkFields(fields: Record<string, FieldSpec>, value: Record<string, unknown>, path: string[], issues: Issue[]): void {
  for (const [name, spec] of Object.entries(fields)) {
    const field = value[name];
    if (field === undefined) continue;
    if ("timestamp" in spec && (typeof field !== "string" || Number.isNaN(Date.parse(field)))) {
      issues.push({ message: `${name} must be an ISO 8601 time`, path: [...path, name] });
    } else if ("ref" in spec && field !== null && typeof field !== "string") {
      issues.push({ message: `${name} must be the id of a ${spec.ref} record`, path: [...path, name] });
    } else if ("object" in spec) {
      if (isPlainObject(field)) checkFields(spec.object, field, [...path, name], issues);
      else issues.push({ message: `${name} must be an object`, path: [...path, name] });
    }
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
