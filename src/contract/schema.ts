import { z } from "zod";
import { defaultCases } from "./default-cases.js";

/** Every way the engine can refuse a request; a contract states status, code and message for each. */
export const denialReasons = [
  "insecure_transport",
  "missing_credentials",
  "malformed_key",
  "unknown_key",
  "revoked_key",
  "expired_key",
  "forbidden_key_kind",
  "insufficient_scope",
  "forbidden_grant",
  "rate_limited",
  "validation_failed",
  "malformed_json",
  "unsupported_media_type",
  "payload_too_large",
  "not_found",
  "route_not_found",
] as const;

/** Faker generators a fixture may name; records.ts maps each to a call. */
export const generatorNames = [
  "person.fullName",
  "person.firstName",
  "person.lastName",
  "internet.email",
  "internet.username",
  "internet.url",
  "phone.number",
  "company.name",
  "commerce.productName",
  "lorem.sentence",
  "lorem.words",
  "location.country",
  "location.city",
  "finance.amount",
  "finance.currencyCode",
  "finance.accountNumber",
  "finance.ethereumAddress",
  "string.uuid",
  "string.alphanumeric",
  "number.int",
  "datatype.boolean",
  "date.past",
  "date.future",
] as const;

export const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const name = z.string().regex(/^[a-z][a-z0-9_-]*$/, "expected a lower-case name like \"moonkey\"");
const status = (min: number, max: number) => {
  const expected = { error: `expected a number ${min}-${max}` };
  return z.number(expected).int(expected).min(min, expected).max(max, expected).describe(`an HTTP status ${min}-${max}`);
};
const isoDate = z.iso.datetime({ offset: true });
const json: z.ZodType<unknown> = z.json();
// RFC 9110 tokens and field values: Node refuses to write anything else, so a fixture is told at load, not per request.
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "expected an HTTP header name: letters, digits and !#$%&'*+.^_`|~- only");
const headerValue = z.string().regex(/^[\t\x20-\x7e\x80-\xff]*$/, "expected an HTTP header value: no line breaks or control characters");

const credentialLocation = z.strictObject({
  header: headerName.describe("header carrying the key; matched case-insensitively"),
  scheme: z.string().min(1).optional().describe('e.g. "Bearer": the header value is "<scheme> <key>"; absent: the raw key'),
});

const keyKind = z.strictObject({
  id: name.describe("how keys and routes refer to this kind"),
  prefix: z.string().describe('documented prefix, e.g. "sk_test_"; may be empty'),
  pattern: z.string().min(1).describe("regular expression for what follows the prefix"),
  kind: z.enum(["secret", "public"]).describe("secret (server-side) or public (client-side) keys"),
  environment: z.string().min(1).optional().describe("e.g. test or live; a key may state its own"),
  publicRoutesOnly: z.boolean().default(false).describe("keys of this kind may call only routes marked public"),
  issuedLength: z
    .number()
    .int()
    .min(8)
    .max(256)
    .default(32)
    .describe("characters after the prefix in keys the mock issues (letters and digits); must fit the pattern"),
});

const seededKey = z.strictObject({
  id: z.string().min(1).describe("how the admin API and the start-up table name this key"),
  kind: z.string().min(1).describe("a keyKinds[].id"),
  plaintext: z.string().min(1).describe("the key itself, of its kind's format; public in the fixture, so the mock may show it"),
  label: z.string().optional().describe("what this key is for, shown in the start-up table"),
  environment: z.string().min(1).optional().describe("its environment, where its kind names none"),
  scopes: z.array(z.string().describe("a permissions.scopes entry or the wildcard")).optional().describe("what it may do"),
  role: z.string().optional().describe("a permissions.roles name: it may do what the role grants"),
  member: z.string().optional().describe("the org member who owns the key, a members[].id"),
  status: z.enum(["active", "revoked"]).default("active").describe("revoked keys answer the revoked_key case"),
  expiresAt: isoDate.optional().describe("from then on, the key answers the expired_key case"),
});

const permissions = z.strictObject({
  wildcard: z.string().optional().describe('a scope that grants everything, e.g. "*"'),
  scopes: z.array(z.string().min(1).describe("a scope name, e.g. users:read")).default([]).describe("every scope or permission a key may hold"),
  roles: z.record(z.string(), z.array(z.string().describe("a scope it grants")).describe("the scopes of one role")).default({}).describe("role → the scopes it grants"),
  byMethod: z
    .partialRecord(z.enum(httpMethods), z.string().describe("the scope a route of this method needs"))
    .default({})
    .describe("the scope a route needs by its method, where the route names none"),
});

