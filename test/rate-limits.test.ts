import type { AddressInfo } from "node:net";
import ky from "ky";
import request from "supertest";
import { describe, expect, it, vi } from "vitest";
import { createRequestListener } from "../src/adapters/request-listener.js";
import { listen } from "../src/adapters/listen.js";
import { bundledContract, type BundledName } from "../src/contract/bundled.js";
import type { Contract } from "../src/contract/schema.js";
import { createEngine, type EngineOptions } from "../src/engine/engine.js";
import { appFor, seededKey } from "./helpers.js";

// 12:00:30 UTC: a fixed minute window started 30 s ago and ends at 12:01:00.
const at = Date.parse("2026-06-01T12:00:30Z");
const frozen = () => at;

type Row = {
  name: BundledName;
  keyId: string;
  header: string;
  scheme: string;
  route: string;
  limit: number | undefined;
  windowSeconds: number | undefined;
  documented: boolean;
  refusal: unknown;
};
const moonkey429 = { error: { code: "rate_limit_exceeded", message: "Rate limit exceeded. Retry after the time given in X-RateLimit-Reset." } };
const moodmnky429 = { error: "Too Many Requests", message: "Rate limit exceeded. Implement retries with exponential backoff." };
const rows: Row[] = [
  { name: "moonkey", keyId: "key_test_docs", header: "Authorization", scheme: "Bearer ", route: "/v1/auth/users/user_123", limit: 100, windowSeconds: 60, documented: true, refusal: moonkey429 },
  { name: "moonkey", keyId: "key_live", header: "Authorization", scheme: "Bearer ", route: "/v1/auth/users/user_123", limit: 1000, windowSeconds: 60, documented: true, refusal: moonkey429 },
  { name: "moodmnky", keyId: "key_dev_reader", header: "Authorization", scheme: "Bearer ", route: "/v1/products", limit: 5000, windowSeconds: 86_400, documented: true, refusal: moodmnky429 },
  { name: "moodmnky", keyId: "key_prod_admin", header: "Authorization", scheme: "Bearer ", route: "/v1/products", limit: 50000, windowSeconds: 86_400, documented: true, refusal: moodmnky429 },
  {
    name: "monei",
    keyId: "key_sandbox_full",
    header: "x-api-key",
    scheme: "",
    route: "/api/v1/user/me",
    limit: 100,
    windowSeconds: 60,
    documented: false,
    refusal: { statusCode: 429, message: "Rate limit exceeded, retry with exponential backoff", error: "Too Many Requests" },
  },
  { name: "moment", keyId: "key_test_secret", header: "Authorization", scheme: "Bearer ", route: "/v1/customers", limit: undefined, windowSeconds: undefined, documented: false, refusal: undefined },
  { name: "moonborn", keyId: "key_owner_live", header: "Authorization", scheme: "Bearer ", route: "/v1/personas", limit: undefined, windowSeconds: undefined, documented: false, refusal: undefined },
];

describe.each(rows)("$name with $keyId", (row) => {
  const auth = { [row.header]: `${row.scheme}${seededKey(row.name, row.keyId)}` };

  it(row.documented ? "sends the documented X-RateLimit headers on success" : "sends no rate-limit headers the document does not state", async () => {
    const { app } = await appFor(row.name, { now: frozen });
    const response = await request(app).get(row.route).set(auth);
    expect(response.status).toBe(200);
    if (row.documented) {
      expect(response.headers["x-ratelimit-limit"]).toBe(String(row.limit));
      expect(response.headers["x-ratelimit-remaining"]).toBe(String((row.limit as number) - 1));
      const windowSeconds = row.windowSeconds as number;
      const end = (Math.floor(at / 1000 / windowSeconds) + 1) * windowSeconds;
      expect(response.headers["x-ratelimit-reset"]).toBe(String(end));
    } else {
      expect(Object.keys(response.headers).filter((h) => h.includes("ratelimit"))).toEqual([]);
    }
  });
});

const enforced = rows.filter((row) => row.limit !== undefined && row.limit <= 1000);

