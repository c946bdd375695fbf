import { Agent, createServer, get, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { trackInFlight } from "../src/adapters/in-flight.js";
import { shutdown } from "../src/adapters/shutdown.js";

/** A server whose one route streams a response in two parts, the second when the test says. */
async function streamingServer() {
  let sendRest = () => {};
  let started = () => {};
  const responding = new Promise<void>((resolve) => (started = resolve));
  const inFlight = trackInFlight();
  const server = createServer({ ServerResponse: inFlight.ServerResponse }, (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.write("a".repeat(64 * 1024));
    sendRest = () => res.end("b".repeat(64 * 1024));
    started();
  });
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

describe("draining asks each connection to close", () => {
  const headerOf = (port: number, path: string) =>
    new Promise<string | undefined>((resolve, reject) => {
      get({ port, host: "127.0.0.1", path, agent: new Agent({ keepAlive: true }) }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.headers.connection));
      }).on("error", reject);
    });

  it("on a response whose headers were unsent when the drain began, and on every request after it", async () => {
    const inFlight = trackInFlight();
    let answerSlow = () => {};
    let slowArrived = () => {};
    const arrived = new Promise<void>((resolve) => (slowArrived = resolve));
    const server = createServer({ ServerResponse: inFlight.ServerResponse }, (req, res) => {
      if (req.url === "/slow") {
        answerSlow = () => res.end("slow");
        slowArrived();
      } else res.end("fast");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      expect(await headerOf(port, "/fast")).toBe("keep-alive");
      const slow = headerOf(port, "/slow");
      await arrived;
      expect(inFlight.count()).toBe(1);
      inFlight.drain();
      answerSlow();
      expect(await slow).toBe("close");
      expect(await headerOf(port, "/fast")).toBe("close");
      await inFlight.idle();
      expect(inFlight.count()).toBe(0);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