const rateLimitPolicy = z
  .strictObject({
    limit: z.number().int().positive().describe("requests a key may make in one window"),
    windowSeconds: z.number().int().positive().describe("the window's length: 60 for a minute, 86400 for a day"),
  })
  .describe("one environment's limit");

const rateLimits = z.strictObject({
  window: z.enum(["fixed", "sliding"]).default("fixed").describe("fixed windows align to multiples of their length since the epoch; sliding ones count the last windowSeconds"),
  headers: z
    .strictObject({
      limit: headerName.optional().describe("the header that states the limit, e.g. X-RateLimit-Limit"),
      remaining: headerName.optional().describe("the header that states what is left, e.g. X-RateLimit-Remaining"),
      reset: headerName.optional().describe("the header that states when the window ends, e.g. X-RateLimit-Reset"),
    })
    .default({})
    .describe("the headers sent on every response to a known key; none where absent"),
  resetFormat: z
    .enum(["unix-seconds", "delta-seconds"])
    .default("unix-seconds")
    .describe("how the reset header states when the window ends"),
  retryAfter: z.boolean().default(true).describe("send Retry-After (seconds) on 429"),
  policies: z
    .record(z.string(), rateLimitPolicy)
    .describe('per key environment; "default" applies to environments not listed'),
});

const errorCase = z.strictObject({
  status: status(400, 599),
  code: z.string().describe('what "{{code}}" in the envelope becomes'),
  message: z.string().describe('what "{{message}}" becomes; may name {{method}}, {{path}}, {{permission}}, {{field}}, {{expected}}, {{scopes}}, {{role}}'),
  messages: z
    .record(z.string(), z.string().describe("the message when this rule is broken"))
    .optional()
    .describe("validation_failed only: a message per rule (required, type, enum, …); {{field}} is the field"),
  headers: z.record(headerName, headerValue.describe("its value")).optional().describe("extra headers on this refusal"),
});

const errors = z.strictObject({
  envelope: json.describe('the error body; "{{status}}", "{{code}}", "{{message}}", "{{details}}" are filled in'),
  contentType: headerValue.default("application/json; charset=utf-8").describe("the Content-Type of every error"),
  cases: z
    .strictObject({
      ...(Object.fromEntries(
        Object.entries(defaultCases).map(([reason, fallback]) => [
          reason,
          errorCase.default(fallback).describe(`default: ${fallback.status} "${fallback.code}" "${fallback.message}"`),
        ]),
      ) as Record<keyof typeof defaultCases, ReturnType<typeof errorCase.default>>),
      forbidden_grant: errorCase.optional().describe("needed by issue_key routes: the caller may not grant these scopes"),
    })
    .prefault({})
    .describe("status, code and message for each refusal; a case left out gets its default"),
});

type FieldSpec =
  | { fake: (typeof generatorNames)[number]; args?: unknown }
  | { const: unknown }
  | { oneOf: unknown[] }
  | { timestamp: "created" | "updated" }
  | { ref: string }
  | { object: Record<string, FieldSpec> };

const fieldSpec: z.ZodType<FieldSpec> = z.lazy(() =>
  z.union([
    z
      .strictObject({ fake: z.enum(generatorNames).describe("the faker generator"), args: json.optional().describe("its options, e.g. { \"min\": 1 }") })
      .describe("a value faker makes from the seed"),
    z.strictObject({ const: json.describe("the value") }).describe("the same value in every record"),
    z.strictObject({ oneOf: z.array(json.describe("a choice")).min(1).describe("the choices") }).describe("one of these values, picked from the seed"),
    z.strictObject({ timestamp: z.enum(["created", "updated"]).describe("updated ones change on every update") }).describe("an ISO 8601 time from the mock's clock"),
    z
      .strictObject({ ref: z.string().min(1).describe("the model referred to, e.g. \"users\"") })
      .describe("the id of a record of another model: seeded records get one from the seed; a created one keeps the body's, which must name an existing record"),
    z.strictObject({ object: z.record(z.string(), fieldSpec).describe("field → how it is made") }).describe("a nested object"),
  ]).describe("how a field's value is made: one of the forms below"),
);

const model = z.strictObject({
  idPrefix: z.string().default("").describe('what generated ids start with, e.g. "user_"'),
  count: z.number().int().min(0).max(10_000).default(0).describe("records faker generates from the seed"),
  fields: z.record(z.string(), fieldSpec).default({}).describe("field → how the mock makes its value"),
  records: z
    .array(z.looseObject({ id: z.string().min(1).describe("the record's id, as routes' :id find it") }).describe("one record: its id and any fields"))
    .default([])
    .describe("records stated verbatim"),
});

