import request from "supertest";
import { describe, expect, it } from "vitest";
import { createRequestListener } from "../src/adapters/request-listener.js";
import { bundledContract } from "../src/contract/bundled.js";
import { createEngine } from "../src/engine/engine.js";
import { appFor, seededKey } from "./helpers.js";

const start = Date.parse("2026-06-01T00:00:00Z");
const frozen = () => start;

describe("issue-once plaintext, hashed at rest", () => {
  it("shows an issued key's plaintext in exactly one response of a whole session, and nowhere in the store or the log", async () => {
    const engine = await createEngine(bundledContract("moonkey"), { now: frozen });
    const log: string[] = [];
    const app = createRequestListener([{ prefix: "", engine }], { log: (line) => log.push(line) });
    const texts: string[] = [];
    const record = <T extends { text: string }>(response: T) => (texts.push(response.text), response);

    const created = record(await request(app).post("/__keymock/keys").send({ kind: "secret_test", scopes: ["users:read"] }));
    expect(created.status).toBe(201);
    const { id, plaintext } = created.body;
    expect(plaintext).toMatch(/^sk_test_[A-Za-z0-9]{48}$/);
    expect(created.body).toMatchObject({ kind: "secret_test", prefix: "sk_test_", last4: plaintext.slice(-4), status: "active", expiresAt: null });

    record(await request(app).get("/__keymock/keys"));
    record(await request(app).get(`/__keymock/keys/${id}`));
    const used = record(await request(app).get("/v1/auth/users/user_123").set("Authorization", `Bearer ${plaintext}`));
    expect(used.status).toBe(200);
    record(await request(app).get("/v1/auth/users").set("Authorization", `Bearer ${plaintext}`));

    expect(texts.filter((text) => text.includes(plaintext))).toHaveLength(1);
    expect(JSON.stringify(engine.keys.list())).not.toContain(plaintext);
    expect(log.join("\n")).not.toContain(plaintext);
    expect(log.join("\n")).toContain(`sk_test_…${plaintext.slice(-4)}`);
  });

  it("refuses an unknown kind or scope with 400 naming what is allowed", async () => {
    const { app } = await appFor("moonkey");
    const kind = await request(app).post("/__keymock/keys").send({ kind: "secret_prod" });
    expect(kind.status).toBe(400);
    expect(kind.body.error.message).toBe('"kind" must be one of "secret_test", "secret_live"; got "secret_prod".');
    const scope = await request(app).post("/__keymock/keys").send({ kind: "secret_test", scopes: ["users:admin"] });
    expect(scope.status).toBe(400);
    expect(scope.body.error.message).toContain('"users:read"');
  });
});

