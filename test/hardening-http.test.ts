import type { Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../src/adapters/listen.js";
import { createRequestListener } from "../src/adapters/request-listener.js";
import { bundledContract } from "../src/contract/bundled.js";
import { createEngine } from "../src/engine/engine.js";
import { seededKey } from "./helpers.js";

let server: Server;
let port: number;
beforeAll(async () => {
  const engine = await createEngine(bundledContract("monei"));
  server = await listen(createRequestListener([{ prefix: "", engine }]), 0, "127.0.0.1");
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends raw bytes and collects everything the server sends back until it closes. */
function raw(bytes: string | Buffer): Promise<{ text: string; error: string | undefined }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    let error: string | undefined;
    socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
    socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code));
    socket.on("close", () => resolve({ text, error }));
    socket.write(bytes);
  });
}

const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
// The JSON of one answer, whether it came with a Content-Length or chunked.
const bodyOf = (text: string) => JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1));

describe("finding 8: malformed HTTP gets a JSON envelope, and a 413 can be read", () => {
  it.each([
    ["a request line that is not HTTP", "GARBAGE\r\n\r\n", 400, "malformed_http"],
    ["a control byte in a header value", "GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n", 400, "malformed_http"],
    ["bad chunked framing", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "malformed_http"],
    ["20 KB of headers", `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431, "headers_too_large"],
  ])("answers %s in a JSON envelope", async (_, bytes, status, code) => {
    const { text } = await raw(bytes);
    expect(statusOf(text)).toBe(status);
    expect(text).toMatch(/content-type: application\/json/i);
    expect(bodyOf(text).error.code).toBe(code);
  });

  it("answers a stray body on a keep-alive connection after the answer to the request before it", async () => {
    const { text } = await raw("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\nstray bytes\r\n\r\n");
    const answers = text.split(/(?=HTTP\/1\.1 )/);
    expect(answers, JSON.stringify(text)).toHaveLength(2);
    expect(statusOf(answers[0] as string)).toBe(404);
    expect(statusOf(answers[1] as string)).toBe(400);
    expect(bodyOf(answers[1] as string).error.code).toBe("malformed_http");
  });

  it("sets explicit header and request timeouts", () => {
    expect(server.headersTimeout).toBe(10_000);
    expect(server.requestTimeout).toBe(30_000);
  });

  it("keeps reading an oversized upload after its 413, so the client can finish sending and read it", async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, "a");
    const head = [
      "POST /api/v1/transactions HTTP/1.1",
      "Host: 127.0.0.1",
      `x-api-key: ${seededKey("monei", "key_sandbox_full")}`,
      "Content-Type: application/json",
      `Content-Length: ${body.length}`,
      "Connection: close",
      "",
      "",
    ].join("\r\n");
    const { text, error } = await new Promise<{ text: string; error: string | undefined }>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let text = "";
      let error: string | undefined;
      // The rest of the body goes only once the 413 has begun to arrive: the server must still be reading then.
      socket.once("data", () => socket.end(body.subarray(64 * 1024)));
      socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
      socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code));
      socket.on("close", () => resolve({ text, error }));
      socket.write(Buffer.concat([Buffer.from(head), body.subarray(0, 64 * 1024)]));
    });
    expect(error).toBeUndefined();
    expect(statusOf(text)).toBe(413);
    expect(bodyOf(text)).toEqual({ statusCode: 413, message: "Request body is larger than 1 MiB", error: "Payload Too Large" });
  });
});
