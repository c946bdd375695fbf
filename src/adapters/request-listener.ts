import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { json as jsonResponse, type EngineResponse } from "../engine/envelope.js";
import type { Engine, EngineResult } from "../engine/engine.js";
import { hasBody, noBody, readRawBody, type RawBody } from "./read-body.js";
import { redactUrl } from "./redact-url.js";

interface Answer {
  result: EngineResult;
  /** the body was too large and the rest of it is still being read and discarded */
  draining: boolean;
}

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
 * The standalone server's request handler, on plain node:http: no framework, no body parser, no routing of its
 * own; every request goes to the engine of the contract whose prefix it falls under. It is also express
 * middleware (see createApp). Listening is the caller's business (supertest needs no port).
 * @example const server = createServer(createRequestListener([{ prefix: "", engine }]))
 */
export function createRequestListener(mounts: Mount[], options: AppOptions = {}): RequestListener {
  // Longest prefix first, so "" (a single contract at its own paths) is the fallback.
  const ordered = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const { log } = options;
  const keyPrefixes = [...new Set(mounts.flatMap((m) => m.engine.contract.keyKinds.map((k) => k.prefix)))];

  async function answer(req: IncomingMessage, path: string, query: string | undefined): Promise<Answer> {
    const mount = ordered.find((m) => m.prefix === "" || path === m.prefix || path.startsWith(`${m.prefix}/`));
    if (!mount) return { result: unmounted(path, mounts), draining: false };
    const body = alreadyRead(req) ?? (hasBody(req) ? await readRawBody(req) : noBody);
    const result = await mount.engine.handle({
      method: req.method ?? "GET",
      path: path.slice(mount.prefix.length) || "/",
      query,
      headers: req.headers as Record<string, string | undefined>,
      body: body.text,
      bodyTooLarge: body.tooLarge,
      secure: forwardedSecure(req.headers["x-forwarded-proto"]),
    });
    if (body.closeAfter) result.headers["Connection"] = "close";
    return { result, draining: body.tooLarge && !body.closeAfter };
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = req.url ?? "/";
    const path = pathOf(url);
    const send = ({ result, draining }: Answer) => {
      const body = result.body === "" ? undefined : result.body;
      if (draining && !req.complete) {
        // The client is still uploading: the whole answer goes now and the response ends once the upload has
        // drained (read-body.ts bounds it), so closing the connection cannot reset the client before it reads.
        res.writeHead(result.status, { ...result.headers, "Content-Length": String(Buffer.byteLength(body ?? "")) });
        res.write(body ?? "");
        const end = () => res.end();
        req.once("end", end).once("close", end);
      } else {
        res.writeHead(result.status, result.headers);
        res.end(body);
      }
      const ms = (performance.now() - started).toFixed(1);
      log?.(`${req.method} ${redactUrl(originalUrl(req) ?? "/", keyPrefixes)} ${result.status} ${ms}ms${result.keyHint ? ` ${result.keyHint}` : ""}`);
    };
    // An engine bug, or a header Node refuses to write, must not take the server down or leak a stack trace.
    answer(req, path, queryOf(url))
      .then(send)
      .catch((error: unknown) => {
        log?.(`[keymock] Failed to answer ${req.method} ${path}: ${(error as Error).message}`);
        if (res.headersSent) res.destroy();
        else send({ result: jsonResponse(500, { error: { code: "keymock_internal_error", message: "keymock failed to answer this request; see the server log." } }), draining: false });
      });
  };
}

/** The path without the query; a proxy-style absolute URL ("GET http://host/path") gives its path too. */
function pathOf(url: string): string {
  if (url.startsWith("/")) {
    const query = url.indexOf("?");
    return query === -1 ? url : url.slice(0, query);
  }
  return URL.canParse(url) ? new URL(url).pathname : url;
}

function queryOf(url: string): string | undefined {
  const query = url.indexOf("?");
  return query === -1 ? undefined : url.slice(query + 1);
}

/**
 * Behind a body parser (express.json() and the like) the stream has been read already: waiting for it would never
 * end, so the parsed body is taken as it is.
 */
function alreadyRead(req: IncomingMessage & { body?: unknown }): RawBody | undefined {
  if (!req.readableEnded) return undefined;
  const parsed = req.body;
  if (parsed === undefined) return noBody;
  const text = typeof parsed === "string" ? parsed : Buffer.isBuffer(parsed) ? parsed.toString("utf8") : JSON.stringify(parsed);
  return { text, tooLarge: false, closeAfter: false };
}

/** Inside express mounted under a path, req.url has lost that path; express keeps the whole one. */
const originalUrl = (req: IncomingMessage & { originalUrl?: string }) => req.originalUrl ?? req.url;

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
