import request from "supertest";
import { describe, expect, it } from "vitest";
import type { BundledName } from "../src/contract/bundled.js";
import { appFor, seededKey } from "./helpers.js";

type Case = { key: string | undefined; header?: string; status: number; body: unknown };
type Provider = {
  name: BundledName;
  route: string;
  header: string;
  scheme: string;
  valid: string;
  cases: Record<string, Case>;
  underPrivileged: { method: "get" | "post" | "delete"; route: string; key: string; status: number; body: unknown };
};

// Each row is the document's promise (or the fixture's stated assumption), written out literally.
const providers: Provider[] = [
  {
    name: "moonkey",
    route: "/v1/auth/users/user_123",
    header: "Authorization",
    scheme: "Bearer ",
    valid: seededKey("moonkey", "key_test_docs"),
    cases: {
      missing: { key: undefined, status: 401, body: { error: { code: "unauthorized", message: "Missing API key. Include it in the Authorization header using the Bearer scheme: Authorization: Bearer sk_test_..." } } },
      malformed: { key: "sk_prod_123", status: 401, body: { error: { code: "unauthorized", message: "Invalid API key. MoonKey keys look like sk_test_... or sk_live_..." } } },
      unknown: { key: "sk_test_000000000000000000000000000000", status: 401, body: { error: { code: "unauthorized", message: "Invalid API key." } } },
      revoked: { key: seededKey("moonkey", "key_test_revoked"), status: 401, body: { error: { code: "unauthorized", message: "This API key has been revoked." } } },
      expired: { key: seededKey("moonkey", "key_test_expired"), status: 401, body: { error: { code: "unauthorized", message: "This API key has expired." } } },
    },
    underPrivileged: {
      method: "post",
      route: "/v1/auth/users",
      key: seededKey("moonkey", "key_test_readonly"),
      status: 403,
      body: { error: { code: "forbidden", message: "API key doesn't have required permissions: users:write." } },
    },
  },
  {
    name: "monei",
    route: "/api/v1/user/me",
    header: "x-api-key",
    scheme: "",
    valid: seededKey("monei", "key_sandbox_full"),
    cases: {
      missing: { key: undefined, status: 401, body: { statusCode: 401, message: "Invalid API key", error: "Unauthorized" } },
      malformed: { key: "not-a-key", status: 401, body: { statusCode: 401, message: "Invalid API key", error: "Unauthorized" } },
      unknown: { key: "0".repeat(32), status: 401, body: { statusCode: 401, message: "Invalid API key", error: "Unauthorized" } },
      revoked: { key: seededKey("monei", "key_sandbox_revoked"), status: 401, body: { statusCode: 401, message: "Invalid API key", error: "Unauthorized" } },
      expired: { key: seededKey("monei", "key_sandbox_expired"), status: 401, body: { statusCode: 401, message: "Invalid API key", error: "Unauthorized" } },
    },
    underPrivileged: {
      method: "post",
      route: "/api/v1/transactions",
      key: seededKey("monei", "key_sandbox_readonly"),
      status: 403,
      body: { statusCode: 403, message: "API key lacks the transactions permission", error: "Forbidden" },
    },
  },
  {
    name: "moment",
    route: "/v1/customers",
    header: "Authorization",
    scheme: "Bearer ",
    valid: seededKey("moment", "key_live_secret_docs"),
    cases: {
      missing: { key: undefined, status: 401, body: { error: { type: "unauthorized", message: "No API key provided. Send it in the Authorization header as a bearer token: Authorization: Bearer sk_test_..." } } },
      malformed: { key: "sk_short", status: 400, body: { error: { type: "invalid_request", message: "Invalid API key provided." } } },
      unknown: { key: "sk_test_000000000000000000000", status: 400, body: { error: { type: "invalid_request", message: "Invalid API key provided." } } },
      revoked: { key: seededKey("moment", "key_test_deleted"), status: 403, body: { error: { type: "forbidden", message: "This API key has been deleted." } } },
      expired: { key: seededKey("moment", "key_test_expired"), status: 403, body: { error: { type: "forbidden", message: "This API key has expired." } } },
    },
    underPrivileged: {
      method: "get",
      route: "/v1/customers",
      key: seededKey("moment", "key_live_public_docs"),
      status: 403,
      body: { error: { type: "forbidden", message: "Public keys cannot be used for this operation; use your secret key from a server." } },
    },
  },
  {
    name: "moodmnky",
    route: "/v1/products",
    header: "Authorization",
    scheme: "Bearer ",
    valid: seededKey("moodmnky", "key_dev_reader"),
    cases: {
      missing: { key: undefined, status: 401, body: { error: "Unauthorized", message: "Missing API key. Check your API key is correctly included in the request (Authorization: Bearer DEV_API_...)." } },
      malformed: { key: "TEST_API_abc", status: 401, body: { error: "Unauthorized", message: "Invalid API key. Keys start with DEV_API_ or PROD_API_." } },
      unknown: { key: `DEV_API_${"0".repeat(32)}`, status: 401, body: { error: "Unauthorized", message: "Invalid API key." } },
      revoked: { key: seededKey("moodmnky", "key_dev_revoked"), status: 401, body: { error: "Unauthorized", message: "This API key has been revoked." } },
      expired: { key: seededKey("moodmnky", "key_dev_expired"), status: 401, body: { error: "Unauthorized", message: "This API key has expired." } },
    },
    underPrivileged: {
      method: "delete",
      route: "/v1/products/anything",
      key: seededKey("moodmnky", "key_dev_writer"),
      status: 403,
      body: { error: "Forbidden", message: "Valid key but insufficient permissions: DELETE needs the delete permission." },
    },
  },
  {
    name: "moonborn",
    route: "/v1/personas",
    header: "Authorization",
    scheme: "Bearer ",
    valid: seededKey("moonborn", "key_member_readonly"),
    cases: {
      missing: { key: undefined, status: 401, body: { error: { code: "unauthenticated", message: "Missing bearer token. Send Authorization: Bearer <API key or session JWT>." } } },
      malformed: { key: "sk_live_123", status: 401, body: { error: { code: "unauthenticated", message: "Malformed API key: Moonborn keys start with pk_live_ or pk_test_." } } },
      unknown: { key: `pk_live_${"0".repeat(32)}`, status: 401, body: { error: { code: "unauthenticated", message: "Invalid API key." } } },
      revoked: { key: seededKey("moonborn", "key_revoked"), status: 401, body: { error: { code: "unauthenticated", message: "This API key has been revoked." } } },
      expired: { key: seededKey("moonborn", "key_expired"), status: 401, body: { error: { code: "unauthenticated", message: "This API key has expired." } } },
    },
    underPrivileged: {
      method: "get",
      route: "/v1/billing/invoices",
      key: seededKey("moonborn", "key_member_readonly"),
      status: 403,
      body: { error: { code: "forbidden", message: "This key lacks the read:billing scope." } },
    },
  },
];

