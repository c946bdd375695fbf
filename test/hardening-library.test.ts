import express from "express";
import { setupServer } from "msw/node";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../src/adapters/express.js";
import { bundledContract } from "../src/contract/bundled.js";
import { createEngine } from "../src/engine/engine.js";
import { handlersFor } from "../src/handlers/index.js";
import { appFor, seededKey } from "./helpers.js";

const moonkey = { Authorization: `Bearer ${seededKey("moonkey", "key_test_docs")}` };
const start = Date.parse("2027-01-01T00:00:00Z");

describe("finding 9: the library's edges", () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    stop = undefined;
  });

  it("puts the clock back where it started on reset()", async () => {
    const engine = await createEngine(bundledContract("moonkey"), { now: () => start });
    engine.clock.advance(90 * 86_400_000);
    engine.reset();
    expect(engine.clock.now()).toBe(start);
  });

  it("puts the clock back on POST /__keymock/reset too", async () => {
    const { app, engine } = await appFor("moonkey", { now: () => start });
    await request(app).post("/__keymock/clock").send({ advance: "90d" });
    await request(app).post("/__keymock/reset");
    expect(engine.clock.now()).toBe(start);
  });

  it("gives every caller of bundledContract() a contract of its own: changing one changes no engine built earlier", async () => {
    const engine = await createEngine(bundledContract("moonkey"));
    const mine = bundledContract("moonkey");
    mine.errors.cases.missing_credentials.status = 499;
    expect(bundledContract("moonkey").errors.cases.missing_credentials.status).toBe(401);
    expect((await engine.handle({ method: "GET", path: "/v1/auth/users/user_123", headers: {} })).status).toBe(401);
  });

  it.each([
    ["handlersFor", () => handlersFor("moonky" as "moonkey")],
    ["createEngine", () => createEngine("moonky" as "moonkey")],
  ])("%s with a mistyped name says which names exist", async (_, call) => {
    await expect(async () => call()).rejects.toThrow(/No bundled contract is called "moonky"; bundled: .*moonkey/);
  });

  it("builds an engine from a bundled name", async () => {
    const engine = await createEngine("moonkey");
    expect((await engine.handle({ method: "GET", path: "/v1/auth/users/user_123", headers: { authorization: moonkey.Authorization } })).status).toBe(200);
  });

  it("refuses a Date as `now` when the handlers are made, not with a 500 and a stack trace per request", () => {
    expect(() => handlersFor(bundledContract("moonkey"), { now: new Date() as unknown as () => number })).toThrow(
      /"now" must be a function returning milliseconds.*got a Date. To start the clock at a time, pass startAt instead/,
    );
  });

  it("answers an engine failure under MSW with an envelope, never a stack trace", async () => {
    const engine = await createEngine(bundledContract("moonkey"));
    const broken = { ...engine, handle: () => Promise.reject(new Error("disk on fire")) };
    const server = setupServer(...handlersFor("moonkey", { engine: broken }));
    server.listen({ onUnhandledRequest: "error" });
    stop = () => server.close();
    const original = console.error;
    console.error = () => undefined;
    try {
      const response = await fetch("https://api.moonkey.fun/v1/auth/users/user_123");
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "keymock_internal_error", message: "keymock failed to answer this request; see the console." } });
      expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    } finally {
      console.error = original;
    }
  });

  it("issues an admin key without scopes as unrestricted, as a MoonKey dashboard key holds *", async () => {
    const { app } = await appFor("moonkey");
    const created = await request(app).post("/__keymock/keys").send({ kind: "secret_test" });
    expect(created.status).toBe(201);
    expect(created.body.scopes).toEqual(["*"]);
    const use = await request(app).post("/v1/auth/users").set("Authorization", `Bearer ${created.body.plaintext}`).send({ email: "a@b.co" });
    expect(use.status).toBe(201);
  });

  it("sends the mock's clock in the Date header", async () => {
    const { app } = await appFor("moonkey", { now: () => start });
    const response = await request(app).get("/v1/auth/users/user_123").set(moonkey);
    expect(response.headers["date"]).toBe("Fri, 01 Jan 2027 00:00:00 GMT");
  });

  it("answers a POST when createApp is mounted behind express.json()", async () => {
    const engine = await createEngine(bundledContract("moonkey"));
    const outer = express();
    outer.use(express.json());
    outer.use("/mock", createApp([{ prefix: "", engine }]));
    const response = await request(outer).post("/mock/v1/auth/users").set(moonkey).send({ email: "behind@parser.co" });
    expect(response.status).toBe(201);
    expect(response.body.email).toBe("behind@parser.co");
  });
});
