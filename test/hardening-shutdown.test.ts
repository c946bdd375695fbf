import { createServer, get, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { trackInFlight } from "../src/adapters/in-flight.js";
import { shutdown } from "../src/adapters/shutdown.js";

/** A server whose one route streams a response in two parts, the second when the test says. */
async function streamingServer() {
  let sendRest = () => {};
  let started = () => {};
  const responding = new Promise<void>((resolve) => (started = resolve));
  const inFlight = trackInFlight((_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.write("a".repeat(64 * 1024));
    sendRest = () => res.end("b".repeat(64 * 1024));
    started();
  });
  const server = createServer(inFlight.listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const response = new Promise<{ length: number; complete: boolean }>((resolve) => {
    get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, (res) => {
      let length = 0;
      res.on("data", (c: Buffer) => (length += c.length));
      res.on("end", () => resolve({ length, complete: res.complete }));
      res.on("error", () => resolve({ length, complete: false }));
    }).on("error", () => resolve({ length: 0, complete: false }));
  });
  await responding;
  return { server, inFlight, response, sendRest: () => sendRest() };
}

describe("finding 5: shutdown drains what is in flight, within a bound", () => {
  it("lets a response in mid-transfer finish, then reports nothing cut", async () => {
    const { server, inFlight, response, sendRest } = await streamingServer();
    expect(inFlight.count()).toBe(1);
    const stopping = shutdown(server, inFlight, 5000);
    sendRest();
    expect(await stopping).toEqual({ cut: 0 });
    expect(await response).toEqual({ length: 128 * 1024, complete: true });
  });

  it("closes what is still unfinished when the bound runs out, and counts it as cut", async () => {
    const { server, inFlight, response } = await streamingServer();
    expect(await shutdown(server, inFlight, 50)).toEqual({ cut: 1 });
    expect((await response).complete).toBe(false);
  });
});
