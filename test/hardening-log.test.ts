import { Writable } from "node:stream";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createRequestListener } from "../src/adapters/request-listener.js";
import { bundledContract } from "../src/contract/bundled.js";
import { createEngine } from "../src/engine/engine.js";
import { seededKey } from "./helpers.js";

describe("finding 7: keys in the query string are redacted in the log like header keys", () => {
  const key = seededKey("moonkey", "key_test_docs");
  it.each([
    [`/v1/auth/users/user_123?api_key=${key}`, "?api_key=sk_test_…3p1r"],
    [`/v1/auth/users/user_123?expand=x&k=${key}`, "?expand=x&k=sk_test_…3p1r"],
    [`/v1/auth/users/user_123?token=${encodeURIComponent("opaque-secret-value-1234")}`, "?token=…1234"],
    ["/v1/auth/users/user_123?apiKey=opaque-secret-value-1234&x=1", "?apiKey=…1234&x=1"],
    ["/v1/auth/users/user_123?client_secret=opaque-secret-value-1234", "?client_secret=…1234"],
    ["/v1/auth/users/user_123?access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl", "?access_token=…bHVl"],
  ])("logs %s with the key cut to prefix and last 4", async (url, shown) => {
    const lines: string[] = [];
    const engine = await createEngine(bundledContract("moonkey"));
    const app = createRequestListener([{ prefix: "", engine }], { log: (line) => lines.push(line) });
    await request(app).get(url).set("Authorization", `Bearer ${key}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`/v1/auth/users/user_123${shown} 200`);
    expect(lines[0]).not.toContain(key);
    expect(lines[0]).not.toContain("opaque-secret");
  });

  it("leaves ordinary query values as they are", async () => {
    const lines: string[] = [];
    const app = createRequestListener([{ prefix: "", engine: await createEngine(bundledContract("moonkey")) }], { log: (line) => lines.push(line) });
    await request(app).get("/v1/auth/users?limit=5&expand=sessions&design=blue&keyword=x");
    expect(lines[0]).toContain("/v1/auth/users?limit=5&expand=sessions&design=blue&keyword=x ");
  });
});

describe("finding 4: a slow log reader costs lines, not memory", () => {
  it("queues at most maxPendingBytes unread, then counts and drops lines, telling once", async () => {
    const { createLogSink } = await import("../src/adapters/log-sink.js");
    // A reader that never reads: every write stays pending.
    const stalled = new Writable({ highWaterMark: 16, write: () => undefined });
    const told: string[] = [];
    const sink = createLogSink(stalled, { maxPendingBytes: 1000, onFirstDrop: (why) => told.push(why) });
    for (let i = 0; i < 500; i++) sink.write(`GET /v1/auth/users/user_123 200 1.0ms sk_test_…3p1r ${i}`);
    expect(stalled.writableLength).toBeLessThan(1100);
    expect(sink.dropped()).toBeGreaterThan(450);
    expect(told).toEqual(["the log reader is too slow"]);
  });
});

describe("the log sink batches lines without losing or reordering them", () => {
  it("writes a turn's lines together and in order, and flush() writes what is pending at once (the exit path)", async () => {
    const { createLogSink } = await import("../src/adapters/log-sink.js");
    const chunks: string[] = [];
    const reader = new Writable({ decodeStrings: false, write: (chunk: string, _encoding, done) => (chunks.push(chunk), done()) });
    const sink = createLogSink(reader);
    for (let i = 1; i <= 3; i++) sink.write(`line ${i}`);
    expect(chunks).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(chunks).toEqual(["line 1\nline 2\nline 3\n"]);
    sink.write("last words");
    sink.flush();
    expect(chunks.at(-1)).toBe("last words\n");
  });

  it("does not hold more than about a kilobyte of lines before writing them", async () => {
    const { createLogSink } = await import("../src/adapters/log-sink.js");
    const chunks: string[] = [];
    const sink = createLogSink(new Writable({ decodeStrings: false, write: (chunk: string, _encoding, done) => (chunks.push(chunk), done()) }));
    const line = `GET /v1/auth/users/user_123 200 0.1ms sk_test_…3p1r`;
    for (let i = 0; i < 100; i++) sink.write(line);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(1024 + line.length + 1);
    sink.flush();
    expect(chunks.join("")).toBe(`${line}\n`.repeat(100));
  });
});
