import type { BodyField, Contract, Route } from "../src/contract/schema.js";

/**
 * A body the route accepts, from its declared fields: each required field with a value of its type and rules.
 * Undefined for a route that takes no body.
 */
export function sampleBody(contract: Contract, route: Route): Record<string, unknown> | undefined {
  if (!["POST", "PUT", "PATCH"].includes(route.method)) return undefined;
  const body: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(route.body ?? {})) if (field.required) body[name] = referredId(contract, route, name) ?? sampleValue(contract, field);
  return body;
}

/**
 * A field that refers to another model's record must name one that exists: the first the contract states verbatim,
 * which a deployment documented by it holds too. Undefined where the field is no ref or the model states none.
 */
function referredId(contract: Contract, route: Route, field: string): string | undefined {
  const model = route.action.type === "issue_key" ? undefined : contract.models[route.action.model];
  const spec = model?.fields[field];
  return spec && "ref" in spec ? contract.models[spec.ref]?.records[0]?.id : undefined;
}

function sampleValue(contract: Contract, field: BodyField): unknown {
  // The wildcard is a grant only some callers may make; any other value of an enum serves.
  const choice = field.enum?.find((v) => v !== contract.permissions.wildcard) ?? field.enum?.[0];
  if (choice !== undefined) return choice;
  switch (field.type) {
    case "string":
      if (field.format === "email") return "conformance@example.com";
      if (field.format === "date-time") return new Date(Date.UTC(2099, 0, 1)).toISOString();
      return "keymock conformance".slice(0, field.maxLength ?? Infinity).padEnd(field.minLength ?? 0, "k");
    case "number":
    case "integer":
      return 100;
    case "boolean":
      return true;
    case "object":
      return {};
    case "array":
      return Array.from({ length: Math.max(1, field.minItems ?? 1) }, () => (field.items ? sampleValue(contract, field.items) : "keymock"));
  }
}

/** One way to break a single rule of a single field, the rest of the body valid. */
export interface Violation {
  field: string;
  rule: string;
  /** the rule's path in the route's declaration, for provenance: body.<field>.<rule> */
  ruleKey: string;
  body: Record<string, unknown>;
  /** the {{field}} a message names, where it is the field itself */
  messageField: string | undefined;
}

/** Every declared rule broken on its own: a missing required field, a value outside its enum, too long, … */
export function violations(contract: Contract, route: Route): Violation[] {
  const valid = sampleBody(contract, route);
  if (!valid) return [];
  const out: Violation[] = [];
  const add = (field: string, rule: string, ruleKey: string, value: unknown, messageField: string | null = field) => {
    const body = { ...valid };
    if (value === undefined) delete body[field];
    else body[field] = value;
    out.push({ field, rule, ruleKey, body, messageField: messageField ?? undefined });
  };
  for (const [name, field] of Object.entries(route.body ?? {})) {
    if (field.required) add(name, "required", "required", undefined);
    if (field.enum) add(name, "enum", "enum", "keymock-not-an-option");
    if (field.maxLength !== undefined) add(name, "maxLength", "maxLength", "k".repeat(field.maxLength + 1));
    if (field.minItems !== undefined && field.minItems > 0) add(name, "minItems", "minItems", []);
    if (field.format === "email") add(name, "format", "format", "not-an-email");
    if (field.format === "date-time") add(name, "format", "format", "not-a-date");
    if (field.future) add(name, "future", "future", "2001-01-01T00:00:00.000Z");
    // An item's problem names the item ("scopes[0]"), which a contract need not state.
    if (field.items?.enum) add(name, "enum", "items", ["keymock-not-an-option"], null);
  }
  return out;
}
