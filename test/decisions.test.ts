import request from "supertest";
import { describe, expect, it } from "vitest";
import { DECISION_CAPACITY, type ActivityEvent } from "../src/engine/activity.js";
import { appFor, seededKey } from "./helpers.js";

const startedAt = Date.parse("2026-06-01T12:00:30Z");
const frozen = { now: () => startedAt };
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const moonkey = (id: string) => bearer(seededKey("moonkey", id));

type Call = { method: "get" | "post"; path: string; headers?: Record<string, string>; body?: unknown };

// Each refusal of the decision order (DESIGN.md) that MoonKey can give, with the errors.cases entry it renders.
const moonkeyCases: [string, Call, number, string][] = [
  ["missing_credentials", { method: "get", path: "/v1/auth/users/user_123" }, 401, "missing_credentials"],
  ["malformed_key", { method: "get", path: "/v1/auth/users/user_123", headers: { Authorization: "Basic abc" } }, 401, "malformed_key"],
  ["unknown_key", { method: "get", path: "/v1/auth/users/user_123", headers: bearer(`sk_test_${"A".repeat(40)}`) }, 401, "unknown_key"],
  ["revoked_key", { method: "get", path: "/v1/auth/users/user_123", headers: moonkey("key_test_revoked") }, 401, "revoked_key"],
  ["expired_key", { method: "get", path: "/v1/auth/users/user_123", headers: moonkey("key_test_expired") }, 401, "expired_key"],
  ["insufficient_scope", { method: "post", path: "/v1/auth/users", headers: moonkey("key_test_readonly"), body: { email: "a@example.com" } }, 403, "insufficient_scope"],
  ["validation_failed", { method: "post", path: "/v1/auth/users", headers: moonkey("key_test_docs"), body: { email: "not an email" } }, 400, "validation_failed"],
  ["route_not_found", { method: "get", path: "/v1/nowhere", headers: moonkey("key_test_docs") }, 404, "route_not_found"],
  ["not_found", { method: "get", path: "/v1/auth/users/user_nobody", headers: moonkey("key_test_docs") }, 404, "not_found"],
];

async function send(app: Parameters<typeof request>[0], call: Call) {
  const req = request(app)[call.method](call.path).set(call.headers ?? {});
  return call.body === undefined ? req : req.send(call.body as object);
}

