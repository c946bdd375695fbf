import type { IncomingMessage } from "node:http";
import { MAX_BODY_BYTES } from "../engine/engine.js";

export interface RawBody {
  text: string | undefined;
  tooLarge: boolean;
  /** the upload is too large even to drain: answer and close the connection under it */
  closeAfter: boolean;
}

/**
 * Past MAX_BODY_BYTES the rest of an upload is read and discarded, up to this much more, so the client finishes
 * sending and reads its 413; closing at once reset fast uploaders before they read it.
 */
export const DRAIN_BYTES = 16 * 1024 * 1024;

// Most requests are GETs without a body: those skip the stream listeners and the promise of a read.
export const noBody: RawBody = Object.freeze({ text: undefined, tooLarge: false, closeAfter: false });
export const hasBody = (req: IncomingMessage) => req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;

/**
 * Reads the body as text, stopping at MAX_BODY_BYTES so an oversized upload costs no memory.
 * @example const body = hasBody(req) ? await readRawBody(req) : noBody
 */
export function readRawBody(req: IncomingMessage): Promise<RawBody> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES + DRAIN_BYTES) {
    return Promise.resolve({ text: undefined, tooLarge: true, closeAfter: true });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = declared > MAX_BODY_BYTES;
    if (done) resolve({ text: undefined, tooLarge: true, closeAfter: false });
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (done) {
        if (size > MAX_BODY_BYTES + DRAIN_BYTES) req.socket.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) {
        done = true;
        chunks.length = 0;
        resolve({ text: undefined, tooLarge: true, closeAfter: false });
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve({ text: size === 0 ? undefined : Buffer.concat(chunks).toString("utf8"), tooLarge: false, closeAfter: false });
    });
    req.on("error", reject);
  });
}