describe("revoke, expire, rotate", () => {
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  it("refuses a revoked key with the contract's revoked_key case from then on", async () => {
    const { app } = await appFor("moment");
    const { id, plaintext } = (await request(app).post("/__keymock/keys").send({ kind: "secret_test" })).body;
    expect((await request(app).get("/v1/customers").set(bearer(plaintext))).status).toBe(200);
    expect((await request(app).post(`/__keymock/keys/${id}/revoke`)).body.status).toBe("revoked");
    const refused = await request(app).get("/v1/customers").set(bearer(plaintext));
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: { type: "forbidden", message: "This API key has been deleted." } });
  });

  it("refuses a key with expired_key once the mock's clock passes expiresAt", async () => {
    const { app } = await appFor("moonkey", { now: frozen });
    const { plaintext } = (await request(app).post("/__keymock/keys").send({ kind: "secret_test", scopes: ["*"], expiresAt: "2026-06-01T01:00:00Z" })).body;
    expect((await request(app).get("/v1/auth/users/user_123").set(bearer(plaintext))).status).toBe(200);
    expect((await request(app).post("/__keymock/clock").send({ advance: "90m" })).body).toEqual({ now: "2026-06-01T01:30:00.000Z" });
    const refused = await request(app).get("/v1/auth/users/user_123").set(bearer(plaintext));
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: { code: "unauthorized", message: "This API key has expired." } });
    expect((await request(app).post("/__keymock/clock").send({ set: "2026-06-01T00:30:00Z" })).body.now).toBe("2026-06-01T00:30:00.000Z");
    expect((await request(app).get("/v1/auth/users/user_123").set(bearer(plaintext))).status).toBe(200);
  });

  it("keeps the old key working for the grace period after a rotation, then refuses it", async () => {
    const { app } = await appFor("moodmnky", { now: frozen });
    const old = seededKey("moodmnky", "key_dev_writer");
    const rotated = await request(app).post("/__keymock/keys/key_dev_writer/rotate").send({ graceSeconds: 60 });
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({ replaces: "key_dev_writer", role: "writer", replacedKeyExpiresAt: "2026-06-01T00:01:00.000Z" });
    const next = rotated.body.plaintext as string;
    expect(next).toMatch(/^DEV_API_[A-Za-z0-9]{32}$/);
    for (const key of [old, next]) expect((await request(app).get("/v1/products").set(bearer(key))).status).toBe(200);
    await request(app).post("/__keymock/clock").send({ advance: "61s" });
    expect((await request(app).get("/v1/products").set(bearer(old))).body).toEqual({ error: "Unauthorized", message: "This API key has expired." });
    expect((await request(app).get("/v1/products").set(bearer(next))).status).toBe(200);
  });

  it("answers clear errors for a bad clock move, an unknown key and a rotation of a revoked key", async () => {
    const { app } = await appFor("moonkey");
    expect((await request(app).post("/__keymock/clock").send({ advance: "3 weeks" })).body.error.message).toContain('like "90d" or "15m"');
    expect((await request(app).post("/__keymock/keys/key_nope/revoke")).status).toBe(404);
    const revoked = await request(app).post("/__keymock/keys/key_test_revoked/rotate").send({});
    expect(revoked.status).toBe(409);
    const malformed = await request(app).post("/__keymock/keys").set("Content-Type", "application/json").send("{kind:");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("malformed_json");
  });

  it("refuses a Moment public key issued through the admin API on a secret-only route", async () => {
    const { app } = await appFor("moment");
    const { plaintext } = (await request(app).post("/__keymock/keys").send({ kind: "public_live" })).body;
    expect(plaintext).toMatch(/^pk_[A-Za-z0-9]{21}$/);
    expect((await request(app).get("/v1/customers").set(bearer(plaintext))).status).toBe(403);
    expect((await request(app).post("/v1/payment-sessions").set(bearer(plaintext)).send({ amount: 100, currency: "USD" })).status).toBe(201);
  });
});