describe("why was I refused: the decision of every contract request", () => {
  it.each(moonkeyCases)("records %s with the case it rendered, and --explain names it in X-Keymock-Decision", async (decision, call, status, errorCase) => {
    const { app, engine } = await appFor("moonkey", { ...frozen, explain: true });
    const response = await send(app, call);
    expect(response.status).toBe(status);
    expect(response.headers["x-keymock-decision"]).toBe(`${decision}; case=${errorCase}`);
    const [recorded] = engine.activity.recent();
    expect(recorded).toMatchObject({ seq: 1, at: "2026-06-01T12:00:30.000Z", method: call.method.toUpperCase(), path: call.path, status, decision, case: errorCase });
  });

  it("records rate_limited and allowed, with the key as prefix + last 4 and never the key", async () => {
    const { app, engine } = await appFor("moonkey", { ...frozen, explain: true });
    await request(app).post("/__keymock/keys/key_test_docs/rate-limit").send({ limit: 1, windowSeconds: 60 }).expect(200);
    const ok = await request(app).get("/v1/auth/users/user_123").set(moonkey("key_test_docs"));
    const limited = await request(app).get("/v1/auth/users/user_123").set(moonkey("key_test_docs"));
    expect([ok.status, ok.headers["x-keymock-decision"]]).toEqual([200, "allowed"]);
    expect([limited.status, limited.headers["x-keymock-decision"]]).toEqual([429, "rate_limited; case=rate_limited"]);
    expect(engine.activity.recent().map((d) => [d.decision, d.keyHint, d.case])).toEqual([
      ["allowed", "sk_test_…3p1r", null],
      ["rate_limited", "sk_test_…3p1r", "rate_limited"],
    ]);
    expect(JSON.stringify(engine.activity.recent())).not.toContain(seededKey("moonkey", "key_test_docs"));
  });

  it("records forbidden_key_kind for a public key on a secret route (Moment)", async () => {
    const { app, engine } = await appFor("moment", { ...frozen, explain: true });
    const response = await request(app).get("/v1/customers").set(bearer(seededKey("moment", "key_test_public")));
    expect(response.headers["x-keymock-decision"]).toBe("forbidden_key_kind; case=forbidden_key_kind");
    expect(engine.activity.recent()[0]?.decision).toBe("forbidden_key_kind");
  });

  it("sends no X-Keymock-Decision unless asked, and exposes it to other origins when asked", async () => {
    const plain = await appFor("moonkey", frozen);
    expect((await request(plain.app).get("/v1/auth/users/user_123")).headers["x-keymock-decision"]).toBeUndefined();
    const explained = await appFor("moonkey", { ...frozen, explain: true });
    const response = await request(explained.app).get("/v1/auth/users/user_123").set("Origin", "http://localhost:5173");
    expect(response.headers["access-control-expose-headers"]).toContain("X-Keymock-Decision");
  });

  it("leaves admin calls and preflights out of the log", async () => {
    const { app, engine } = await appFor("moonkey", frozen);
    await request(app).get("/__keymock/keys").expect(200);
    await request(app).options("/v1/auth/users").set("Origin", "http://localhost:5173").expect(204);
    expect(engine.activity.recent()).toEqual([]);
  });

  it(`keeps the last ${DECISION_CAPACITY}, and GET /__keymock/decisions lists them oldest first, after a seq when asked`, async () => {
    const { app } = await appFor("moonkey", frozen);
    for (let i = 1; i <= DECISION_CAPACITY + 5; i++) await request(app).get(`/v1/r${i}`);
    const all = await request(app).get("/__keymock/decisions").expect(200);
    expect(all.body).toHaveLength(DECISION_CAPACITY);
    expect(all.body[0]).toEqual({ seq: 6, at: "2026-06-01T12:00:30.000Z", method: "GET", path: "/v1/r6", status: 404, keyHint: null, decision: "route_not_found", case: "route_not_found" });
    const after = await request(app).get(`/__keymock/decisions?after=${DECISION_CAPACITY + 3}`).expect(200);
    expect(after.body.map((d: { path: string }) => d.path)).toEqual([`/v1/r${DECISION_CAPACITY + 4}`, `/v1/r${DECISION_CAPACITY + 5}`]);
    expect((await request(app).get("/__keymock/decisions?after=-1")).body.error.code).toBe("invalid_after");
  });

  it("keeps each path right after more distinct paths than it shares copies of", async () => {
    const { engine } = await appFor("moonkey", frozen);
    for (let i = 1; i <= 1500; i++) await engine.handle({ method: "GET", path: `/v1/p${i}`, headers: {} });
    const paths = engine.activity.recent().map((d) => d.path);
    expect(paths).toEqual(Array.from({ length: DECISION_CAPACITY }, (_, i) => `/v1/p${1500 - DECISION_CAPACITY + 1 + i}`));
  });

  it("cuts a long path in the log, so the ring's memory stays bounded", async () => {
    const { app, engine } = await appFor("moonkey", frozen);
    await request(app).get(`/v1/${"x".repeat(5000)}`);
    expect(engine.activity.recent()[0]?.path).toHaveLength(201);
  });

  it("tells listeners of each decision and of each admin change, and drops a listener that throws", async () => {
    const { app, engine } = await appFor("moonkey", frozen);
    const seen: ActivityEvent[] = [];
    engine.activity.subscribe((event) => seen.push(event));
    engine.activity.subscribe(() => {
      throw new Error("a broken reader");
    });
    await request(app).get("/v1/auth/users/user_123").set(moonkey("key_test_docs")).expect(200);
    await request(app).post("/__keymock/clock").send({ advance: "1d" }).expect(200);
    await request(app).post("/__keymock/clock").send({ advance: "soon" }).expect(400);
    expect(seen.map((e) => (e.type === "decision" ? e.decision.decision : e.what))).toEqual(["allowed", "POST /clock"]);
    expect(engine.activity.listenerCount()).toBe(1);
  });
});

describe("the admin views the dashboard reads", () => {
  it("GET /__keymock/windows shows each key's window without counting, and a day later the window has reset", async () => {
    const { app } = await appFor("moonkey", frozen);
    for (let i = 0; i < 3; i++) await request(app).get("/v1/auth/users/user_123").set(moonkey("key_test_docs")).expect(200);
    await request(app).post("/__keymock/keys/key_live/rate-limit").send({ limit: 5, windowSeconds: 3600 }).expect(200);
    const before = await request(app).get("/__keymock/windows").expect(200);
    const byId = (body: { id: string }[], id: string) => body.find((w) => w.id === id);
    expect(byId(before.body, "key_test_docs")).toEqual({ id: "key_test_docs", limit: 100, used: 3, windowSeconds: 60, resetsAt: "2026-06-01T12:01:00.000Z", window: "fixed", own: false });
    expect(byId(before.body, "key_live")).toMatchObject({ limit: 5, used: 0, windowSeconds: 3600, resetsAt: "2026-06-01T13:00:00.000Z", own: true });
    expect(byId((await request(app).get("/__keymock/windows")).body, "key_test_docs")).toMatchObject({ used: 3 });
    await request(app).post("/__keymock/clock").send({ advance: "1d" }).expect(200);
    const after = await request(app).get("/__keymock/windows").expect(200);
    expect(byId(after.body, "key_test_docs")).toMatchObject({ used: 0, resetsAt: "2026-06-02T12:01:00.000Z" });
  });

  it("GET /__keymock/contract states what the dashboard shows, from the fixture", async () => {
    const { app } = await appFor("moodmnky", frozen);
    const response = await request(app).get("/__keymock/contract").expect(200);
    expect(response.body).toMatchObject({ name: "moodmnky", credentials: [{ header: "Authorization", scheme: "Bearer" }, { header: "X-N8N-API-KEY", scheme: null }], roles: ["reader", "writer", "admin"] });
    expect(response.body.keyKinds.map((k: { prefix: string }) => k.prefix)).toEqual(["DEV_API_", "PROD_API_"]);
  });
});