describe.each(providers)("$name", (provider) => {
  const auth = (key: string) => ({ [provider.header]: `${provider.scheme}${key}` });

  it("answers 2xx with JSON to a valid seeded key", async () => {
    const { app } = await appFor(provider.name);
    const response = await request(app).get(provider.route).set(auth(provider.valid));
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
  });

  it.each(Object.entries(provider.cases))("answers the documented status and exact envelope to a %s key", async (_, c) => {
    const { app } = await appFor(provider.name);
    const call = request(app).get(provider.route);
    const response = await (c.key === undefined ? call : call.set(auth(c.key)));
    expect(response.status).toBe(c.status);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(response.text)).toEqual(c.body);
  });

  it("refuses an under-privileged key with the documented status and envelope", async () => {
    const { app } = await appFor(provider.name);
    const { method, route, key, status, body } = provider.underPrivileged;
    const response = await request(app)[method](route).set(auth(key)).set("Content-Type", "application/json").send("{}");
    expect(response.status).toBe(status);
    expect(JSON.parse(response.text)).toEqual(body);
  });

  it("matches the credential header name case-insensitively", async () => {
    const { app } = await appFor(provider.name);
    const response = await request(app).get(provider.route).set({ [provider.header.toUpperCase()]: `${provider.scheme}${provider.valid}` });
    expect(response.status).toBe(200);
  });

  it("answers a CORS preflight without credentials, naming the credential headers", async () => {
    const { app } = await appFor(provider.name);
    const response = await request(app)
      .options(provider.route)
      .set("Origin", "http://localhost:5173")
      .set("Access-Control-Request-Method", "GET")
      .set("Access-Control-Request-Headers", provider.header.toLowerCase());
    expect(response.status).toBe(204);
    expect(response.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    const allowed = (response.headers["access-control-allow-headers"] ?? "").toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining([provider.header.toLowerCase(), "content-type"]));
  });
});
