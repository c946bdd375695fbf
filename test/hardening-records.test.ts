import request from "supertest";
import { describe, expect, it } from "vitest";
import { createRequestListener } from "../src/adapters/request-listener.js";
import { bundledContract } from "../src/contract/bundled.js";
import type { Contract } from "../src/contract/schema.js";
import { createEngine, type EngineRequest } from "../src/engine/engine.js";
import { seededKey } from "./helpers.js";

const auth = { authorization: `Bearer ${seededKey("moonkey", "key_live")}` };
const wallet = (userId: string): EngineRequest => ({
  method: "POST",
  path: "/v1/wallets",
  headers: { ...auth, "content-type": "application/json" },
  body: JSON.stringify({ user_id: userId }),
});
const listWallets = (query?: string): EngineRequest => ({ method: "GET", path: "/v1/wallets", query, headers: auth });
const moonkeyWith = (limits: Contract["limits"]): Contract => ({ ...bundledContract("moonkey"), limits });

describe("finding 2: records are capped and list routes page", () => {
  it("holds at most 1000 records of a model by default, then answers in the contract's envelope until reset", async () => {
    const engine = await createEngine(bundledContract("moonkey"), { rateLimit: { off: true } });
    let created = 0;
    for (let i = 0; i < 1100; i++) if ((await engine.handle(wallet(`user_${i}`))).status === 201) created++;
    expect(created).toBe(1000 - 8);
    const refused = await engine.handle(wallet("one_more"));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toEqual({
      error: { code: "invalid_request", message: "keymock holds at most 1000 wallets records (limits.maxRecords in the contract); delete some or POST /__keymock/reset." },
    });
    const list = await engine.handle(listWallets());
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body).data).toHaveLength(100);
    engine.reset();
    expect((await engine.handle(wallet("after_reset"))).status).toBe(201);
  });

  it("answers the contract's own limits.full case where it states one", async () => {
    const full = { status: 507, code: "storage_full", message: "No room for more." };
    const engine = await createEngine(moonkeyWith({ maxRecords: 9, full }));
    expect((await engine.handle(wallet("a"))).status).toBe(201);
    const refused = await engine.handle(wallet("b"));
    expect(refused.status).toBe(507);
    expect(JSON.parse(refused.body)).toEqual({ error: { code: "storage_full", message: "No room for more." } });
  });

  it("pages a list with ?limit= and ?offset=, in creation order", async () => {
    const engine = await createEngine(bundledContract("moonkey"));
    const all = JSON.parse((await engine.handle(listWallets())).body).data as { id: string }[];
    expect(all).toHaveLength(8);
    const first = JSON.parse((await engine.handle(listWallets("limit=3"))).body).data as { id: string }[];
    const second = JSON.parse((await engine.handle(listWallets("limit=3&offset=3"))).body).data as { id: string }[];
    expect(first.map((w) => w.id)).toEqual(all.slice(0, 3).map((w) => w.id));
    expect(second.map((w) => w.id)).toEqual(all.slice(3, 6).map((w) => w.id));
  });

  it("pages through the server's query string too, and caps the page at maxPageSize", async () => {
    const app = createRequestListener([{ prefix: "", engine: await createEngine(moonkeyWith({ maxPageSize: 2 })) }]);
    const response = await request(app).get("/v1/wallets?limit=50").set("Authorization", auth.authorization);
    expect(response.body.data).toHaveLength(2);
  });

  it.each(["limit=abc", "limit=0", "limit=-1", "offset=x", "limit=1e3"])("refuses ?%s in the contract's validation envelope", async (query) => {
    const engine = await createEngine(bundledContract("moonkey"));
    const response = await engine.handle(listWallets(query));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe("invalid_request");
  });

  it("caps keys issued through a contract's own key route (Moonborn's POST /v1/api-keys) at limits.maxKeys", async () => {
    const engine = await createEngine({ ...bundledContract("moonborn"), limits: { maxKeys: 1 } });
    const issue = () =>
      engine.handle({
        method: "POST",
        path: "/v1/api-keys",
        headers: { authorization: `Bearer ${seededKey("moonborn", "key_owner_live")}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "ci", scopes: ["read:billing"] }),
      });
    expect((await issue()).status).toBe(201);
    const refused = await issue();
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).error.message).toContain("limits.maxKeys");
  });
});
