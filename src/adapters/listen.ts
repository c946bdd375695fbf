import { createServer, type RequestListener, type Server, type ServerResponse } from "node:http";
import { answerClientError } from "./client-error.js";

/** A client gets this long for its headers, and for its whole request, before a 408. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

/** Thrown when the server cannot listen; the message says what to do. */
export class ListenError extends Error {
  override readonly name = "ListenError";
}

/**
 * Listens and resolves once the port is bound; a port in use rejects with a ListenError, never an unhandled event.
 * `responseClass` replaces Node's ServerResponse, e.g. trackInFlight's, which counts what is open for a graceful stop.
 * @example const server = await listen(createRequestListener(mounts), 0, "127.0.0.1"); (server.address() as AddressInfo).port
 */
export function listen(handler: RequestListener, port: number, host: string, responseClass?: typeof ServerResponse): Promise<Server> {
  return new Promise((resolve, reject) => {
    const options = { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, ...(responseClass ? { ServerResponse: responseClass } : {}) };
    const server = createServer(options, handler);
    server.on("clientError", answerClientError);
    server.listen(port, host);
    server.once("listening", () => resolve(server));
    server.once("error", (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === "EADDRINUSE"
          ? `port ${port} on ${host} is already in use. Stop the other process or pass --port 0 to pick a free port.`
          : error.code === "EACCES"
            ? `not allowed to listen on port ${port}. Use a port above 1023.`
            : error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND"
              ? `${host} is not an address of this machine. Try --host 127.0.0.1.`
              : error.message;
      reject(new ListenError(`[keymock] Failed to listen on ${host}:${port}: ${hint}`));
    });
  });
}