type BodyField = {
  type: "string" | "number" | "integer" | "boolean" | "array" | "object";
  required?: boolean;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: "email" | "date-time";
  future?: boolean;
  items?: BodyField;
};

const bodyField: z.ZodType<BodyField> = z.lazy(() =>
  z.strictObject({
    type: z.enum(["string", "number", "integer", "boolean", "array", "object"]).describe("its JSON type"),
    required: z.boolean().optional().describe("absent, null or blank answers validation_failed"),
    enum: z.array(json.describe("an allowed value")).optional().describe("the only values allowed"),
    minLength: z.number().int().min(0).optional().describe("strings: fewest characters"),
    maxLength: z.number().int().min(0).optional().describe("strings: most characters"),
    minItems: z.number().int().min(0).optional().describe("arrays: fewest items"),
    maxItems: z.number().int().min(0).optional().describe("arrays: most items"),
    format: z.enum(["email", "date-time"]).optional().describe("strings: an email address or an ISO 8601 date-time"),
    future: z.boolean().optional().describe("date-time only: must be after the mock's clock"),
    items: bodyField.optional().describe("arrays: the rules for each item"),
  }).describe("a JSON field and its rules"),
);

const dataAction = z.strictObject({
  type: z.enum(["get", "list", "create", "update", "delete"]).describe("what the route does to the model's records"),
  model: z.string().min(1).describe("a models name"),
  id: z.string().optional().describe("a fixed record id (e.g. the current user); otherwise the :id path parameter"),
  wrap: z.string().optional().describe("list only: put the records under this property"),
  where: z
    .record(z.string(), z.string().describe('a value, or ":name" for the path parameter of that name'))
    .optional()
    .describe('list only: just the records whose field has this value, e.g. { "user_id": ":id" } for /users/:id/wallets; an unknown parent answers not_found'),
});

const issueKeyAction = z.strictObject({
  type: z.literal("issue_key").describe("issues a key, returning its plaintext once"),
  kind: z
    .strictObject({
      field: z.string().describe("the body field that picks the key kind"),
      default: z.string().describe("its value when the body leaves it out"),
      map: z.record(z.string(), z.string().describe("a keyKinds[].id")).describe("field value → keyKinds[].id"),
    })
    .describe("which kind of key to issue"),
  fields: z
    .strictObject({
      scopes: z.string().default("scopes").describe("the field with the scopes to grant"),
      expiresAt: z.string().default("expiresAt").describe("the field with an ISO 8601 expiry"),
      label: z.string().default("name").describe("the field with the key's name"),
    })
    .default({ scopes: "scopes", expiresAt: "expiresAt", label: "name" })
    .describe("which body fields carry the new key's scopes, expiry and name"),
  defaultLifetimeSeconds: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("a key issued without an expiry expires this long after it was issued"),
  wildcardRequiresRole: z
    .string()
    .optional()
    .describe("only a caller whose member has this role may grant the wildcard; others may grant only scopes they hold"),
  response: json.describe('the 201 body; "{{id}}", "{{prefix}}", "{{plaintext}}", "{{scopes}}", "{{createdAt}}", "{{expiresAt}}", "{{environment}}", "{{label}}" are filled in'),
});

const action = z.discriminatedUnion("type", [
  dataAction.describe("reads or changes a model's records"),
  issueKeyAction.describe("a key-issuing endpoint: the plaintext in its response only"),
]);

