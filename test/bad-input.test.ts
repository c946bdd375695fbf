import request from "supertest";
import { describe, expect, it } from "vitest";
import type { BundledName } from "../src/contract/bundled.js";
import { appFor, seededKey } from "./helpers.js";

const key = seededKey("moonkey", "key_test_docs");
const bearer = `Bearer ${key}`;

type Refusal = { status: number; body: unknown };
type Row = {
  name: BundledName;
  create: string;
  credential: Record<string, string>;
  unknownRoute: Refusal;
  malformedJson: Refusal;
  notJson: Refusal;
  plainHttp: Refusal;
};

// Each contract's refusals of bad input, written out from its fixture (the vendor document, or the stated assumption).
const rows: Row[] = [
  {
    name: "moonkey",
    create: "/v1/auth/users",
    credential: { Authorization: bearer },
    unknownRoute: { status: 404, body: { error: { code: "not_found", message: "Resource doesn't exist." } } },
    malformedJson: { status: 400, body: { error: { code: "invalid_request", message: "Request body is not valid JSON." } } },
    notJson: { status: 415, body: { error: { code: "invalid_request", message: "Content-Type must be application/json for all requests with a body." } } },
    plainHttp: { status: 403, body: { error: { code: "https_required", message: "HTTPS is required for all requests. HTTP requests will be rejected." } } },
  },
  {
    name: "monei",
    create: "/api/v1/transactions",
    credential: { "x-api-key": seededKey("monei", "key_sandbox_full") },
    unknownRoute: { status: 404, body: { statusCode: 404, message: "Cannot GET /v1/nothing/here", error: "Not Found" } },
    malformedJson: { status: 400, body: { statusCode: 400, message: "Request body is not valid JSON", error: "Bad Request" } },
    notJson: { status: 415, body: { statusCode: 415, message: "Content-Type must be application/json", error: "Unsupported Media Type" } },
    plainHttp: { status: 403, body: { statusCode: 403, message: "HTTPS is required", error: "Forbidden" } },
  },
  {
    name: "moment",
    create: "/v1/customers",
    credential: { Authorization: `Bearer ${seededKey("moment", "key_test_secret")}` },
    unknownRoute: { status: 404, body: { error: { type: "not_found", message: "Unrecognized request URL (GET /v1/nothing/here)." } } },
    malformedJson: { status: 400, body: { error: { type: "invalid_request", message: "The request body is not valid JSON." } } },
    notJson: { status: 415, body: { error: { type: "invalid_request", message: "Content-Type must be application/json." } } },
    plainHttp: { status: 400, body: { error: { type: "invalid_request", message: "All API requests must be made over HTTPS." } } },
  },
  {
    name: "moodmnky",
    create: "/v1/products",
    credential: { Authorization: `Bearer ${seededKey("moodmnky", "key_dev_admin")}` },
    unknownRoute: { status: 404, body: { error: "Not Found", message: "No route for GET /v1/nothing/here." } },
    malformedJson: { status: 400, body: { error: "Bad Request", message: "Request body is not valid JSON." } },
    notJson: { status: 415, body: { error: "Unsupported Media Type", message: "Content-Type must be application/json." } },
    plainHttp: { status: 403, body: { error: "Forbidden", message: "Use HTTPS: API requests over plain HTTP are refused." } },
  },
  {
    name: "moonborn",
    create: "/v1/personas",
    credential: { Authorization: `Bearer ${seededKey("moonborn", "key_owner_live")}` },
    unknownRoute: { status: 404, body: { error: { code: "not_found", message: "No route for GET /v1/nothing/here." } } },
    malformedJson: { status: 400, body: { error: { code: "validation_error", message: "Request body is not valid JSON." } } },
    notJson: { status: 415, body: { error: { code: "validation_error", message: "Content-Type must be application/json." } } },
    plainHttp: { status: 403, body: { error: { code: "forbidden", message: "HTTPS is required." } } },
  },
];

const json = "application/json; charset=utf-8";

describe.each(rows)("$name refuses bad input in its own envelope and status", (row) => {
  const expectRefusal = (response: request.Response, refusal: Refusal) => {
    expect({ status: response.status, contentType: response.headers["content-type"], body: JSON.parse(response.text) }).toEqual({ ...refusal, contentType: json });
  };

  it("answers an unknown route before asking for a key", async () => {
    const { app } = await appFor(row.name);
    expectRefusal(await request(app).get("/v1/nothing/here"), row.unknownRoute);
  });

  it("answers a body that is not valid JSON", async () => {
    const { app } = await appFor(row.name);
    expectRefusal(await request(app).post(row.create).set(row.credential).set("Content-Type", "application/json").send('{"name": "a",'), row.malformedJson);
  });

  it("answers 415 to a body that is not sent as JSON", async () => {
    const { app } = await appFor(row.name);
    expectRefusal(await request(app).post(row.create).set(row.credential).set("Content-Type", "application/x-www-form-urlencoded").send("name=a"), row.notJson);
  });

  it("refuses a request a proxy says came over plain HTTP, as the contract is HTTPS-only", async () => {
    const { app } = await appFor(row.name);
    expectRefusal(await request(app).get(row.create).set(row.credential).set("X-Forwarded-Proto", "http"), row.plainHttp);
  });
});

