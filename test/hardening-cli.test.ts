import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { seededKey } from "./helpers.js";

const bin = "bin/mock-server.js";
const bearer = `Bearer ${seededKey("moonkey", "key_test_docs")}`;

interface Started {
  child: ChildProcess;
  origin: Promise<string>;
  stderr: () => string;
  stdout: () => string;
  /** resolves when stderr has printed a line matching the pattern; rejects if the process exits first */
  stderrLine(pattern: RegExp): Promise<string>;
  exit: Promise<number | null>;
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let stdout = "";
  let stderr = "";
  const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const origin = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /keymock listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1] as string);
    });
    void exit.then((code) => reject(new Error(`exited ${code} before listening:\n${stdout}${stderr}`)));
  });
  origin.catch(() => undefined);
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const stderrLine = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = stderr.split("\n").find((line) => pattern.test(line));
        if (found !== undefined) resolve(found);
      };
      check();
      child.stderr?.on("data", check);
      void exit.then((code) => reject(new Error(`exited ${code}; stderr:\n${stderr}`)));
    });
  return { child, origin, stderr: () => stderr, stdout: () => stdout, stderrLine, exit };
}

/** A POST whose headers the server has taken (100-continue answered) and whose body is only half sent. */
async function halfUploaded(origin: string): Promise<{ req: ClientRequest; rest: string; response: Promise<IncomingMessage & { text: string }> }> {
  const body = JSON.stringify({ email: "draining@example.com" });
  const url = new URL("/v1/auth/users", origin);
  const req = httpRequest(url, {
    method: "POST",
    headers: { Authorization: bearer, "Content-Type": "application/json", "Content-Length": String(body.length), Expect: "100-continue" },
  });
  const response = new Promise<IncomingMessage & { text: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve(Object.assign(res, { text })));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  response.catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    req.once("continue", resolve);
    req.once("error", reject);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { req, rest: body.slice(half), response };
}

describe("finding 4: a closed or slow log reader never stops the server", () => {
  it("keeps answering after stdout's reader has gone (EPIPE), says so once on stderr, and exits 0 on SIGTERM", async () => {
    const server = start(["--fixture", "moonkey", "--port", "0"]);
    const origin = await server.origin;
    server.child.stdout?.destroy();
    const dropping = server.stderrLine(/Dropping log lines/);
    let noticed = false;
    void dropping.then(() => (noticed = true), () => undefined);
    for (let i = 0; i < 200 && !noticed; i++) {
      expect((await fetch(`${origin}/v1/auth/users/user_123`, { headers: { Authorization: bearer } })).status).toBe(200);
    }
    await dropping;
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${origin}/v1/auth/users/user_123`, { headers: { Authorization: bearer } })).status).toBe(200);
    }
    expect(server.stderr().match(/Dropping log lines/g)).toHaveLength(1);
    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
    expect(server.stderr()).toMatch(/\d+ log line\(s\) were dropped/);
  });
});

describe("finding 4 and 5: a log reader that never reads", () => {
  it("does not keep the server alive after SIGTERM", async () => {
    const server = start(["--fixture", "moonkey", "--port", "0", "--rate-limit", "off"]);
    const origin = await server.origin;
    server.child.stdout?.pause();
    server.child.stdout?.removeAllListeners("data");
    // ~70 bytes a line: 1500 lines overfill the pipe, so some stay queued in the server.
    for (let i = 0; i < 1500; i++) await (await fetch(`${origin}/v1/auth/users/user_123`, { headers: { Authorization: bearer } })).arrayBuffer();
    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
  });
});

describe("finding 5: SIGTERM drains in-flight requests", () => {
  it("lets a request still uploading finish with its whole answer, then exits 0", async () => {
    const server = start(["--fixture", "moonkey", "--port", "0"]);
    const { req, rest, response } = await halfUploaded(await server.origin);
    server.child.kill("SIGTERM");
    expect(await server.stderrLine(/Stopping: 1 request\(s\) in flight/)).toBeTruthy();
    req.end(rest);
    const answer = await response;
    expect(answer.statusCode).toBe(201);
    expect(JSON.parse(answer.text).email).toBe("draining@example.com");
    expect(answer.headers.connection).toBe("close");
    expect(await server.exit).toBe(0);
  });

  it("exits at once on a second signal, without waiting for the upload", async () => {
    const server = start(["--fixture", "moonkey", "--port", "0"]);
    const { req } = await halfUploaded(await server.origin);
    server.child.kill("SIGTERM");
    await server.stderrLine(/Stopping/);
    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(143);
    req.destroy();
  });
});

describe("finding 3: the admin API beyond loopback", () => {
  it("refuses to listen beyond loopback with the admin API open and no token", async () => {
    const server = start(["--fixture", "moonkey", "--port", "0", "--host", "0.0.0.0"], { KEYMOCK_ADMIN_TOKEN: "" });
    expect(await server.exit).toBe(1);
    expect(server.stderr()).toContain("--host 0.0.0.0 would open the admin API (/__keymock/) to the network. Pass --admin-token");
  });

  it("takes the token from KEYMOCK_ADMIN_TOKEN, says so in the banner, and asks every admin request for it", async () => {
    const server = start(["--fixture", "moonkey", "--port", "0"], { KEYMOCK_ADMIN_TOKEN: "token-from-env" });
    const origin = await server.origin;
    expect(server.stdout()).toContain("Admin API (/__keymock/): needs Authorization: Bearer <the --admin-token>");
    expect(server.stdout()).not.toContain("token-from-env");
    expect((await fetch(`${origin}/__keymock/keys`)).status).toBe(401);
    expect((await fetch(`${origin}/__keymock/keys`, { headers: { Authorization: "Bearer token-from-env" } })).status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
  });
});
