import request from "supertest";
import { describe, expect, it } from "vitest";
import { createRequestListener } from "../src/adapters/request-listener.js";
import { bundledContract } from "../src/contract/bundled.js";
import { createEngine } from "../src/engine/engine.js";
import { appFor, seededKey } from "./helpers.js";

const moonkey = { Authorization: `Bearer ${seededKey("moonkey", "key_test_docs")}` };

describe("finding 3: a web page cannot drive the admin API", () => {
  it("refuses a no-preflight text/plain POST from another origin, mints nothing and lets that origin read nothing", async () => {
    const { app, engine } = await appFor("moonkey");
    const before = engine.keys.list().length;
    const response = await request(app)
      .post("/__keymock/keys")
      .set("Origin", "https://evil.example")
      .set("Content-Type", "text/plain")
      .send(JSON.stringify({ kind: "secret_live", scopes: ["*"] }));
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("admin_cross_origin");
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    expect(response.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(engine.keys.list().length).toBe(before);
  });

  it("refuses a browser's cross-site fetch by Sec-Fetch-Site even without an Origin", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).get("/__keymock/keys").set("Sec-Fetch-Site", "cross-site");
    expect(response.status).toBe(403);
  });

  it("answers a page on the mock's own origin and a tool that sends no Origin", async () => {
    const { app } = await appFor("moonkey");
    expect((await request(app).get("/__keymock/keys")).status).toBe(200);
    const page = request(app).get("/__keymock/keys").set("Host", "127.0.0.1:4010").set("Origin", "http://127.0.0.1:4010");
    expect((await page.set("Sec-Fetch-Site", "same-origin")).status).toBe(200);
  });

  it.each(["attacker.example", "attacker.example:4010", "10.0.0.5:4010", "127.0.0.1.nip.io"])("refuses Host %s (DNS rebinding)", async (host) => {
    const { app } = await appFor("moonkey");
    const response = await request(app).get("/__keymock/keys").set("Host", host);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("admin_host_refused");
    expect(response.body.error.message).toContain("--admin-token");
  });

  it.each(["localhost:4010", "127.0.0.1", "127.1.2.3:80", "[::1]:4010", "app.localhost:4010"])("answers loopback Host %s", async (host) => {
    const { app } = await appFor("moonkey");
    expect((await request(app).get("/__keymock/keys").set("Host", host)).status).toBe(200);
  });

  it("answers any Host that presents the admin token, and no request without it", async () => {
    const engine = await createEngine(bundledContract("moonkey"), { adminToken: "s3cret-token" });
    const app = createRequestListener([{ prefix: "", engine }]);
    const without = await request(app).get("/__keymock/keys").set("Host", "mock.internal:4010");
    expect(without.status).toBe(401);
    expect(without.body.error.code).toBe("admin_token_required");
    expect((await request(app).get("/__keymock/keys")).status).toBe(401);
    expect((await request(app).get("/__keymock/keys").set("Authorization", "Bearer wrong-token!")).status).toBe(401);
    expect((await request(app).get("/__keymock/keys").set("Host", "mock.internal:4010").set("Authorization", "Bearer s3cret-token")).status).toBe(200);
  });

  it("never sends Access-Control-Allow-Origin: * with credentials: a preflight without an Origin gets no CORS headers", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).options("/v1/auth/users");
    expect(response.status).toBe(204);
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    expect(response.headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it("gives an admin preflight from another origin no CORS headers, while contract routes keep theirs", async () => {
    const { app } = await appFor("moonkey");
    const admin = await request(app).options("/__keymock/keys").set("Origin", "https://evil.example").set("Access-Control-Request-Method", "POST");
    expect(admin.headers["access-control-allow-origin"]).toBeUndefined();
    const contract = await request(app).options("/v1/auth/users").set("Origin", "http://localhost:5173");
    expect(contract.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
  });
});

describe("finding 6: every admin input is bounded, and none leaves state that fails", () => {
  it("answers a bad percent-encoding in a key id with 400 naming the id", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).get("/__keymock/keys/%E0%A4%A");
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_id");
  });

  it("refuses to advance the clock past year 9999 and leaves it, and the contract routes, working", async () => {
    const { app, engine } = await appFor("moonkey", { now: () => Date.parse("2026-01-01T00:00:00Z") });
    const response = await request(app).post("/__keymock/clock").send({ advance: "100000000d" });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_advance");
    expect(engine.clock.now()).toBe(Date.parse("2026-01-01T00:00:00Z"));
    expect((await request(app).get("/__keymock/clock")).status).toBe(200);
    expect((await request(app).post("/v1/auth/users").set(moonkey).send({ email: "a@b.co" })).status).toBe(201);
  });

  it("refuses a grace period of 1e300 seconds and leaves the key list readable", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).post("/__keymock/keys/key_test_docs/rotate").send({ graceSeconds: 1e300 });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('"graceSeconds" must be a whole number from 0 to');
    expect((await request(app).get("/__keymock/keys")).status).toBe(200);
  });

  it.each([
    [{ limit: 1e300, windowSeconds: 60 }, "limit"],
    [{ limit: 5, windowSeconds: 1e12 }, "windowSeconds"],
    [{ limit: 5, windowSeconds: 60, burst: 2 }, "burst"],
  ])("refuses the rate limit %j with 400 naming %s", async (body, field) => {
    const { app } = await appFor("moonkey");
    const response = await request(app).post("/__keymock/keys/key_test_docs/rate-limit").send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(`"${field}"`);
    const read = await request(app).get("/v1/auth/users/user_123").set(moonkey);
    expect(read.headers["x-ratelimit-limit"]).toBe("100");
  });

  it("refuses an unknown field instead of ignoring it (\"scope\" for \"scopes\")", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).post("/__keymock/keys").send({ kind: "secret_test", scope: ["*"] });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('Unknown field "scope"');
  });

  it.each([
    [{ kind: "secret_test", label: "x".repeat(201) }, "label"],
    [{ kind: "secret_test", expiresAt: "+275760-09-13T00:00:00.000Z" }, "expiresAt"],
    [{ kind: "secret_test", expiresAt: "99999-01-01T00:00:00Z" }, "expiresAt"],
    [{ kind: "secret_test", environment: 7 }, "environment"],
  ])("refuses %j with 400 naming %s", async (body, field) => {
    const { app } = await appFor("moonkey");
    const response = await request(app).post("/__keymock/keys").send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(`"${field}"`);
    expect((await request(app).get("/__keymock/keys")).status).toBe(200);
  });

  it("answers an admin body over 1 MiB with 413, as contract routes do", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app)
      .post("/__keymock/keys")
      .set("Content-Type", "application/json")
      .send(JSON.stringify({ kind: "secret_test", label: "x".repeat(1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("payload_too_large");
  });

  it("stops issuing keys at the contract's maxKeys with 409, until reset", async () => {
    const contract = { ...bundledContract("moonkey"), limits: { maxKeys: 2 } };
    const app = createRequestListener([{ prefix: "", engine: await createEngine(contract) }]);
    for (let i = 0; i < 2; i++) expect((await request(app).post("/__keymock/keys").send({ kind: "secret_test" })).status).toBe(201);
    const full = await request(app).post("/__keymock/keys").send({ kind: "secret_test" });
    expect(full.status).toBe(409);
    expect(full.body.error.message).toContain("limits.maxKeys");
    expect((await request(app).post("/__keymock/keys/key_test_docs/rotate").send({})).status).toBe(409);
    await request(app).post("/__keymock/reset");
    expect((await request(app).post("/__keymock/keys").send({ kind: "secret_test" })).status).toBe(201);
  });
});

describe("finding 6: a scaled limit stays a whole number a client can read", () => {
  it("caps --rate-limit scale=1e300 at a limit of 1,000,000,000", async () => {
    const { app } = await appFor("moonkey", { rateLimit: { scale: 1e300 } });
    const response = await request(app).get("/v1/auth/users/user_123").set(moonkey);
    expect(response.headers["x-ratelimit-limit"]).toBe("1000000000");
  });
});
