// Reading OpenAPI schemas for `mock-server import`: local $refs, body and response fields, generated record fields,
// and an error envelope template from a documented 4xx body.
export type Json = Record<string, unknown>;

/** Follows a local `$ref` ("#/components/schemas/Pet") through the document; other refs are left as they are. */
export function deref(doc: Json, node: unknown, depth = 0): Json {
  if (!isObject(node)) return {};
  const ref = node["$ref"];
  if (typeof ref !== "string" || !ref.startsWith("#/") || depth > 8) return node;
  let target: unknown = doc;
  for (const step of ref.slice(2).split("/")) target = isObject(target) ? target[step.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return deref(doc, target, depth + 1);
}

export const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

const simpleTypes = ["string", "number", "integer", "boolean", "array", "object"];

/** A schema's properties as keymock body fields (type, required, enum, lengths, format, items). */
export function fieldsOf(doc: Json, schema: unknown): Record<string, Json> {
  const resolved = deref(doc, schema);
  const required = new Set(Array.isArray(resolved["required"]) ? (resolved["required"] as string[]) : []);
  const out: Record<string, Json> = {};
  for (const [name, property] of Object.entries(isObject(resolved["properties"]) ? resolved["properties"] : {})) {
    const field = fieldOf(doc, property);
    if (field) out[name] = required.has(name) ? { ...field, required: true } : field;
  }
  return out;
}

function fieldOf(doc: Json, schema: unknown, depth = 0): Json | undefined {
  const s = deref(doc, schema);
  const type = Array.isArray(s["type"]) ? (s["type"] as string[]).find((t) => t !== "null") : s["type"];
  if (typeof type !== "string" || !simpleTypes.includes(type)) return undefined;
  const field: Json = { type };
  if (Array.isArray(s["enum"]) && s["enum"].length > 0) field["enum"] = (s["enum"] as unknown[]).filter((v) => v !== null);
  for (const bound of ["minLength", "maxLength", "minItems", "maxItems"]) if (Number.isInteger(s[bound]) && (s[bound] as number) >= 0) field[bound] = s[bound];
  if (s["format"] === "email" || s["format"] === "date-time") field["format"] = s["format"];
  if (type === "array" && depth < 3) {
    const items = fieldOf(doc, s["items"], depth + 1);
    if (items) field["items"] = items;
  }
  return field;
}

/** How the mock makes a record field's value, guessed from its name and type. */
export function generatorFor(name: string, field: Json): Json {
  const lower = name.toLowerCase();
  if (Array.isArray(field["enum"]) && field["enum"].length > 0) return { oneOf: field["enum"] };
  if (field["type"] === "integer" || field["type"] === "number") return { fake: "number.int", args: { min: 1, max: 1000 } };
  if (field["type"] === "boolean") return { fake: "datatype.boolean" };
  if (field["type"] === "array") return { const: [] };
  if (field["type"] === "object") return { const: {} };
  if (field["format"] === "date-time" || /(_at|At|date|Date|time)$/.test(name)) return { timestamp: /updat/i.test(name) ? "updated" : "created" };
  if (lower.includes("email")) return { fake: "internet.email" };
  if (lower.includes("url") || lower.includes("link")) return { fake: "internet.url" };
  if (lower.includes("phone")) return { fake: "phone.number" };
  if (/^(user)?name$|fullname/.test(lower)) return { fake: "person.fullName" };
  if (lower.includes("title") || lower.includes("name")) return { fake: "commerce.productName" };
  return { fake: "lorem.words" };
}

/** An envelope template from a documented error body: its status, code and message fields become placeholders. */
export function envelopeFrom(doc: Json, schema: unknown, depth = 0): unknown {
  const s = deref(doc, schema);
  const properties = isObject(s["properties"]) ? s["properties"] : {};
  const out: Json = {};
  for (const [name, property] of Object.entries(properties)) {
    const p = deref(doc, property);
    if (/^(status|statusCode|status_code)$/i.test(name) && (p["type"] === "integer" || p["type"] === "number")) out[name] = "{{status}}";
    else if (/^(code|error_?code|type)$/i.test(name) && p["type"] === "string") out[name] = "{{code}}";
    else if (/^(message|detail|error_description|description)$/i.test(name) && p["type"] === "string") out[name] = "{{message}}";
    else if (/^error$/i.test(name) && p["type"] === "string") out[name] = "{{code}}";
    else if (p["type"] === "object" && depth < 2) {
      const inner = envelopeFrom(doc, p, depth + 1);
      if (isObject(inner) && Object.keys(inner).length > 0) out[name] = inner;
    }
  }
  const placeholders = JSON.stringify(out).match(/\{\{(code|message)\}\}/g) ?? [];
  return placeholders.length > 0 ? out : undefined;
}
