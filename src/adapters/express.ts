import express, { type Express, type Request, type Response } from "express";
import { json as jsonResponse, type EngineResponse } from "../engine/envelope.js";
import { MAX_BODY_BYTES, type Engine, type EngineResult } from "../engine/engine.js";

export interface Mount {
  /** "" to serve the contract at its own paths, or "/name" */
  prefix: string;
  engine: Engine;
}

export interface AppOptions {
  /** called once per request with a line like `GET /v1/users/1 200 1.3ms sk_test_…p1r` */
  log?: (line: string) => void;
}

/**
 * The standalone server's express app: no body parser, no routing of its own; every request goes to the engine
 * of the contract whose prefix it falls under. Listening is the caller's business (supertest needs no port).
 * @example const app = createApp([{ prefix: "", engine }]); await request(app).get("/v1/auth/users/user_123")
 */
export function createApp(mounts: Mount[], options: AppOptions = {}): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  // Longest prefix first, so "" (a single contract at its own paths) is the fallback.
  const ordered = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);

  app.use(async (req: Request, res: Response) => {
    const started = performance.now();
    const path = req.path;
    const mount = ordered.find((m) => m.prefix === "" || path === m.prefix || path.startsWith(`${m.prefix}/`));
    let result: EngineResult;
    try {
      if (!mount) result = unmounted(path, mounts);
      else {
        const body = hasBody(req) ? await readRawBody(req) : noBody;
        result = await mount.engine.handle({
          method: req.method,
          path: path.slice(mount.prefix.length) || "/",
          headers: req.headers as Record<string, string | undefined>,
          body: body.text,
          bodyTooLarge: body.tooLarge,
          secure: forwardedSecure(req.headers["x-forwarded-proto"]),
        });
        if (body.tooLarge) result.headers["Connection"] = "close";
      }
    } catch (error) {
      // An engine bug must not take the server down or leak a stack trace to the client.
      options.log?.(`[keymock] Failed to answer ${req.method} ${path}: ${(error as Error).message}`);
      result = jsonResponse(500, { error: { code: "keymock_internal_error", message: "keymock failed to answer this request; see the server log." } });
    }
    // Node's writeHead, not express's res.set: the engine's headers are final, and set() re-derives Content-Type charsets.
    res.writeHead(result.status, result.headers);
    res.end(result.body === "" ? undefined : result.body);
    const ms = (performance.now() - started).toFixed(1);
    options.log?.(`${req.method} ${req.originalUrl} ${result.status} ${ms}ms${result.keyHint ? ` ${result.keyHint}` : ""}`);
  });
  return app;
}

/** Only a proxy's X-Forwarded-Proto tells how a request reached us; plain local HTTP is not evidence of either. */
function forwardedSecure(header: string | string[] | undefined): boolean | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim().toLowerCase();
  return value === "https" ? true : value === "http" ? false : undefined;
}

function unmounted(path: string, mounts: Mount[]): EngineResponse {
  const served = mounts.map((m) => ({ name: m.engine.contract.name, title: m.engine.contract.title, basePath: m.prefix || "/" }));
  if (path === "/") return jsonResponse(200, { keymock: true, contracts: served });
  return jsonResponse(404, {
    error: {
      code: "no_contract",
      message: `No contract is served at ${path}. Served: ${served.map((s) => s.basePath).join(", ")}.`,
    },
  });
}

// Most requests are GETs without a body: answer them without a promise and stream listeners per request.
const noBody = { text: undefined, tooLarge: false } as const;
const hasBody = (req: Request) => req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;

/** Reads the body as text, stopping at MAX_BODY_BYTES so an oversized upload costs no memory. */
function readRawBody(req: Request): Promise<{ text: string | undefined; tooLarge: boolean }> {
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
