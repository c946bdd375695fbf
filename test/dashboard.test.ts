import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import express from "express";
import { MAX_STREAMS } from "../src/adapters/dashboard.js";
import { createApp } from "../src/adapters/express.js";
import { listen } from "../src/adapters/listen.js";
import { createRequestListener, type Mount } from "../src/adapters/request-listener.js";
import { bundledContract } from "../src/contract/bundled.js";
import { createEngine, type EngineOptions } from "../src/engine/engine.js";
import { seededKey, spawnMockServer, stopMockServers } from "./helpers.js";

const frozen: EngineOptions = { now: () => Date.parse("2026-06-01T12:00:30Z") };
const moonkey = (options: EngineOptions = {}) => createEngine(bundledContract("moonkey"), { ...frozen, ...options });
const listener = async (options: EngineOptions = {}) => createRequestListener([{ prefix: "", engine: await moonkey(options) }]);

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
  await stopMockServers();
});

async function serve(mounts: Mount[]) {
  const app = createRequestListener(mounts);
  const server = await listen(app, 0, "127.0.0.1");
  servers.push(server);
  return { app, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** An open event stream: `next(pattern)` resolves with the text read once it matches, as chunks arrive. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>).getReader();
  let text = "";
  async function next(pattern: RegExp): Promise<string> {
    while (!pattern.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before ${pattern}; read: ${text}`);
      text += value;
    }
    return text;
  }
  return { response, next, close: () => controller.abort() };
}

describe("the dashboard page at /__keymock/", () => {
  it("serves the page, its stylesheet and script from the mock itself, with a CSP that allows nothing from elsewhere", async () => {
    const app = await listener();
    const page = await request(app).get("/__keymock/").expect(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["content-security-policy"]).toBe("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.text).toContain('<script type="module" src="dashboard.js"></script>');
    expect(page.text).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    const script = await request(app).get("/__keymock/dashboard.js").expect(200);
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(script.text).not.toMatch(/https?:\/\//);
    expect((await request(app).get("/__keymock/dashboard.css").expect(200)).headers["content-type"]).toBe("text/css; charset=utf-8");
    const bare = await request(app).get("/__keymock").expect(308);
    expect(bare.headers["location"]).toBe("__keymock/");
  });

  it("serves one page per contract under its prefix, and / links each", async () => {
    const mounts = await Promise.all((["moonkey", "monei"] as const).map(async (name) => ({ prefix: `/${name}`, engine: await createEngine(bundledContract(name), frozen) })));
    const app = createRequestListener(mounts);
    await request(app).get("/monei/__keymock/").expect(200);
    expect((await request(app).get("/monei/__keymock/contract").expect(200)).body.name).toBe("monei");
    const root = await request(app).get("/").expect(200);
    expect(root.body.contracts.map((c: { dashboard: string }) => c.dashboard)).toEqual(["/moonkey/__keymock/", "/monei/__keymock/"]);
  });

  it("works embedded in an express app under a mount path: the page's relative URLs land under it", async () => {
    const host = express();
    host.use("/mock", createApp([{ prefix: "", engine: await moonkey() }]));
    expect((await request(host).get("/mock/__keymock").expect(308)).headers["location"]).toBe("__keymock/");
    expect((await request(host).get("/mock/__keymock/").expect(200)).text).toContain('src="dashboard.js"');
    expect((await request(host).get("/mock/__keymock/contract").expect(200)).body.name).toBe("moonkey");
  });

  it("is not there under --no-admin: the page and the stream answer the contract's own 404", async () => {
    const app = await listener({ admin: false });
    const notFound = bundledContract("moonkey").errors.cases.route_not_found.status;
    for (const path of ["/__keymock/", "/__keymock/dashboard.js", "/__keymock/events"]) {
      const response = await request(app).get(path);
      expect([path, response.status, response.body.error?.code]).toEqual([path, notFound, bundledContract("moonkey").errors.cases.route_not_found.code]);
    }
  });

  it("answers loopback Hosts only and no other site, as the admin API does", async () => {
    const app = await listener();
    for (const path of ["/__keymock/", "/__keymock/events"]) {
      const rebound = await request(app).get(path).set("Host", "attacker.example:4010");
      expect([path, rebound.status, rebound.body.error.code]).toEqual([path, 403, "admin_host_refused"]);
    }
    const framed = await request(app).get("/__keymock/").set("Host", "127.0.0.1:4010").set("Sec-Fetch-Site", "cross-site");
    expect([framed.status, framed.body.error.code]).toEqual([403, "admin_cross_origin"]);
  });

  it("with a token: the page (no data in it) loads on any Host, its stream and data need the token", async () => {
    const { origin } = await serve([{ prefix: "", engine: await moonkey({ adminToken: "s3cret-token" }) }]);
    expect((await fetch(`${origin}/__keymock/`, { headers: { Host: "mock.internal:4010" } })).status).toBe(200);
    const refused = await fetch(`${origin}/__keymock/events`);
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([401, "admin_token_required"]);
    expect((await fetch(`${origin}/__keymock/keys`)).status).toBe(401);
    const stream = await openStream(`${origin}/__keymock/events`, { Authorization: "Bearer s3cret-token" });
    expect(stream.response.status).toBe(200);
    stream.close();
  });
});

describe("the server log with a dashboard open", () => {
  it("leaves out the page's own reads, and keeps its actions, its refusals and everyone else's reads", async () => {
    const lines: string[] = [];
    const app = createRequestListener([{ prefix: "", engine: await moonkey() }], { log: (line) => lines.push(line) });
    const page = { "X-Keymock-Client": "dashboard" };
    await request(app).get("/__keymock/windows").set(page).expect(200);
    await request(app).post("/__keymock/clock").set(page).send({ advance: "1m" }).expect(200);
    await request(app).get("/__keymock/keys/nobody").set(page).expect(404);
    await request(app).get("/__keymock/windows").expect(200);
    expect(lines.map((line) => line.replace(/ [\d.]+ms$/, ""))).toEqual(["POST /__keymock/clock 200", "GET /__keymock/keys/nobody 404", "GET /__keymock/windows 200"]);
  });
});

describe("the live log at /__keymock/events", () => {
  it("streams each decision as it is made and each admin change, and replays what came after Last-Event-ID", async () => {
    const { origin } = await serve([{ prefix: "", engine: await moonkey() }]);
    const stream = await openStream(`${origin}/__keymock/events`);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    await stream.next(/^retry: 2000\n\n/);
    await fetch(`${origin}/v1/auth/users/user_123`, { headers: { Authorization: `Bearer ${seededKey("moonkey", "key_test_revoked")}` } });
    const text = await stream.next(/event: decision\ndata: .*\n\n/);
    expect(text).toContain(`id: 1\nevent: decision\ndata: ${JSON.stringify({ seq: 1, at: "2026-06-01T12:00:30.000Z", method: "GET", path: "/v1/auth/users/user_123", status: 401, keyHint: "sk_test_…StPK", decision: "revoked_key", case: "revoked_key" })}\n\n`);
    expect(text).not.toContain(seededKey("moonkey", "key_test_revoked"));
    await fetch(`${origin}/__keymock/clock`, { method: "POST", body: JSON.stringify({ advance: "1d" }) });
    await stream.next(/event: changed\ndata: \{"what":"POST \/clock"\}\n\n/);
    stream.close();

    await fetch(`${origin}/v1/r2`);
    const resumed = await openStream(`${origin}/__keymock/events`, { "Last-Event-ID": "1" });
    const replayed = await resumed.next(/id: 2\n/);
    expect(replayed).not.toContain("id: 1\n");
    resumed.close();
  });

  it(`holds at most ${MAX_STREAMS} streams open at once, and frees a place when one closes`, async () => {
    const { app, origin } = await serve([{ prefix: "", engine: await moonkey() }]);
    const open = await Promise.all(Array.from({ length: MAX_STREAMS }, () => openStream(`${origin}/__keymock/events`)));
    await Promise.all(open.map((s) => s.next(/retry/)));
    const refused = await fetch(`${origin}/__keymock/events`);
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([503, "too_many_streams"]);
    const closed = app.streams.whenClosed();
    open[0]?.close();
    await closed;
    expect((await openStream(`${origin}/__keymock/events`)).response.status).toBe(200);
    for (const s of open) s.close();
  });

  it("ends open streams on SIGTERM, so shutdown does not wait for a dashboard tab and exits 0", async () => {
    const server = await spawnMockServer(["--fixture", "moonkey", "--port", "0"]);
    const stream = await openStream(`${server.origin}/__keymock/events`);
    await stream.next(/retry/);
    const ended = stream.next(/never/).catch((error: Error) => error.message);
    expect(await server.stop()).toBe(0);
    expect(await ended).toMatch(/the stream ended/);
    expect(server.stderr()).not.toContain("unfinished");
  });
});