describe.each(enforced)("$name with $keyId at its limit", (row) => {
  const auth = { [row.header]: `${row.scheme}${seededKey(row.name, row.keyId)}` };

  it("counts down to 0 exactly at the limit, answers 429 in the envelope, and works again after the window", async () => {
    const { app, engine } = await appFor(row.name, { now: frozen });
    const limit = row.limit as number;
    for (let i = 1; i <= limit; i++) {
      const response = await request(app).get(row.route).set(auth);
      expect(response.status).toBe(200);
      if (row.documented) expect(response.headers["x-ratelimit-remaining"]).toBe(String(limit - i));
    }
    const refused = await request(app).get(row.route).set(auth);
    expect(refused.status).toBe(429);
    expect(refused.headers["content-type"]).toMatch(/^application\/json/);
    expect(refused.headers["retry-after"]).toBe("30");
    if (row.documented) expect(refused.headers["x-ratelimit-remaining"]).toBe("0");
    expect(refused.body).toEqual(row.refusal);
    engine.clock.advance(30_000);
    expect((await request(app).get(row.route).set(auth)).status).toBe(200);
  });
});

describe("rate limits", () => {
  const moonkeyAuth = { Authorization: `Bearer ${seededKey("moonkey", "key_test_docs")}` };

  it("puts the headers on refusals after authentication too, without counting a refused scope", async () => {
    const { app } = await appFor("moonkey", { now: frozen });
    const readonly = { Authorization: `Bearer ${seededKey("moonkey", "key_test_readonly")}` };
    const forbidden = await request(app).post("/v1/auth/users").set(readonly).send({ email: "a@b.co" });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers["x-ratelimit-remaining"]).toBe("100");
    const invalid = await request(app).post("/v1/auth/users").set(moonkeyAuth).send({});
    expect(invalid.status).toBe(400);
    expect(invalid.headers["x-ratelimit-remaining"]).toBe("99");
  });

  it("exposes the rate-limit headers to a browser on another origin", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).get("/v1/auth/users/user_123").set(moonkeyAuth).set("Origin", "http://localhost:5173");
    expect(response.headers["access-control-expose-headers"]).toBe("X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After");
  });

  it("lets exactly L of N concurrent requests through, every time (N = 500, L = 100)", async () => {
    const engine = await createEngine(bundledContract("moonkey"), { now: frozen });
    const server = await listen(createRequestListener([{ prefix: "", engine }]), 0, "127.0.0.1");
    const { port } = server.address() as AddressInfo;
    try {
      for (let round = 0; round < 3; round++) {
        await engine.reset();
        const statuses = await Promise.all(
          Array.from({ length: 500 }, () => fetch(`http://127.0.0.1:${port}/v1/auth/users/user_123`, { headers: moonkeyAuth }).then((r) => r.status)),
        );
        expect({ round, ok: statuses.filter((s) => s === 200).length, limited: statuses.filter((s) => s === 429).length }).toEqual({ round, ok: 100, limited: 400 });
      }
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it("exhausts MOOD MNKY's 5,000/day development limit and resets at the next UTC day when the clock moves", async () => {
    const engine = await createEngine(bundledContract("moodmnky"), { startAt: Date.parse("2026-06-01T23:00:00Z") });
    const call = () => engine.handle({ method: "GET", path: "/v1/workflows", headers: { "x-n8n-api-key": seededKey("moodmnky", "key_dev_reader") } });
    for (let i = 0; i < 5000; i++) expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toEqual(moodmnky429);
    expect(refused.headers["X-RateLimit-Reset"]).toBe(String(Date.parse("2026-06-02T00:00:00Z") / 1000));
    engine.clock.advance(60 * 60 * 1000);
    const next = await call();
    expect(next.status).toBe(200);
    expect(next.headers["X-RateLimit-Remaining"]).toBe("4999");
  });

  it.each([
    { options: { rateLimit: { scale: 0.01 } }, limit: "10", statusAfter10: 429 },
    { options: { rateLimit: { off: true } }, limit: undefined, statusAfter10: 200 },
  ])("applies $options.rateLimit instead of the documented 1000/min", async ({ options, limit, statusAfter10 }) => {
    const { app } = await appFor("moonkey", { now: frozen, ...(options as EngineOptions) });
    const live = { Authorization: `Bearer ${seededKey("moonkey", "key_live")}` };
    const first = await request(app).get("/v1/auth/users/user_123").set(live);
    expect(first.headers["x-ratelimit-limit"]).toBe(limit);
    for (let i = 0; i < 9; i++) await request(app).get("/v1/auth/users/user_123").set(live);
    expect((await request(app).get("/v1/auth/users/user_123").set(live)).status).toBe(statusAfter10);
  });

  it("holds one key to its own limit set through the admin API, and drops it again", async () => {
    const { app } = await appFor("moment", { now: frozen });
    const auth = { Authorization: `Bearer ${seededKey("moment", "key_test_secret")}` };
    const set = await request(app).post("/__keymock/keys/key_test_secret/rate-limit").send({ limit: 2, windowSeconds: 10 });
    expect(set.body).toEqual({ id: "key_test_secret", rateLimit: { limit: 2, windowSeconds: 10 } });
    expect((await request(app).get("/v1/customers").set(auth)).status).toBe(200);
    expect((await request(app).get("/v1/customers").set(auth)).status).toBe(200);
    const refused = await request(app).get("/v1/customers").set(auth);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: { type: "rate_limited", message: "Too many requests." } });
    expect((await request(app).delete("/__keymock/keys/key_test_secret/rate-limit")).body).toEqual({ id: "key_test_secret", rateLimit: null });
    expect((await request(app).get("/v1/customers").set(auth)).status).toBe(200);
    expect((await request(app).post("/__keymock/keys/key_test_secret/rate-limit").send({ limit: 0 })).status).toBe(400);
  });

  it("adds the IETF RateLimit and RateLimit-Policy headers when asked", async () => {
    const { app } = await appFor("moonkey", { now: frozen, rateLimit: { ietf: true } });
    const response = await request(app).get("/v1/auth/users/user_123").set(moonkeyAuth);
    expect(response.headers["ratelimit-policy"]).toBe('"test";q=100;w=60');
    expect(response.headers["ratelimit"]).toBe('"test";r=99;t=30');
  });

  it("lets a real retrying client (ky, retry on 429 honouring Retry-After) through once the mock's clock reaches the next window", async () => {
    const base = bundledContract("moonkey");
    const two: Contract = { ...base, rateLimits: { ...(base.rateLimits as NonNullable<Contract["rateLimits"]>), policies: { test: { limit: 2, windowSeconds: 60 } } } };
    const engine = await createEngine(two, { now: frozen });
    const server = await listen(createRequestListener([{ prefix: "", engine }]), 0, "127.0.0.1");
    const { port } = server.address() as AddressInfo;
    const statuses: number[] = [];
    const waited: number[] = [];
    let retryAfterMs: number | undefined;
    // ky sleeps for Retry-After with setTimeout. That one timer fires at once, and the mock's clock moves by the
    // time ky asked to wait instead: the retry lands in the next window with no real waiting.
    const realSetTimeout = globalThis.setTimeout;
    const timers = vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: () => void, ms?: number) => {
      if (ms === undefined || ms !== retryAfterMs) return realSetTimeout(callback, ms);
      retryAfterMs = undefined;
      waited.push(ms);
      engine.clock.advance(ms);
      return realSetTimeout(callback, 0);
    }) as typeof setTimeout);
    try {
      const client = ky.create({
        prefixUrl: `http://127.0.0.1:${port}`,
        headers: moonkeyAuth,
        retry: { limit: 1, statusCodes: [429], afterStatusCodes: [429], maxRetryAfter: 60_000 },
        hooks: {
          afterResponse: [
            (_request, _options, response) => {
              statuses.push(response.status);
              if (response.status === 429) retryAfterMs = Number(response.headers.get("retry-after")) * 1000;
            },
          ],
        },
      });
      // Two calls use the window up; the third is refused, waits Retry-After and succeeds in the next window.
      for (let i = 0; i < 3; i++) expect((await client.get("v1/auth/users/user_123").json<{ id: string }>()).id).toBe("user_123");
    } finally {
      timers.mockRestore();
      server.close();
      server.closeAllConnections();
    }
    expect(statuses).toEqual([200, 200, 429, 200]);
    // 12:00:30 in a minute window: Retry-After is the 30 s to 12:01:00, and ky waited exactly that.
    expect(waited).toEqual([30_000]);
    expect(engine.clock.now()).toBe(Date.parse("2026-06-01T12:01:00Z"));
  });
});
