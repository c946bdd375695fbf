import express from "express";
import { setupServer } from "msw/node";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/adapters/express.js";
import { createRequestListener } from "../src/adapters/request-listener.js";
import { bundledContract } from "../src/contract/bundled.js";
import { createEngine } from "../src/engine/engine.js";
import { handlersFor } from "../src/handlers/index.js";
import { seededKey } from "./helpers.js";

const fixedNow = () => Date.parse("2026-06-01T12:00:30Z");
const contract = bundledContract("moonkey");
const valid = `Bearer ${seededKey("moonkey", "key_test_docs")}`;

type Row = { name: string; method: string; path: string; headers?: Record<string, string>; body?: string };
const rows: Row[] = [
  { name: "valid key", method: "GET", path: "/v1/auth/users/user_123", headers: { Authorization: valid } },
  { name: "missing key", method: "GET", path: "/v1/auth/users/user_123" },
  { name: "malformed key", method: "GET", path: "/v1/auth/users/user_123", headers: { Authorization: "Bearer nope" } },
  { name: "revoked key", method: "GET", path: "/v1/auth/users/user_123", headers: { Authorization: `Bearer ${seededKey("moonkey", "key_test_revoked")}` } },
  { name: "under-scoped key", method: "POST", path: "/v1/auth/users", headers: { Authorization: `Bearer ${seededKey("moonkey", "key_test_readonly")}`, "Content-Type": "application/json" }, body: "{}" },
  { name: "missing field", method: "POST", path: "/v1/auth/users", headers: { Authorization: valid, "Content-Type": "application/json" }, body: "{}" },
  { name: "malformed JSON", method: "POST", path: "/v1/auth/users", headers: { Authorization: valid, "Content-Type": "application/json" }, body: "{" },
  { name: "create", method: "POST", path: "/v1/auth/users", headers: { Authorization: valid, "Content-Type": "application/json" }, body: '{"email":"t@example.com"}' },
  { name: "unknown route", method: "GET", path: "/v1/unknown", headers: { Authorization: valid } },
  { name: "cross-origin call", method: "GET", path: "/v1/wallets", headers: { Authorization: valid, Origin: "http://localhost:5173" } },
];

// Headers a transport adds on its own (connection handling), not part of what the engine answered.
const transportHeaders = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);
const comparable = (headers: Iterable<[string, string]>) =>
  Object.fromEntries([...headers].filter(([name]) => !transportHeaders.has(name.toLowerCase())).map(([n, v]) => [n.toLowerCase(), v]));

describe("the standalone server and the MSW handlers answer alike", () => {
  const server = setupServer();
  beforeAll(async () => {
    server.use(...handlersFor(contract, { now: fixedNow }));
    // supertest's calls to the local server pass through; anything else unhandled is a test bug.
    server.listen({ onUnhandledRequest: (req, print) => (new URL(req.url).hostname === "127.0.0.1" ? undefined : print.error()) });
  });
  afterAll(() => server.close());

  it("gives byte-identical status, headers and bodies for the same requests in the same order", async () => {
    const app = createRequestListener([{ prefix: "", engine: await createEngine(contract, { now: fixedNow }) }]);
    for (const row of rows) {
      let call = request(app)[row.method.toLowerCase() as "get" | "post"](row.path);
      for (const [name, value] of Object.entries(row.headers ?? {})) call = call.set(name, value);
      const viaServer = await (row.body === undefined ? call : call.send(row.body));
      const viaMsw = await fetch(`${contract.baseUrl}${row.path}`, { method: row.method, headers: row.headers, body: row.body });
      const mswBody = await viaMsw.text();
      expect({ row: row.name, status: viaMsw.status }).toEqual({ row: row.name, status: viaServer.status });
      expect(mswBody).toBe(viaServer.text);
      expect(comparable(viaMsw.headers.entries())).toEqual(comparable(Object.entries(viaServer.headers) as [string, string][]));
    }
  });

  it("refuses plain http:// to the real base URL where the contract is HTTPS-only", async () => {
    const response = await fetch("http://api.moonkey.fun/v1/auth/users/user_123", { headers: { Authorization: valid } });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "https_required", message: "HTTPS is required for all requests. HTTP requests will be rejected." } });
  });
});

describe("createApp: the mock inside your own express app", () => {
  const yourApp = express();
  yourApp.get("/health", (_req, res) => void res.json({ ok: true }));
  const logged: string[] = [];
  beforeAll(async () => {
    yourApp.use("/mock", createApp([{ prefix: "", engine: await createEngine(contract, { now: fixedNow }) }], { log: (line) => logged.push(line) }));
  });

  it("answers under the mount path with the contract's checks and envelopes, leaving your routes alone", async () => {
    const ok = await request(yourApp).get("/mock/v1/auth/users/user_123").set("Authorization", valid);
    expect(ok.status).toBe(200);
    const denied = await request(yourApp).get("/mock/v1/auth/users/user_123?expand=1");
    expect(denied.status).toBe(401);
    expect(denied.body).toEqual({ error: { code: "unauthorized", message: "Missing API key. Include it in the Authorization header using the Bearer scheme: Authorization: Bearer sk_test_..." } });
    expect((await request(yourApp).get("/health")).body).toEqual({ ok: true });
    expect(logged.at(-1)).toMatch(/^GET \/mock\/v1\/auth\/users\/user_123\?expand=1 401 /);
  });
});
