import type { ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

type Answer = [status: number, reason: string, code: string, message: string];

const answers: Record<string, Answer> = {
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large", "headers_too_large", "The request's headers are larger than this server accepts (16 KB)."],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "request_timeout", "The request did not arrive in time; send its headers and body without pausing."],
};
const malformed: Answer = [400, "Bad Request", "malformed_http", "The request is not valid HTTP (framing, header bytes or bytes after a request that were not a request)."];

/**
 * Node's `clientError`: a request too broken to reach the listener still gets a JSON envelope, not a bare 400/431.
 * @example server.on("clientError", answerClientError)
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = answers[error.code ?? ""] ?? malformed;
  const body = JSON.stringify({ error: { code, message } });
  const pending = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (!pending) {
    const head = `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
    socket.end(`${head}${body}`);
  } else if (!pending.req.complete) {
    // The request being answered is the broken (or timed-out) one: answer it if nothing has gone out yet, else close.
    if (pending.headersSent) socket.destroy();
    else pending.writeHead(status, { "Content-Type": "application/json; charset=utf-8", Connection: "close" }).end(body);
  } else {
    // Bytes after a complete request: its answer goes first, then this one, in order.
    pending.once("finish", () => setImmediate(() => answerClientError(error, socket)));
  }
}
