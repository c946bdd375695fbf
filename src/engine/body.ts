import { DEFAULT_LIMITS, type Limits } from "../contract/limits.js";
import type { BodyField, Route } from "../contract/schema.js";
import { isEmail } from "./email.js";

export interface FieldProblem {
  field: string;
  rule: string;
  expected?: string;
}

export type BodyResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; reason: "unsupported_media_type" | "malformed_json" }
  | { ok: false; reason: "validation_failed"; problems: FieldProblem[] };

/** application/json and any +json type, with or without parameters. */
function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || type.endsWith("+json");
}

/**
 * Reads a route's JSON body: content type, syntax, then each declared field in order.
 * @example readBody(route, '{"email":"a@b.co"}', "application/json", Date.now())
 */
export function readBody(
  route: Route,
  text: string | undefined,
  contentType: string | undefined,
  now: number,
  limits: Pick<Limits, "maxStringLength" | "maxItems"> = DEFAULT_LIMITS,
): BodyResult {
  const spec = route.body ?? {};
  const empty = text === undefined || text.trim() === "";
  if (!empty && !isJson(contentType)) return { ok: false, reason: "unsupported_media_type" };
  let value: unknown = {};
  if (!empty) {
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, reason: "malformed_json" };
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, reason: "validation_failed", problems: [{ field: "body", rule: "type", expected: "JSON object" }] };
  }
  const body = value as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const [field, rule] of Object.entries(spec)) {
    const problem = checkField(field, body[field], bounded(rule, limits), now);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) return { ok: false, reason: "validation_failed", problems };
  // Only declared fields reach the record, so a client cannot overwrite ids or timestamps.
  const accepted: Record<string, unknown> = {};
  for (const field of Object.keys(spec)) if (body[field] !== undefined) accepted[field] = body[field];
  return { ok: true, value: accepted };
}

/** A field's rule with the contract's caps filled in where the field states none, so every check is bounded. */
function bounded(rule: BodyField, limits: Pick<Limits, "maxStringLength" | "maxItems">): BodyField {
  const out: BodyField = { ...rule };
  if (rule.type === "string" || rule.type === "object") out.maxLength ??= limits.maxStringLength;
  if (rule.type === "array") out.maxItems ??= limits.maxItems;
  if (rule.items) out.items = bounded(rule.items, limits);
  return out;
}

function checkField(field: string, value: unknown, rule: BodyField, now: number): FieldProblem | undefined {
  if (value === undefined || value === null) return rule.required ? { field, rule: "required" } : undefined;
  if (!hasType(value, rule.type)) return { field, rule: "type", expected: rule.type };
  if (rule.enum && !rule.enum.some((allowed) => allowed === value)) {
    return { field, rule: "enum", expected: rule.enum.map(String).join(", ") };
  }
  if (typeof value === "string") {
    if (rule.required && value.trim() === "") return { field, rule: "required" };
    if (rule.minLength !== undefined && value.length < rule.minLength) return { field, rule: "minLength", expected: String(rule.minLength) };
    if (rule.maxLength !== undefined && value.length > rule.maxLength) return { field, rule: "maxLength", expected: String(rule.maxLength) };
    if (rule.format === "email" && !isEmail(value)) return { field, rule: "format", expected: "email address" };
    if (rule.format === "date-time") {
      const time = Date.parse(value);
      if (Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return { field, rule: "format", expected: "ISO 8601 date-time" };
      if (rule.future && time <= now) return { field, rule: "future", expected: "a time in the future" };
    }
  }
  // An object field is stored as sent: its JSON counts against the same cap as a string's characters.
  if (rule.type === "object" && rule.maxLength !== undefined && JSON.stringify(value).length > rule.maxLength) {
    return { field, rule: "maxLength", expected: String(rule.maxLength) };
  }
  if (Array.isArray(value)) {
    if (rule.minItems !== undefined && value.length < rule.minItems) return { field, rule: "minItems", expected: String(rule.minItems) };
    if (rule.maxItems !== undefined && value.length > rule.maxItems) return { field, rule: "maxItems", expected: String(rule.maxItems) };
    if (rule.items) {
      for (let i = 0; i < value.length; i++) {
        const problem = checkField(`${field}[${i}]`, value[i], { ...rule.items, required: true }, now);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

function hasType(value: unknown, type: BodyField["type"]): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
  }
}
