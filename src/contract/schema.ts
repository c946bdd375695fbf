import { z } from "zod";

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
  kind: z.enum(["secret", "public"]),
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
  id: z.string().min(1),
  kind: z.string().min(1).describe("a keyKinds[].id"),
  plaintext: z.string().min(1),
  label: z.string().optional().describe("what this key is for, shown in the start-up table"),
  environment: z.string().min(1).optional(),
  scopes: z.array(z.string()).optional(),
  role: z.string().optional(),
  member: z.string().optional().describe("the org member who owns the key, a members[].id"),
  status: z.enum(["active", "revoked"]).default("active"),
  expiresAt: isoDate.optional(),
});

const permissions = z.strictObject({
  wildcard: z.string().optional().describe('a scope that grants everything, e.g. "*"'),
  scopes: z.array(z.string().min(1)).default([]).describe("every scope or permission a key may hold"),
  roles: z.record(z.string(), z.array(z.string())).default({}).describe("role → the scopes it grants"),
  byMethod: z
    .partialRecord(z.enum(httpMethods), z.string())
    .default({})
    .describe("the scope a route needs by its method, where the route names none"),
});

const rateLimitPolicy = z.strictObject({
  limit: z.number().int().positive(),
  windowSeconds: z.number().int().positive(),
});

const rateLimits = z.strictObject({
  window: z.enum(["fixed", "sliding"]).default("fixed"),
  headers: z
    .strictObject({ limit: headerName.optional(), remaining: headerName.optional(), reset: headerName.optional() })
    .default({}),
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
  code: z.string(),
  message: z.string(),
  messages: z
    .record(z.string(), z.string())
    .optional()
    .describe("validation_failed only: a message per rule (required, type, enum, …); {{field}} is the field"),
  headers: z.record(headerName, headerValue).optional(),
});

const errors = z.strictObject({
  envelope: json.describe('the error body; "{{status}}", "{{code}}", "{{message}}", "{{details}}" are filled in'),
  contentType: headerValue.default("application/json; charset=utf-8"),
  cases: z.strictObject({
    ...(Object.fromEntries(denialReasons.map((r) => [r, errorCase])) as Record<(typeof denialReasons)[number], typeof errorCase>),
    forbidden_grant: errorCase.optional().describe("needed by issue_key routes: the caller may not grant these scopes"),
  }),
});

type FieldSpec =
  | { fake: (typeof generatorNames)[number]; args?: unknown }
  | { const: unknown }
  | { oneOf: unknown[] }
  | { timestamp: "created" | "updated" }
  | { object: Record<string, FieldSpec> };

const fieldSpec: z.ZodType<FieldSpec> = z.lazy(() =>
  z.union([
    z.strictObject({ fake: z.enum(generatorNames), args: json.optional() }),
    z.strictObject({ const: json }),
    z.strictObject({ oneOf: z.array(json).min(1) }),
    z.strictObject({ timestamp: z.enum(["created", "updated"]) }),
    z.strictObject({ object: z.record(z.string(), fieldSpec) }),
  ]),
);

const model = z.strictObject({
  idPrefix: z.string().default(""),
  count: z.number().int().min(0).max(10_000).default(0).describe("records faker generates from the seed"),
  fields: z.record(z.string(), fieldSpec).default({}),
  records: z.array(z.looseObject({ id: z.string().min(1) })).default([]).describe("records stated verbatim"),
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
    type: z.enum(["string", "number", "integer", "boolean", "array", "object"]),
    required: z.boolean().optional(),
    enum: z.array(json).optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(0).optional(),
    minItems: z.number().int().min(0).optional(),
    maxItems: z.number().int().min(0).optional(),
    format: z.enum(["email", "date-time"]).optional(),
    future: z.boolean().optional().describe("date-time only: must be after the mock's clock"),
    items: bodyField.optional(),
  }),
);

const dataAction = z.strictObject({
  type: z.enum(["get", "list", "create", "update", "delete"]),
  model: z.string().min(1),
  id: z.string().optional().describe("a fixed record id (e.g. the current user); otherwise the :id path parameter"),
  wrap: z.string().optional().describe("list only: put the records under this property"),
});

const issueKeyAction = z.strictObject({
  type: z.literal("issue_key"),
  kind: z
    .strictObject({
      field: z.string().describe("the body field that picks the key kind"),
      default: z.string().describe("its value when the body leaves it out"),
      map: z.record(z.string(), z.string()).describe("field value → keyKinds[].id"),
    })
    .describe("which kind of key to issue"),
  fields: z
    .strictObject({
      scopes: z.string().default("scopes"),
      expiresAt: z.string().default("expiresAt"),
      label: z.string().default("name"),
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

const action = z.discriminatedUnion("type", [dataAction, issueKeyAction]);

const route = z.strictObject({
  method: z.enum(httpMethods),
  path: z.string().regex(/^\/[^?#]*$/, 'expected a path like "/v1/users/:id"'),
  summary: z.string().optional(),
  permission: z.string().optional().describe("the scope this route needs; else permissions.byMethod"),
  public: z.boolean().default(false).describe("keys of a publicRoutesOnly kind may call it"),
  body: z.record(z.string(), bodyField).optional().describe("the JSON body's fields"),
  responseFields: z
    .record(z.string(), bodyField)
    .optional()
    .describe("fields of the 2xx JSON body, with their types (of each item under action.wrap for a list)"),
  status: status(200, 299).optional(),
  action,
});

const provenanceEntry = z.union([
  z.strictObject({ documented: z.string().min(1).describe("a short quote of the source document") }),
  z.strictObject({ assumed: z.string().min(1).describe("why: what the document leaves open") }),
]);

const member = z.strictObject({
  id: z.string().min(1),
  role: z.string().min(1).describe('e.g. "owner" or "member"'),
  name: z.string().optional(),
});

export const contractSchema = z.strictObject({
  $schema: z.string().optional(),
  name,
  title: z.string().min(1),
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
  credentials: z.array(credentialLocation).min(1),
  keyKinds: z.array(keyKind).min(1),
  permissions: permissions.default({ scopes: [], roles: {}, byMethod: {} }),
  rateLimits: rateLimits.optional(),
  errors,
  members: z.array(member).default([]),
  sessions: z
    .strictObject({ ttlSeconds: z.number().int().positive().default(3600) })
    .optional()
    .describe("members may also authenticate with a session JWT (issued by POST /__keymock/sessions) where keys are accepted"),
  keys: z.array(seededKey).default([]),
  models: z.record(name, model).default({}),
  routes: z.array(route).min(1),
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