describe("Moonborn POST /v1/api-keys, as documented", () => {
  const owner = { Authorization: `Bearer ${seededKey("moonborn", "key_owner_live")}` };
  const member = { Authorization: `Bearer ${seededKey("moonborn", "key_member_test")}` };

  it("issues a pk_live_ key by default that works at once, scoped as asked, and never shows its plaintext again", async () => {
    const { app } = await appFor("moonborn", { now: frozen });
    const issued = await request(app).post("/v1/api-keys").set(owner).send({ name: "ci", scopes: ["read:billing"] });
    expect(issued.status).toBe(201);
    expect(Object.keys(issued.body).sort()).toEqual(["createdAt", "expiresAt", "id", "plaintextKey", "prefix", "scopes"]);
    expect(issued.body).toMatchObject({ prefix: "pk_live_", scopes: ["read:billing"], createdAt: "2026-06-01T00:00:00.000Z", expiresAt: "2027-06-01T00:00:00.000Z" });
    const key = issued.body.plaintextKey as string;
    expect(key).toMatch(/^pk_live_[A-Za-z0-9]{32}$/);
    expect((await request(app).get("/v1/billing/invoices").set("Authorization", `Bearer ${key}`)).status).toBe(200);
    const outOfScope = await request(app).get("/v1/personas").set("Authorization", `Bearer ${key}`);
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body.error.message).toBe("This key lacks the read:personas scope.");
    const listing = await request(app).get("/__keymock/keys");
    expect(listing.text).not.toContain(key);
    expect(listing.body.find((k: { id: string }) => k.id === issued.body.id)).toMatchObject({ member: "mem_owner", status: "active" });
  });

  it("issues a pk_test_ key for environment test, with the expiry asked for", async () => {
    const { app } = await appFor("moonborn", { now: frozen });
    const issued = await request(app).post("/v1/api-keys").set(member).send({ name: "t", scopes: ["read:chat"], environment: "test", expiresAt: "2026-07-01T00:00:00Z" });
    expect(issued.status).toBe(201);
    expect(issued.body.plaintextKey).toMatch(/^pk_test_/);
    expect(issued.body.expiresAt).toBe("2026-07-01T00:00:00.000Z");
  });

  it.each([
    { name: "no name", body: { scopes: ["read:chat"] }, field: "name", message: "name is required." },
    { name: "a name over 100 characters", body: { name: "n".repeat(101), scopes: ["read:chat"] }, field: "name", message: "name must be at most 100 characters." },
    { name: "no scopes", body: { name: "x" }, field: "scopes", message: "scopes is required." },
    { name: "empty scopes", body: { name: "x", scopes: [] }, field: "scopes", message: "scopes must have at least 1 item(s)." },
    { name: "an unknown scope", body: { name: "x", scopes: ["read:secrets"] }, field: "scopes[0]", message: expect.stringMatching(/^scopes\[0\] must be one of \*, read:personas/) },
    { name: "an unknown environment", body: { name: "x", scopes: ["read:chat"], environment: "staging" }, field: "environment", message: "environment must be one of live, test." },
    { name: "a past expiresAt", body: { name: "x", scopes: ["read:chat"], expiresAt: "2020-01-01T00:00:00Z" }, field: "expiresAt", message: "expiresAt must be in the future." },
    { name: "an expiresAt that is no date", body: { name: "x", scopes: ["read:chat"], expiresAt: "tomorrow" }, field: "expiresAt", message: "expiresAt must be a valid ISO 8601 date-time." },
  ])("answers 400 with details naming the field for $name", async ({ body, field, message }) => {
    const { app } = await appFor("moonborn", { now: frozen });
    const response = await request(app).post("/v1/api-keys").set(owner).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code: "validation_error", message, details: { fields: { [field]: message } } });
  });

  it("answers 401 without a valid credential", async () => {
    const { app } = await appFor("moonborn");
    const response = await request(app).post("/v1/api-keys").send({ name: "x", scopes: ["*"] });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthenticated");
  });

  it("answers 403 when a caller who is not the org Owner asks for *", async () => {
    const { app } = await appFor("moonborn");
    const response = await request(app).post("/v1/api-keys").set(member).send({ name: "x", scopes: ["*"] });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: {
        code: "forbidden",
        message: "Cannot issue a key with *: only the org Owner may issue * wildcard scope keys, and a caller may grant only scopes it holds.",
        details: { scopes: ["*"] },
      },
    });
    expect((await request(app).post("/v1/api-keys").set(owner).send({ name: "x", scopes: ["*"] })).status).toBe(201);
  });

  it("does not let a caller grant a scope it does not hold", async () => {
    const { app } = await appFor("moonborn");
    const response = await request(app).post("/v1/api-keys").set(member).send({ name: "x", scopes: ["read:chat", "read:billing"] });
    expect(response.status).toBe(403);
    expect(response.body.error.details).toEqual({ scopes: ["read:billing"] });
  });

  it("accepts a session JWT for an org member, acting with the member's role", async () => {
    const { app } = await appFor("moonborn");
    const session = await request(app).post("/__keymock/sessions").send({ member: "mem_member" });
    expect(session.status).toBe(201);
    const token = session.body.token as string;
    expect(token.split(".")).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString())).toMatchObject({ sub: "mem_member", role: "member" });
    const jwt = { Authorization: `Bearer ${token}` };
    expect((await request(app).post("/v1/api-keys").set(jwt).send({ name: "x", scopes: ["read:personas"] })).status).toBe(201);
    expect((await request(app).post("/v1/api-keys").set(jwt).send({ name: "x", scopes: ["*"] })).status).toBe(403);
    const ownerJwt = (await request(app).post("/__keymock/sessions").send({ member: "mem_owner" })).body.token;
    expect((await request(app).post("/v1/api-keys").set("Authorization", `Bearer ${ownerJwt}`).send({ name: "x", scopes: ["*"] })).status).toBe(201);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await request(app).get("/v1/personas").set("Authorization", `Bearer ${forged}`)).body.error.message).toBe("Invalid API key.");
  });
});
