import { randomAlphanumeric } from "../engine/random.js";

export interface StarterOptions {
  /** lower-case name, e.g. "acme" */
  name: string;
  baseUrl: string;
  /** the header that carries the key, e.g. "Authorization" or "X-API-Key" */
  header: string;
  /** e.g. "Bearer"; none for a header that carries the raw key */
  scheme?: string | undefined;
  /** key environment → its documented prefix, in order, e.g. { test: "sk_test_", live: "sk_live_" } */
  prefixes: Record<string, string>;
  /** where the contract's JSON Schema is, relative to the written file */
  schemaRef: string;
}

/**
 * A contract for the user's own API that validates and serves as it is: their credential and key formats, a read and
 * a write scope, a limit per environment, a small resource with list, read, create and delete, and seeded keys for
 * every conformance role. Refusals use the default cases, so the file holds only what is the API's own.
 */
export function starterContract(options: StarterOptions): Record<string, unknown> {
  const environments = Object.entries(options.prefixes);
  const [first] = environments;
  const keyKinds = environments.map(([environment, prefix]) => ({ id: environment, prefix, pattern: "[A-Za-z0-9]{32}", kind: "secret", environment }));
  const key = (prefix: string) => `${prefix}${randomAlphanumeric(32)}`;
  const keys = environments.map(([environment, prefix]) => ({ id: `key_${environment}`, kind: environment, label: `${environment}, every scope`, scopes: ["*"], plaintext: key(prefix) }));
  if (first) {
    const [environment, prefix] = first;
    keys.push(
      { id: `key_${environment}_readonly`, kind: environment, label: "reads only", scopes: ["items:read"], plaintext: key(prefix) },
      Object.assign({ id: `key_${environment}_revoked`, kind: environment, label: "revoked", scopes: ["*"], plaintext: key(prefix) }, { status: "revoked" }),
      Object.assign({ id: `key_${environment}_expired`, kind: environment, label: "expired 2025-01-01", scopes: ["*"], plaintext: key(prefix) }, { expiresAt: "2025-01-01T00:00:00Z" }),
    );
  }
  return {
    $schema: options.schemaRef,
    name: options.name,
    title: options.name.charAt(0).toUpperCase() + options.name.slice(1),
    baseUrl: options.baseUrl,
    credentials: [{ header: options.header, ...(options.scheme ? { scheme: options.scheme } : {}) }],
    keyKinds,
    permissions: { wildcard: "*", scopes: ["items:read", "items:write"] },
    rateLimits: {
      headers: { limit: "X-RateLimit-Limit", remaining: "X-RateLimit-Remaining", reset: "X-RateLimit-Reset" },
      policies: Object.fromEntries(environments.map(([environment], i) => [environment, { limit: i === 0 ? 100 : 1000, windowSeconds: 60 }])),
    },
    errors: { envelope: { error: { code: "{{code}}", message: "{{message}}" } } },
    keys,
    models: {
      items: {
        idPrefix: "item_",
        count: 5,
        fields: { name: { fake: "commerce.productName" }, createdAt: { timestamp: "created" } },
        records: [{ id: "item_1", name: "First item", createdAt: "2025-01-01T00:00:00Z" }],
      },
    },
    routes: [
      { method: "GET", path: "/v1/items", permission: "items:read", action: { type: "list", model: "items", wrap: "data" } },
      {
        method: "GET",
        path: "/v1/items/:id",
        permission: "items:read",
        responseFields: { id: { type: "string", required: true }, name: { type: "string", required: true } },
        action: { type: "get", model: "items" },
      },
      {
        method: "POST",
        path: "/v1/items",
        permission: "items:write",
        status: 201,
        body: { name: { type: "string", required: true, maxLength: 200 } },
        action: { type: "create", model: "items" },
      },
      { method: "DELETE", path: "/v1/items/:id", permission: "items:write", action: { type: "delete", model: "items" } },
    ],
  };
}
