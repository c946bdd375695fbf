import { describe, expect, it } from "vitest";
import { bundledContract } from "../src/contract/bundled.js";
import type { Model } from "../src/contract/schema.js";
import { createEngine } from "../src/engine/engine.js";
import { recordSchema } from "../src/engine/record-schema.js";
import { RecordStore } from "../src/engine/records.js";

const moonkey = bundledContract("moonkey");
const users = moonkey.models["users"] as Model;
const auth = { authorization: "Bearer sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r" };
const get = (path: string) => ({ method: "GET", path, headers: auth, secure: true });

describe("records in @msw/data collections", () => {
  it("validates a record against the schema built from the fixture's fields", async () => {
    const validate = (value: unknown) => recordSchema("users", users)["~standard"].validate(value);
    expect(await validate({ id: "user_1", email: "a@b.co", created_at: "2026-01-01T00:00:00Z" })).toEqual({
      value: { id: "user_1", email: "a@b.co", created_at: "2026-01-01T00:00:00Z" },
    });
    expect(await validate({ id: 7, created_at: "yesterday" })).toEqual({
      issues: [
        { message: "id must be a string", path: ["id"] },
        { message: "created_at must be an ISO 8601 time", path: ["created_at"] },
      ],
    });
    expect(await validate(["user_1"])).toEqual({ issues: [{ message: "a users record must be an object" }] });
  });

  it("refuses to store a record its schema rejects", async () => {
    const store = new RecordStore(moonkey, 1, () => Date.parse("2026-01-01T00:00:00Z"));
    await expect(store.create("users", { created_at: "not a time" })).rejects.toThrow(/does not match the schema/);
  });

  it("answers a list route from the collection, seeded records first, then created ones in order", async () => {
    const engine = await createEngine(moonkey);
    const created = await engine.handle({ ...get("/v1/auth/users"), method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"email":"new@example.com"}' });
    expect(created.status).toBe(201);
    const list = JSON.parse((await engine.handle(get("/v1/auth/users"))).body) as { data: { id: string }[] };
    expect(list.data).toHaveLength(users.records.length + users.count + 1);
    expect(list.data[0]?.id).toBe("user_123");
    expect(list.data.at(-1)?.id).toBe((JSON.parse(created.body) as { id: string }).id);
  });

  it("keeps reset() synchronous for its callers: a request right after it sees the seeded records only", async () => {
    const engine = await createEngine(moonkey);
    const post = { ...get("/v1/auth/users"), method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"email":"new@example.com"}' };
    const { id } = JSON.parse((await engine.handle(post)).body) as { id: string };
    engine.reset();
    const [afterReset, seeded] = await Promise.all([engine.handle(get(`/v1/auth/users/${id}`)), engine.handle(get("/v1/auth/users/user_123"))]);
    expect(afterReset.status).toBe(404);
    expect(seeded.status).toBe(200);
  });
});

describe("a read by id sees every write", () => {
  const now = () => Date.parse("2026-01-01T00:00:00Z");

  it("finds a created record, the new version of an updated one, and no deleted one", async () => {
    const store = new RecordStore(moonkey, 1, now);
    await store.ready();
    const created = (await store.create("users", { email: "new@example.com" })) as { id: string };
    expect(await store.get("users", created.id)).toMatchObject({ email: "new@example.com" });
    await store.update("users", created.id, { email: "changed@example.com" });
    expect(await store.get("users", created.id)).toMatchObject({ id: created.id, email: "changed@example.com" });
    expect(await store.delete("users", created.id)).toBe(true);
    expect(await store.get("users", created.id)).toBeUndefined();
    expect(await store.get("users", "user_123")).toMatchObject({ email: "user@example.com" });
  });

  it("after a delete, finds the next record stored with the same id (a page's stored records may repeat one)", async () => {
    const storage = new Map<string, string>();
    const twice = [{ id: "user_dup", email: "first@example.com", created_at: "2026-01-01T00:00:00Z" }, { id: "user_dup", email: "second@example.com", created_at: "2026-01-01T00:00:00Z" }];
    storage.set("k", JSON.stringify({ users: twice, wallets: [], sessions: [] }));
    const store = new RecordStore(moonkey, 1, now, { storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) }, key: "k" });
    await store.ready();
    expect(await store.get("users", "user_dup")).toMatchObject({ email: "first@example.com" });
    await store.delete("users", "user_dup");
    expect(await store.get("users", "user_dup")).toMatchObject({ email: "second@example.com" });
    await store.delete("users", "user_dup");
    expect(await store.get("users", "user_dup")).toBeUndefined();
  });

  it("reads the restored records after reset(), not those written since", async () => {
    const store = new RecordStore(moonkey, 1, now);
    await store.ready();
    await store.update("users", "user_123", { email: "changed@example.com" });
    store.reset();
    expect(await store.get("users", "user_123")).toMatchObject({ email: "user@example.com" });
  });
});

describe("records that persist (handlersFor(name, { persist: true }) in a browser)", () => {
  const memoryStorage = () => {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
  };
  const post = (email: string) => ({ ...get("/v1/auth/users"), method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ email }) });

  it("gives a new engine on the same storage the records the last one created, and new ids that do not repeat", async () => {
    const storage = memoryStorage();
    const first = await createEngine(moonkey, { persist: { storage } });
    const { id } = JSON.parse((await first.handle(post("kept@example.com"))).body) as { id: string };
    expect([...storage.items.keys()]).toEqual(["keymock/moonkey/records"]);

    const reloaded = await createEngine(moonkey, { persist: { storage } });
    const kept = await reloaded.handle(get(`/v1/auth/users/${id}`));
    expect(kept.status).toBe(200);
    expect(JSON.parse(kept.body)).toMatchObject({ id, email: "kept@example.com" });
    const next = JSON.parse((await reloaded.handle(post("next@example.com"))).body) as { id: string };
    expect(next.id).not.toBe(id);
  });

  it("starts from the seed without storage, and reset() puts the seed back in storage", async () => {
    const storage = memoryStorage();
    const engine = await createEngine(moonkey, { persist: { storage } });
    const { id } = JSON.parse((await engine.handle(post("gone@example.com"))).body) as { id: string };
    engine.reset();
    expect((await engine.handle(get(`/v1/auth/users/${id}`))).status).toBe(404);
    const reloaded = await createEngine(moonkey, { persist: { storage } });
    expect((await reloaded.handle(get(`/v1/auth/users/${id}`))).status).toBe(404);
  });

  it("says where persist: true cannot work (no localStorage in Node)", async () => {
    await expect(createEngine(moonkey, { persist: true })).rejects.toThrow("[keymock] persist: true needs localStorage (a browser page); elsewhere pass persist: { storage }.");
  });
});

describe("records a page stored that no longer fit the contract", () => {
  it("fail createEngine with the schema's reason, and leave no unhandled rejection behind", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const storage = { getItem: () => JSON.stringify({ users: [{ id: 7 }] }), setItem: () => undefined };
      await expect(createEngine(moonkey, { persist: { storage, key: "k" } })).rejects.toThrow(/does not match the schema/);
      // Node reports unhandled rejections when the microtask queue drains, before the next turn of the loop.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
