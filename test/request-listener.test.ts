import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestListener, type Mount } from "../src/adapters/request-listener.js";
import { bundledContract } from "../src/contract/bundled.js";
import { createEngine } from "../src/engine/engine.js";
import { seededKey } from "./helpers.js";

const moonkeyKey = `Bearer ${seededKey("moonkey", "key_test_docs")}`;

describe("the server's request listener with several contracts", () => {
  let mounts: Mount[];
  beforeAll(async () => {
    mounts = [
      { prefix: "/moonkey", engine: await createEngine(bundledContract("moonkey")) },
      { prefix: "/monei", engine: await createEngine(bundledContract("monei")) },
    ];
  });

  it("lists what it serves at /, with each contract's dashboard", async () => {
    const response = await request(createRequestListener(mounts)).get("/");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      keymock: true,
      contracts: [
        { name: "moonkey", title: "MoonKey", basePath: "/moonkey", dashboard: "/moonkey/__keymock/" },
        { name: "monei", title: "Monei", basePath: "/monei", dashboard: "/monei/__keymock/" },
      ],
    });
  });

  it("answers 404 no_contract, naming what is served, outside every prefix and for a name that only starts alike", async () => {
    for (const path of ["/v1/auth/users/user_123", "/moonkeys/v1/auth/users/user_123"]) {
      const response = await request(createRequestListener(mounts)).get(path).set("Authorization", moonkeyKey);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: "no_contract", message: `No contract is served at ${path}. Served: /moonkey, /monei.` } });
    }
  });

  it("routes on the path without its query string", async () => {
    const response = await request(createRequestListener(mounts)).get("/moonkey/v1/auth/users/user_123?expand=sessions").set("Authorization", moonkeyKey);
    expect(response.status).toBe(200);
    expect(response.body.id).toBe("user_123");
  });
});

describe("HEAD requests", () => {
  it("answer as GET would, status and headers, without a body", async () => {
    const listener = createRequestListener([{ prefix: "", engine: await createEngine(bundledContract("moonkey")) }]);
    const get = await request(listener).get("/v1/auth/users/user_123").set("Authorization", moonkeyKey);
    const head = await request(listener).head("/v1/auth/users/user_123").set("Authorization", moonkeyKey);
    expect(head.status).toBe(200);
    expect(head.text ?? "").toBe("");
    expect(head.headers["content-type"]).toBe(get.headers["content-type"]);
    expect(head.headers["x-ratelimit-limit"]).toBe(get.headers["x-ratelimit-limit"]);
    const denied = await request(listener).head("/v1/auth/users/user_123");
    expect(denied.status).toBe(401);
    expect(denied.text ?? "").toBe("");
  });
});

describe("the server's request listener on a socket", () => {
  let server: Server;
  const logged: string[] = [];
  beforeAll(async () => {
    const engine = await createEngine(bundledContract("moonkey"));
    const broken = await createEngine(bundledContract("monei"));
    broken.handle = () => Promise.reject(new Error("store unavailable"));
    const badHeader = await createEngine(bundledContract("moment"));
    badHeader.handle = async () => ({ status: 200, headers: { "X-Note": "two\nlines" }, body: "{}" });
    const listener = createRequestListener(
      [
        { prefix: "/moonkey", engine },
        { prefix: "/broken", engine: broken },
        { prefix: "/bad-header", engine: badHeader },
      ],
      { log: (line) => logged.push(line) },
    );
    server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  it("answers an engine failure with a 500 envelope and a log line, never a stack trace, and goes on serving", async () => {
    const failed = await fetch(`${origin()}/broken/api/v1/user/me`);
    expect(failed.status).toBe(500);
    const body = await failed.text();
    expect(JSON.parse(body)).toEqual({ error: { code: "keymock_internal_error", message: "keymock failed to answer this request; see the server log." } });
    expect(body).not.toContain("store unavailable");
    expect(logged).toContain("[keymock] Failed to answer GET /broken/api/v1/user/me: store unavailable");
    const next = await fetch(`${origin()}/moonkey/v1/auth/users/user_123`, { headers: { Authorization: moonkeyKey } });
    expect(next.status).toBe(200);
  });

  it("answers 500 in the same envelope when Node refuses a header the engine produced, and goes on serving", async () => {
    const failed = await fetch(`${origin()}/bad-header/v1/customers`);
    expect(failed.status).toBe(500);
    expect((await failed.json()).error.code).toBe("keymock_internal_error");
    expect(logged.some((line) => line.startsWith("[keymock] Failed to answer GET /bad-header/v1/customers: Invalid character in header"))).toBe(true);
    expect((await fetch(`${origin()}/moonkey/v1/auth/users/user_123`, { headers: { Authorization: moonkeyKey } })).status).toBe(200);
  });

  it("takes a proxy-style absolute request target (GET http://host/path) by its path", async () => {
    const { port } = server.address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end(
          `GET http://127.0.0.1:${port}/moonkey/v1/auth/users/user_123?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${moonkeyKey}\r\nConnection: close\r\n\r\n`,
        );
      });
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString("utf8")));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(raw.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
    expect(raw).toContain('"id":"user_123"');
  });
});
