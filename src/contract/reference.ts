// The contract reference (docs/contract-reference.md), generated from the JSON Schema, so from the zod schema's own
// descriptions: a field cannot be added without appearing here, nor described twice.
type Node = Record<string, unknown>;
type Row = { path: string; type: string; required: boolean; fallback: string; description: string };

/** Every field of a contract as rows: its path, type, whether required, default, and description. */
export function referenceRows(schema: Node): Row[] {
  const defs = (schema["$defs"] ?? {}) as Record<string, Node>;
  const rows: Row[] = [];
  const seen = new Map<string, string>();
  const shapes = new Map<string, string>();
  const walk = (node: Node, path: string, required: boolean, description?: string) => {
    const ref = typeof node["$ref"] === "string" ? (node["$ref"] as string).split("/").pop() : undefined;
    if (ref !== undefined) {
      const first = seen.get(ref);
      if (first !== undefined) return void rows.push({ path, type: `as ${first}`, required, fallback: "", description: description ?? (describe(node) || describe(defs[ref] ?? {})) });
      seen.set(ref, path);
      const said = description ?? (describe(node) || undefined);
      return walk({ ...(defs[ref] as Node), ...(said ? { description: said } : {}) }, path, required);
    }
    const fallback = "default" in node ? JSON.stringify(node["default"]) : "";
    // The same object under another name (each error case) is listed once, then named.
    const shape = node["properties"] ? JSON.stringify(node["properties"]) : undefined;
    const first = shape === undefined ? undefined : shapes.get(shape);
    if (first !== undefined) return void rows.push({ path, type: `as ${first}`, required, fallback, description: description ?? describe(node) });
    if (shape !== undefined) shapes.set(shape, path);
    rows.push({ path, type: typeOf(node, defs), required, fallback, description: description ?? describe(node) });
    const properties = node["properties"] as Record<string, Node> | undefined;
    const needed = new Set((node["required"] as string[] | undefined) ?? []);
    for (const [name, child] of Object.entries(properties ?? {})) walk(child, `${path}.${name}`, needed.has(name) && !("default" in child));
    if (node["items"]) walk(node["items"] as Node, `${path}[]`, true);
    // A loose object's other fields ({} in JSON Schema) are any JSON, not fields of the contract's own.
    const extra = node["additionalProperties"];
    if (extra && typeof extra === "object" && Object.keys(extra).length > 0) walk(extra as Node, `${path}.<name>`, false);
    for (const option of (node["anyOf"] ?? node["oneOf"] ?? []) as Node[]) if (option["properties"]) walk(option, `${path} (${Object.keys(option["properties"] as Node).join(", ")})`, false);
  };
  const properties = schema["properties"] as Record<string, Node>;
  const needed = new Set(schema["required"] as string[]);
  for (const [name, child] of Object.entries(properties)) walk(child, name, needed.has(name) && !("default" in child));
  return rows;
}

function describe(node: Node): string {
  return typeof node["description"] === "string" ? (node["description"] as string) : "";
}

const jsonTypes = ["string", "number", "boolean", "null"];

function typeOf(node: Node, defs: Record<string, Node>): string {
  const options = (node["anyOf"] ?? node["oneOf"]) as Node[] | undefined;
  if (options && jsonTypes.every((t) => options.some((o) => o["type"] === t))) return "any JSON";
  if (node["format"] === "date-time") return "ISO 8601 date-time";
  if (Array.isArray(node["enum"])) return (node["enum"] as unknown[]).map((v) => JSON.stringify(v)).join(" \\| ");
  if (node["const"] !== undefined) return JSON.stringify(node["const"]);
  if (node["anyOf"] || node["oneOf"]) return ((node["anyOf"] ?? node["oneOf"]) as Node[]).map((o) => typeOf(o, defs)).join(" \\| ");
  const type = node["type"];
  if (type === "array") return `array of ${node["items"] ? typeOf(node["items"] as Node, defs) : "any"}`;
  if (type === "object" && node["additionalProperties"] && typeof node["additionalProperties"] === "object") return "map";
  if (typeof type === "string") return type + (typeof node["pattern"] === "string" && (node["pattern"] as string).length <= 40 ? ` (${node["pattern"]})` : "");
  if (typeof node["$ref"] === "string") return "object";
  return "any JSON";
}

/** The reference as Markdown: one table of every field, in the order a fixture states them. */
export function contractReference(schema: Node): string {
  const rows = referenceRows(schema);
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  return [
    "# Contract reference",
    "",
    "Generated from `src/contract/schema.ts` by `npm run schema`; do not edit. Every field of a contract fixture, in",
    "the order a fixture states them: `[]` is each item of an array, `<name>` each entry of a map. A walkthrough that",
    "builds a contract from a vendor's authentication page is in [writing-a-contract.md](writing-a-contract.md).",
    "",
    "| field | type | required | default | what it is |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| \`${r.path}\` | ${cell(r.type).replace(/\\\\\|/g, "\\|")} | ${r.required ? "yes" : ""} | ${r.fallback ? `\`${cell(r.fallback)}\`` : ""} | ${cell(r.description)} |`),
    "",
  ].join("\n");
}
