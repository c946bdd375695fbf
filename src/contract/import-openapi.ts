// `mock-server import`: a draft contract from an OpenAPI document. Credentials from its security schemes, routes and
// scopes from its paths, the error envelope from its documented 401/403/429 bodies, models from its response
// schemas. Every fact is inferred, so every fact is marked assumed; what keymock cannot express is listed, not lost.
import { randomAlphanumeric } from "../engine/random.js";
import { deref, envelopeFrom, fieldsOf, generatorFor, isObject, type Json } from "./import-schemas.js";

export interface ImportedDraft {
  contract: Json;
  /** what the draft leaves out, each with why */
  skipped: string[];
}

const methods = ["get", "post", "put", "patch", "delete"] as const;
const name = (text: string) => {
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[a-z]/.test(slug) ? slug : `m_${slug || "records"}`;
};

/**
 * @example fromOpenApi(JSON.parse(readFileSync("petstore.json", "utf8")), "petstore.json").contract
 */
export function fromOpenApi(doc: Json, source: string): ImportedDraft {
  const skipped: string[] = [];
  const info = isObject(doc["info"]) ? doc["info"] : {};
  const title = typeof info["title"] === "string" && info["title"].trim() ? info["title"].trim() : "Imported API";
  const server = Array.isArray(doc["servers"]) && isObject(doc["servers"][0]) ? doc["servers"][0]["url"] : undefined;
  const baseUrl = typeof server === "string" && /^https?:\/\//.test(server) ? server.replace(/\/$/, "") : "https://api.example.invalid";
  const schemes = isObject(doc["components"]) && isObject(doc["components"]["securitySchemes"]) ? doc["components"]["securitySchemes"] : {};
  const credentials = credentialsFrom(doc, schemes, skipped);
  const scopes = new Set<string>();
  for (const scheme of Object.values(schemes)) for (const flow of Object.values(isObject(scheme) && isObject(scheme["flows"]) ? scheme["flows"] : {})) {
    if (isObject(flow) && isObject(flow["scopes"])) for (const scope of Object.keys(flow["scopes"])) scopes.add(scope);
  }
  const routes: Json[] = [];
  const models: Record<string, Json> = {};
  let envelope: unknown;
  let limited = false;
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(isObject(doc["paths"]) ? doc["paths"] : {})) {
    for (const method of methods) {
      const op = isObject(item) ? item[method] : undefined;
      if (!isObject(op)) continue;
      const route = routeFrom(doc, path, method.toUpperCase(), op, scopes, skipped);
      if (!route) continue;
      const signature = `${route.route["method"]} ${String(route.route["path"]).replace(/:\w+/g, ":")}`;
      if (seen.has(signature)) {
        skipped.push(`${method.toUpperCase()} ${path}: the same route as another once its parameters are named`);
        continue;
      }
      seen.add(signature);
      routes.push(route.route);
      const model = (models[route.model] ??= { idPrefix: `${route.model}_`, count: 3, fields: {} });
      for (const [field, spec] of Object.entries(route.fields)) (model["fields"] as Json)[field] ??= generatorFor(field, spec);
      const responses = isObject(op["responses"]) ? op["responses"] : {};
      limited ||= "429" in responses;
      for (const status of ["401", "403", "400"]) envelope ??= envelopeFrom(doc, jsonSchemaOf(doc, responses[status]));
    }
  }
  const keyKinds = [{ id: "key", prefix: "", pattern: "[A-Za-z0-9_-]{16,128}", kind: "secret", issuedLength: 32 }];
  const key = () => randomAlphanumeric(32);
  return {
    skipped,
    contract: {
      name: name(title).replace(/_/g, "-"),
      title,
      source,
      provenance: {
        "$.*": { assumed: `drafted by mock-server import from ${source}; check it against the API's documentation` },
        "$.credentials": { assumed: "from the document's security schemes" },
        "$.routes": { assumed: "from the document's paths, each named by its last parameter as :id" },
        "$.errors.envelope": { assumed: envelope ? "from a documented 4xx response body" : "the document shows no error body: keymock's default" },
        "$.keyKinds": { assumed: "OpenAPI does not describe key formats: 16-128 letters, digits, _ and -" },
      },
      baseUrl,
      credentials,
      keyKinds,
      permissions: { wildcard: "*", scopes: [...scopes] },
      ...(limited ? { rateLimits: { policies: { default: { limit: 100, windowSeconds: 60 } } } } : {}),
      errors: { envelope: envelope ?? { error: { code: "{{code}}", message: "{{message}}" } } },
      keys: [
        { id: "key_full", kind: "key", label: "every scope", scopes: ["*"], plaintext: key() },
        { id: "key_revoked", kind: "key", label: "revoked", scopes: ["*"], status: "revoked", plaintext: key() },
        { id: "key_expired", kind: "key", label: "expired 2025-01-01", scopes: ["*"], expiresAt: "2025-01-01T00:00:00Z", plaintext: key() },
      ],
      models,
      routes,
    },
  };
}

