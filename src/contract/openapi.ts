// A contract as OpenAPI 3.1, for tools that speak it (Prism, Swagger UI, client generators): its security schemes,
// routes with the scope each needs, request bodies, every refusal with the envelope and an example per case, and the
// rate-limit headers.
import { caseFor, errorBody } from "./render.js";
import type { BodyField, Contract, DenialReason, Route } from "./schema.js";
import { denialReasons } from "./schema.js";

type Json = Record<string, unknown>;

/** A security scheme name per credential location: "bearer" for Authorization: Bearer, else the header's name. */
export function securitySchemeNames(contract: Contract): string[] {
  return contract.credentials.map((c) => (c.scheme ? c.scheme.toLowerCase() : c.header.replace(/[^A-Za-z0-9_.-]/g, "_")));
}

/**
 * @example JSON.stringify(toOpenApi(bundledContract("moonkey")), null, 2)
 */
export function toOpenApi(contract: Contract): Json {
  const names = securitySchemeNames(contract);
  const securitySchemes = Object.fromEntries(
    contract.credentials.map((c, i) => [
      names[i],
      c.scheme?.toLowerCase() === "bearer"
        ? { type: "http", scheme: "bearer", description: `${c.header}: Bearer <key>; keys: ${prefixes(contract)}` }
        : c.scheme
          ? { type: "apiKey", in: "header", name: c.header, description: `"${c.scheme} <key>"; keys: ${prefixes(contract)}` }
          : { type: "apiKey", in: "header", name: c.header, description: `keys: ${prefixes(contract)}` },
    ]),
  );
  const paths: Record<string, Json> = {};
  for (const route of contract.routes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(contract, route, names);
  }
  return {
    openapi: "3.1.0",
    info: { title: contract.title, version: "keymock", description: `The API-key contract of ${contract.title}, exported by keymock.` },
    servers: [{ url: contract.baseUrl }],
    paths,
    components: {
      securitySchemes,
      schemas: { Error: envelopeSchema(contract.errors.envelope) },
      headers: rateLimitHeaders(contract),
    },
  };
}

const prefixes = (contract: Contract) => contract.keyKinds.map((k) => `${k.prefix || "(no prefix)"}… (${k.kind}${k.environment ? `, ${k.environment}` : ""})`).join(", ");

function operation(contract: Contract, route: Route, schemeNames: string[]): Json {
  const permission = route.permission ?? contract.permissions.byMethod[route.method];
  const status = String(route.status ?? (route.action.type === "create" ? 201 : 200));
  const limitHeaders = Object.fromEntries(Object.keys(rateLimitHeaders(contract)).map((name) => [name, { $ref: `#/components/headers/${name}` }]));
  const success: Json = { description: route.summary ?? "success", headers: limitHeaders, content: { "application/json": { schema: responseSchema(route) } } };
  const op: Json = {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    ...(route.summary ? { summary: route.summary } : {}),
    security: schemeNames.map((name) => ({ [name]: permission ? [permission] : [] })),
    ...(route.public ? { "x-keymock-public": true } : {}),
    responses: { [status]: success, ...errorResponses(contract, route) },
  };
  const params = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  if (params.length > 0) op["parameters"] = params;
  if (route.body) op["requestBody"] = { required: true, content: { "application/json": { schema: objectSchema(route.body) } } };
  return op;
}

/** Each status a route can refuse with, its cases as named examples of the contract's envelope. */
function errorResponses(contract: Contract, route: Route): Json {
  const reasons = denialReasons.filter((reason) => applies(contract, route, reason));
  const byStatus = new Map<number, DenialReason[]>();
  for (const reason of reasons) {
    const status = caseFor(contract, reason).status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), reason]);
  }
  const out: Json = {};
  for (const [status, grouped] of [...byStatus].sort(([a], [b]) => a - b)) {
    const examples = Object.fromEntries(
      grouped.map((reason) => [reason, { summary: reason.replace(/_/g, " "), value: errorBody(contract, reason, { method: route.method, path: route.path, permission: route.permission ?? "", field: "field", expected: "…" }) }]),
    );
    const headers = status === 429 ? Object.fromEntries(Object.keys(rateLimitHeaders(contract)).map((name) => [name, { $ref: `#/components/headers/${name}` }])) : {};
    out[String(status)] = {
      description: grouped.join(", "),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: { [contract.errors.contentType.split(";")[0] as string]: { schema: { $ref: "#/components/schemas/Error" }, examples } },
    };
  }
  return out;
}

function applies(contract: Contract, route: Route, reason: DenialReason): boolean {
  if (reason === "forbidden_grant") return route.action.type === "issue_key" && contract.errors.cases.forbidden_grant !== undefined;
  if (reason === "insecure_transport") return contract.httpsOnly;
  if (reason === "forbidden_key_kind") return !route.public && contract.keyKinds.some((k) => k.publicRoutesOnly);
  if (reason === "rate_limited") return contract.rateLimits !== undefined;
  if (["validation_failed", "malformed_json", "unsupported_media_type", "payload_too_large"].includes(reason)) return route.body !== undefined;
  if (reason === "not_found") return route.path.includes(":");
  return reason !== "route_not_found";
}

function rateLimitHeaders(contract: Contract): Json {
  const headers = contract.rateLimits?.headers ?? {};
  const out: Json = {};
  for (const [role, name] of Object.entries(headers)) {
    if (name) out[name] = { description: `rate limit: ${role}${role === "reset" ? ` (${contract.rateLimits?.resetFormat})` : ""}`, schema: { type: "integer" } };
  }
  if (contract.rateLimits?.retryAfter) out["Retry-After"] = { description: "seconds until the window frees a request (on 429)", schema: { type: "integer" } };
  return out;
}

/** The envelope template as a schema: placeholders become their types, literals stay as they are. */
function envelopeSchema(template: unknown): Json {
  if (typeof template === "string") {
    const name = /^\{\{(\w+)\}\}$/.exec(template)?.[1];
    return name === "status" ? { type: "integer" } : name === "details" ? { type: "object" } : { type: "string" };
  }
  if (Array.isArray(template)) return { type: "array" };
  if (template !== null && typeof template === "object") {
    const entries = Object.entries(template);
    return {
      type: "object",
      properties: Object.fromEntries(entries.map(([k, v]) => [k, envelopeSchema(v)])),
      required: entries.filter(([, v]) => v !== "{{details}}").map(([k]) => k),
    };
  }
  return { const: template };
}

function responseSchema(route: Route): Json {
  const item = route.responseFields ? objectSchema(route.responseFields) : { type: "object" };
  if (route.action.type === "list") return route.action.wrap ? { type: "object", properties: { [route.action.wrap]: { type: "array", items: item } } } : { type: "array", items: item };
  return item;
}

function objectSchema(fields: Record<string, BodyField>): Json {
  const required = Object.entries(fields).filter(([, f]) => f.required).map(([name]) => name);
  return { type: "object", properties: Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, fieldSchema(f)])), ...(required.length > 0 ? { required } : {}) };
}

function fieldSchema(field: BodyField): Json {
  const schema: Json = { type: field.type };
  if (field.enum) schema["enum"] = field.enum;
  if (field.minLength !== undefined) schema["minLength"] = field.minLength;
  if (field.maxLength !== undefined) schema["maxLength"] = field.maxLength;
  if (field.minItems !== undefined) schema["minItems"] = field.minItems;
  if (field.maxItems !== undefined) schema["maxItems"] = field.maxItems;
  if (field.format) schema["format"] = field.format;
  if (field.items) schema["items"] = fieldSchema(field.items);
  return schema;
}