describe("bad input gets the contract's own envelope and status", () => {
  it("answers 404 in the envelope for a record that does not exist", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).get("/v1/auth/users/user_nope").set("Authorization", bearer);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: "not_found", message: "Resource doesn't exist." } });
  });

  it("answers 413 in the envelope for a body over 1 MiB", async () => {
    const { app } = await appFor("monei");
    const response = await request(app)
      .post("/api/v1/transactions")
      .set("x-api-key", seededKey("monei", "key_sandbox_full"))
      .set("Content-Type", "application/json")
      .send(JSON.stringify({ narration: "x".repeat(1024 * 1024 + 10) }));
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ statusCode: 413, message: "Request body is larger than 1 MiB", error: "Payload Too Large" });
  });

  it("answers 400 invalid_request \"Missing required field: email\" as the MoonKey document shows", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).post("/v1/auth/users").set("Authorization", bearer).send({ name: "No Email" });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: "invalid_request", message: "Missing required field: email" } });
  });

  it("names every invalid field in Moonborn's details", async () => {
    const { app } = await appFor("moonborn");
    const response = await request(app)
      .post("/v1/personas")
      .set("Authorization", `Bearer ${seededKey("moonborn", "key_owner_live")}`)
      .send({ name: "x".repeat(101), bio: 7 });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: "validation_error",
        message: "name must be at most 100 characters.",
        details: { fields: { name: "name must be at most 100 characters.", bio: "bio must be a string." } },
      },
    });
  });

  it("treats a wrong scheme in the credential header as a malformed key", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).get("/v1/auth/users/user_123").set("Authorization", `Basic ${key}`);
    expect(response.status).toBe(401);
    expect(response.body.error.message).toBe("Invalid API key. MoonKey keys look like sk_test_... or sk_live_...");
  });

  it("accepts MOOD MNKY's n8n header as well as Authorization", async () => {
    const { app } = await appFor("moodmnky");
    const response = await request(app).get("/v1/workflows").set("X-N8N-API-KEY", seededKey("moodmnky", "key_dev_reader"));
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(4);
  });
});

describe("create, read and delete through a contract route", () => {
  it("creates a MoonKey user that can be read back, with the clock's time as created_at", async () => {
    const { app } = await appFor("moonkey", { now: () => Date.parse("2026-02-03T04:05:06Z") });
    const created = await request(app).post("/v1/auth/users").set("Authorization", bearer).send({ email: "new@example.com" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: "new@example.com", created_at: "2026-02-03T04:05:06.000Z" });
    expect(created.body.id).toMatch(/^user_[a-z0-9]{14}$/);
    const read = await request(app).get(`/v1/auth/users/${created.body.id}`).set("Authorization", bearer);
    expect(read.body).toEqual(created.body);
    const deleted = await request(app).delete(`/v1/auth/users/${created.body.id}`).set("Authorization", bearer);
    expect(deleted.body).toEqual({ id: created.body.id, deleted: true });
    expect((await request(app).get(`/v1/auth/users/${created.body.id}`).set("Authorization", bearer)).status).toBe(404);
  });

  it("serves Monei's current user with kycInfo.currentTier", async () => {
    const { app } = await appFor("monei");
    const response = await request(app).get("/api/v1/user/me").set("x-api-key", seededKey("monei", "key_sandbox_readonly"));
    expect(response.body.kycInfo.currentTier).toBe("TIER_2");
  });

  it("lets a Moment public key create a payment session but not list customers", async () => {
    const { app } = await appFor("moment");
    const pk = `Bearer ${seededKey("moment", "key_test_public")}`;
    const session = await request(app).post("/v1/payment-sessions").set("Authorization", pk).send({ amount: 1500, currency: "KES" });
    expect(session.status).toBe(201);
    expect((await request(app).get("/v1/customers").set("Authorization", pk)).status).toBe(403);
  });

  it("generates the same records for the same seed and different ones for another", async () => {
    const list = async (seed: number) => {
      const { app } = await appFor("moonkey", { seed });
      return (await request(app).get("/v1/auth/users").set("Authorization", bearer)).body.data;
    };
    const [a, b, c] = await Promise.all([list(7), list(7), list(8)]);
    expect(a).toEqual(b);
    expect(a).toHaveLength(9);
    expect(c).not.toEqual(a);
  });
});