const route = z.strictObject({
  method: z.enum(httpMethods).describe("its HTTP method"),
  path: z.string().regex(/^\/[^?#]*$/, 'expected a path like "/v1/users/:id"').describe('its path below the base URL; ":id" names a record'),
  summary: z.string().optional().describe("what it is for, in a few words"),
  permission: z.string().optional().describe("the scope this route needs; else permissions.byMethod"),
  public: z.boolean().default(false).describe("keys of a publicRoutesOnly kind may call it"),
  body: z.record(z.string(), bodyField).optional().describe("the JSON body's fields"),
  responseFields: z
    .record(z.string(), bodyField)
    .optional()
    .describe("fields of the 2xx JSON body, with their types (of each item under action.wrap for a list)"),
  status: status(200, 299).optional(),
  action: action.describe("what the mock does on a request it lets through"),
});

const provenanceEntry = z.union([
  z.strictObject({ documented: z.string().min(1).describe("a short quote of the source document") }).describe("the document states it"),
  z.strictObject({ assumed: z.string().min(1).describe("why: what the document leaves open") }).describe("the fixture chose it"),
]).describe("documented or assumed");

const member = z.strictObject({
  id: z.string().min(1).describe("how keys and sessions name this member"),
  role: z.string().min(1).describe('e.g. "owner" or "member"'),
  name: z.string().optional().describe("a display name"),
});

export const contractSchema = z.strictObject({
  $schema: z.string().optional().describe("where editors find this JSON Schema, e.g. ./contract.schema.json"),
  name: name.describe("lower-case, used in paths (/moonkey/…) and on the command line"),
  title: z.string().min(1).describe("the API's name as people write it"),
  source: z.string().optional().describe("the vendor document this contract transcribes"),
  provenance: z
    .record(z.string(), provenanceEntry)
    .optional()
    .describe(
      'which facts the source document states: JSON path (e.g. "$.errors.cases.missing_credentials.status"; "*" matches one step; the longest path decides) → { "documented": quote } or { "assumed": why }. Absent: every fact is documented (your own API); present: every fact needs an entry',
    ),
  baseUrl: z.url().describe("the real API's base URL; MSW handlers intercept it"),
  httpsOnly: z.boolean().default(false).describe("refuse requests known to have come over plain HTTP"),
  separateEnvironments: z
    .boolean()
    .default(false)
    .describe("each key environment is its own deployment: a key of another environment is refused as unknown_key (the mock serves one, --environment)"),
  credentials: z.array(credentialLocation.describe("one place a key may travel")).min(1).describe("where the key travels; the first that carries one is read"),
  keyKinds: z.array(keyKind.describe("one documented key format")).min(1).describe("the key formats the API documents"),
  permissions: permissions.default({ scopes: [], roles: {}, byMethod: {} }).describe("what keys may do: scopes, roles, the scope each method needs"),
  rateLimits: rateLimits.optional().describe("documented limits; none enforced where absent"),
  errors: errors.describe("how every refusal is answered"),
  members: z.array(member.describe("one org member")).default([]).describe("org members, where keys belong to people with roles (the wildcard rule, sessions)"),
  sessions: z
    .strictObject({ ttlSeconds: z.number().int().positive().default(3600).describe("how long a session JWT lasts") })
    .optional()
    .describe("members may also authenticate with a session JWT (issued by POST /__keymock/sessions) where keys are accepted"),
  keys: z.array(seededKey.describe("one seeded key")).default([]).describe("keys the mock holds from the start"),
  models: z.record(name, model.describe("one resource's records")).default({}).describe("the resources routes act on"),
  routes: z.array(route.describe("one route")).min(1).describe("the API's routes"),
  // Hardening bounds (src/contract/limits.ts holds the defaults): all optional, so fixtures without them are unchanged.
  limits: z
    .strictObject({
      maxStringLength: z.number().int().min(1).max(1_048_576).optional().describe("characters in a string body field without its own maxLength (default 4096)"),
      maxItems: z.number().int().min(1).max(100_000).optional().describe("items in an array body field without its own maxItems (default 1000)"),
      maxRecords: z.number().int().min(1).max(1_000_000).optional().describe("records one model may hold; a create beyond answers limits.full (default 1000)"),
      maxKeys: z.number().int().min(1).max(1_000_000).optional().describe("keys and sessions issued beyond the seeded ones (default 1000)"),
      pageSize: z.number().int().min(1).max(100_000).optional().describe("records a list route returns when the request names no page size (default 100)"),
      maxPageSize: z.number().int().min(1).max(100_000).optional().describe("the largest page a request may ask for (default 1000)"),
      limitParam: z.string().min(1).optional().describe('the query parameter naming a page size (default "limit")'),
      offsetParam: z.string().min(1).optional().describe('the query parameter skipping records for the next page (default "offset")'),
      full: errorCase.optional().describe("the refusal when a store is full; default: validation_failed's status and code"),
    })
    .optional()
    .describe("bounds on what one client can make the mock hold or check"),
});

export type Contract = z.output<typeof contractSchema>;
export type ContractInput = z.input<typeof contractSchema>;
export type DenialReason = (typeof denialReasons)[number];
export type ErrorCase = z.output<typeof errorCase>;
export type KeyKind = z.output<typeof keyKind>;
export type SeededKey = z.output<typeof seededKey>;
export type Route = z.output<typeof route>;
export type RouteAction = z.output<typeof action>;
export type DataAction = z.output<typeof dataAction>;
export type IssueKeyAction = z.output<typeof issueKeyAction>;
export type Model = z.output<typeof model>;
export type RateLimits = z.output<typeof rateLimits>;
export type RateLimitPolicy = z.output<typeof rateLimitPolicy>;
export type HttpMethod = (typeof httpMethods)[number];
export type { BodyField, FieldSpec };