function credentialsFrom(doc: Json, schemes: Json, skipped: string[]): Json[] {
  const out: Json[] = [];
  const add = (credential: Json) => {
    if (!out.some((c) => String(c["header"]).toLowerCase() === String(credential["header"]).toLowerCase())) out.push(credential);
  };
  for (const [id, raw] of Object.entries(schemes)) {
    const scheme = deref(doc, raw);
    if (scheme["type"] === "apiKey" && scheme["in"] === "header" && typeof scheme["name"] === "string") add({ header: scheme["name"] });
    else if ((scheme["type"] === "http" && String(scheme["scheme"]).toLowerCase() === "bearer") || scheme["type"] === "oauth2" || scheme["type"] === "openIdConnect") {
      add({ header: "Authorization", scheme: "Bearer" });
    } else skipped.push(`security scheme ${id}: keymock reads keys from headers (${String(scheme["type"])}${scheme["in"] ? ` in ${String(scheme["in"])}` : ""} is not one)`);
  }
  return out.length > 0 ? out : [{ header: "Authorization", scheme: "Bearer" }];
}

function routeFrom(doc: Json, path: string, method: string, op: Json, scopes: Set<string>, skipped: string[]) {
  const segments = path.split("/").filter(Boolean);
  const trailing = /^\{(.+)\}$/.test(segments[segments.length - 1] ?? "");
  const type = method === "GET" ? (trailing ? "get" : "list") : method === "POST" && !trailing ? "create" : method === "DELETE" && trailing ? "delete" : (method === "PUT" || method === "PATCH") && trailing ? "update" : undefined;
  if (!type) {
    skipped.push(`${method} ${path}: keymock routes act on a record by a trailing id, or on a collection without one`);
    return undefined;
  }
  const statics = segments.filter((s) => !s.startsWith("{"));
  const model = name(statics[statics.length - 1] ?? "records");
  const keymockPath = `/${segments.map((s, i) => (s.startsWith("{") ? (i === segments.length - 1 ? ":id" : `:${name(s.slice(1, -1))}`) : s)).join("/")}`;
  const security = Array.isArray(op["security"]) ? op["security"] : Array.isArray(doc["security"]) ? doc["security"] : [];
  const permission = security.flatMap((req) => (isObject(req) ? Object.values(req).flat() : [])).find((s): s is string => typeof s === "string");
  if (permission) scopes.add(permission);
  const responses = isObject(op["responses"]) ? op["responses"] : {};
  const success = Object.keys(responses).filter((code) => /^2\d\d$/.test(code)).sort()[0];
  const body = method === "GET" || method === "DELETE" ? undefined : fieldsOf(doc, jsonSchemaOf(doc, op["requestBody"]));
  let responseSchema = jsonSchemaOf(doc, success ? responses[success] : undefined);
  let wrap: string | undefined;
  if (type === "list") {
    const schema = deref(doc, responseSchema);
    const arrayProperty = Object.entries(isObject(schema["properties"]) ? schema["properties"] : {}).find(([, p]) => deref(doc, p)["type"] === "array");
    if (arrayProperty) [wrap, responseSchema] = [arrayProperty[0], deref(doc, arrayProperty[1])["items"]];
    else responseSchema = schema["type"] === "array" ? schema["items"] : undefined;
  }
  const fields = { ...fieldsOf(doc, responseSchema), ...(body ?? {}) };
  delete fields["id"];
  const route: Json = {
    method,
    path: keymockPath,
    ...(typeof op["summary"] === "string" ? { summary: op["summary"].slice(0, 200) } : {}),
    ...(permission ? { permission } : {}),
    ...(success && success !== "200" && success !== "204" ? { status: Number(success) } : {}),
    ...(body && Object.keys(body).length > 0 ? { body } : {}),
    action: { type, model, ...(wrap ? { wrap } : {}) },
  };
  return { route, model, fields };
}

/** The JSON schema of a request body or response, where it has an application/json (or +json) one. */
function jsonSchemaOf(doc: Json, node: unknown): unknown {
  const content = deref(doc, node)["content"];
  if (!isObject(content)) return undefined;
  const type = Object.keys(content).find((t) => /^application\/(.+\+)?json/.test(t));
  return type && isObject(content[type]) ? content[type]["schema"] : undefined;
}
