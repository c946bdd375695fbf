import type { IncomingMessage } from "node:http";
import { MAX_BODY_BYTES } from "../engine/engine.js";

export interface RawBody {
  text: string | undefined;
  tooLarge: boolean;
}

// Most requests are GETs without a body: those skip the stream listeners and the promise of a read.
export const noBody: RawBody = Object.freeze({ text: undefined, tooLarge: false });
export const hasBody = (req: IncomingMessage) => req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;

/**
 * Reads the body as text, stopping at MAX_BODY_BYTES so an oversized upload costs no memory.
 * @example const body = hasBody(req) ? await readRawBody(req) : noBody
 */
export function readRawBody(req: IncomingMessage): Promise<RawBody> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.resolve({ text: undefined, tooLarge: true });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done = true;
        resolve({ text: undefined, tooLarge: true });
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve({ text: size === 0 ? undefined : Buffer.concat(chunks).toString("utf8"), tooLarge: false });
    });
    req.on("error", reject);
  });
}
