import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestListener } from "../src/adapters/request-listener.js";
import { bundledContract } from "../src/contract/bundled.js";
import { createEngine } from "../src/engine/engine.js";
import { isEmail } from "../src/engine/email.js";
import { appFor, seededKey } from "./helpers.js";

const moonkey = { Authorization: `Bearer ${seededKey("moonkey", "key_test_docs")}` };

describe("finding 1: the email check is linear and every checked string is capped", () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    const engine = await createEngine(bundledContract("moonkey"));
    server = createServer(createRequestListener([{ prefix: "", engine }]));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Over a socket, so a request that blocks the event loop loses the race with the test's timeout.
  it("answers an email of '.' * 120000 in the contract's envelope without stalling the server", { timeout: 3000 }, async () => {
    const email = `a@${".".repeat(120_000)} `;
    const response = await fetch(`${origin}/v1/auth/users`, {
      method: "POST",
      headers: { ...moonkey, "Content-Type": "application/json" },
      body: JSON.stringify({ email }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_request");
  });

  it.each([
    ["ada@example.com", true],
    ["a@b.co", true],
    ["a@b.c.d", true],
    ["@example.com", false],
    ["ada@.com", false],
    ["ada@example.", false],
    ["ada@example", false],
    ["a@b@c.com", false],
    ["ada @example.com", false],
    ["ada@exa\u00a0mple.com", false],
    [`${"a".repeat(250)}@b.co`, false],
  ])("reads %j as an email: %s", (value, expected) => {
    expect(isEmail(value)).toBe(expected);
  });

  it("refuses a string field over the contract's cap (4096 by default) where the field states no maxLength", async () => {
    const { app, engine } = await appFor("moonkey");
    const before = (await request(app).get("/v1/wallets").set(moonkey)).body.data.length;
    const response = await request(app).post("/v1/wallets").set(moonkey).send({ user_id: "u".repeat(1024 * 1024 - 100) });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: "invalid_request", message: "Invalid request parameters." } });
    expect((await request(app).get("/v1/wallets").set(moonkey)).body.data.length).toBe(before);
    expect(engine.contract.limits).toBeUndefined();
  });

  it("refuses an array field over the cap (1000 items by default) where the field states no maxItems", async () => {
    const { app } = await appFor("moonborn");
    const owner = { Authorization: `Bearer ${seededKey("moonborn", "key_owner_live")}` };
    const response = await request(app).post("/v1/webhooks").set(owner).send({ url: "https://example.com/hook", events: Array(1001).fill("x") });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toHaveProperty("events");
  });

  it("takes the cap from the contract's limits where it sets one", async () => {
    const contract = { ...bundledContract("moonkey"), limits: { maxStringLength: 8 } };
    const app = createRequestListener([{ prefix: "", engine: await createEngine(contract) }]);
    expect((await request(app).post("/v1/wallets").set(moonkey).send({ user_id: "123456789" })).status).toBe(400);
    expect((await request(app).post("/v1/wallets").set(moonkey).send({ user_id: "12345678" })).status).toBe(201);
  });

  it("treats a presented key over 1024 characters as malformed before any key pattern runs", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).get("/v1/auth/users/user_123").set("Authorization", `Bearer sk_test_${"a".repeat(5000)}`);
    expect(response.status).toBe(401);
    expect(response.body.error.message).toBe("Invalid API key. MoonKey keys look like sk_test_... or sk_live_...");
  });
});
