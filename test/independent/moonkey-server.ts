// Independent reference implementation of the MoonKey REST API authentication
// surface, written from the public MoonKey "REST API authentication" document
// alone (no other source consulted). Only the two routes named in that document
// are served: GET /v1/auth/users/:id and POST /v1/auth/users.
// `drift` switches on exactly one deliberate deviation from the document.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";

export type MoonKeyDrift =
  | "none"
  | "test-limit-60"        // test keys limited to 60/min instead of 100 (headers say 60 too)
  | "live-refused"         // live keys (sk_live_) are answered 401 as if invalid
  | "create-200"           // POST /v1/auth/users answers 200 instead of 201
  | "400-body-changed"     // a missing email answers 400 {"error":{"code":"bad_request","message":"email is required"}} instead of the documented body
  | "unknown-user-200"     // GET /v1/auth/users/<unknown id> answers 200 with a made-up user instead of 404
  | "no-headers-on-429";   // the 429 response omits the X-RateLimit-* headers
export interface MoonKeyServer {
  url: string;                // e.g. "http://127.0.0.1:54321"
  keys: { test: string; live: string; revoked: string; expired: string; restricted: string };
  close(): Promise<void>;     // closes the server and all its connections
}

type Env = "test" | "live";
type Status = "active" | "revoked" | "expired";
interface KeyRecord { env: Env; status: Status; canCreate: boolean }
interface User { id: string; email: string; created_at: string }
interface Window { window: number; count: number }

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const KEY_SHAPE = /^sk_(test|live)_[A-Za-z0-9]{24,128}$/;
const MAX_BODY = 1024 * 1024;

function randomAlnum(n: number): string {
  let out = "";
  for (const b of randomBytes(n)) out += ALNUM[b % ALNUM.length] ?? "0";
  return out;
}
const newKey = (env: Env): string => `sk_${env}_${randomAlnum(48)}`;
const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export function startMoonKey(drift: MoonKeyDrift = "none"): Promise<MoonKeyServer> {
  const keys = {
    test: newKey("test"), live: newKey("live"), revoked: newKey("test"),
    expired: newKey("test"), restricted: newKey("test"),
  };
  const registry = new Map<string, KeyRecord>([
    [keys.test, { env: "test", status: "active", canCreate: true }],
    [keys.live, { env: "live", status: "active", canCreate: true }],
    [keys.revoked, { env: "test", status: "revoked", canCreate: true }],
    [keys.expired, { env: "test", status: "expired", canCreate: true }],
    [keys.restricted, { env: "test", status: "active", canCreate: false }],
  ]);
  const users = new Map<string, User>([
    ["user_123", { id: "user_123", email: "user@example.com", created_at: "2024-01-15T10:30:00Z" }],
  ]);
  const windows = new Map<string, Window>();
  const limitFor = (env: Env): number =>
    env === "live" ? 1000 : drift === "test-limit-60" ? 60 : 100;

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  }
  const fail = (res: ServerResponse, status: number, code: string, message: string, headers?: Record<string, string>): void =>
    send(res, status, { error: { code, message } }, headers);

  /** Current window state for a key; `consume` counts this request against it. */
  function rate(key: string, env: Env, consume: boolean): { allowed: boolean; headers: Record<string, string>; retryAfter: number } {
    const now = Date.now();
    const current = Math.floor(now / 60_000);
    let w = windows.get(key);
    if (!w || w.window !== current) { w = { window: current, count: 0 }; windows.set(key, w); }
    const limit = limitFor(env);
    const allowed = !consume || w.count < limit;
    if (consume && allowed) w.count += 1;
    const reset = (current + 1) * 60;
    return {
      allowed,
      retryAfter: Math.max(1, Math.ceil(reset - now / 1000)),
      headers: {
        "X-RateLimit-Limit": String(limit),
        "X-RateLimit-Remaining": String(Math.max(0, limit - w.count)),
        "X-RateLimit-Reset": String(reset),
      },
    };
  }

  function authenticate(req: IncomingMessage): { key: string; record: KeyRecord } | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    const key = match?.[1];
    if (key === undefined || !KEY_SHAPE.test(key)) return undefined;
    const record = registry.get(key);
    if (!record || record.status !== "active") return undefined;
    if (drift === "live-refused" && record.env === "live") return undefined;
    return { key, record };
  }

  function readBody(req: IncomingMessage): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (c: Buffer) => { size += c.length; if (size <= MAX_BODY) chunks.push(c); });
      req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (String(req.headers["x-forwarded-proto"] ?? "").toLowerCase() === "http") {
      return fail(res, 400, "https_required", "HTTPS is required; plain HTTP requests are rejected.");
    }
    const auth = authenticate(req);
    if (!auth) return fail(res, 401, "unauthorized", "Invalid or missing API key.");

    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const userMatch = /^\/v1\/auth\/users\/([^/]+)$/.exec(path);
    const isCreate = req.method === "POST" && path === "/v1/auth/users";
    const isRead = req.method === "GET" && userMatch !== null;

    if (isCreate && !auth.record.canCreate) {
      const { headers } = rate(auth.key, auth.record.env, false);
      return fail(res, 403, "forbidden", "This API key does not have permission to create users.", headers);
    }
    const { allowed, headers, retryAfter } = rate(auth.key, auth.record.env, true);
    if (!allowed) {
      const h = drift === "no-headers-on-429" ? {} : headers;
      return fail(res, 429, "rate_limit_exceeded", "Rate limit exceeded; retry after the window resets.",
        { ...h, "Retry-After": String(retryAfter) });
    }

    if (isRead) {
      const rawId = userMatch?.[1] ?? "";
      let id = rawId;
      try { id = decodeURIComponent(rawId); } catch { /* keep the raw segment */ }
      const user = users.get(id);
      if (user) return send(res, 200, user, headers);
      if (drift === "unknown-user-200") {
        return send(res, 200, { id, email: `${id}@example.com`, created_at: isoSeconds(new Date()) }, headers);
      }
      return fail(res, 404, "user_not_found", `No user with id '${id}'.`, headers);
    }
    if (isCreate) {
      const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
      if (contentType !== "application/json") {
        return fail(res, 400, "invalid_content_type", "Content-Type must be application/json.", headers);
      }
      const raw = await readBody(req);
      if (raw === undefined) return fail(res, 400, "invalid_request", "Request body is too large.", headers);
      let body: unknown = {};
      if (raw.trim() !== "") {
        try { body = JSON.parse(raw); } catch {
          return fail(res, 400, "invalid_json", "Request body is not valid JSON.", headers);
        }
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        return fail(res, 400, "invalid_request", "Request body must be a JSON object.", headers);
      }
      const email: unknown = (body as Record<string, unknown>)["email"];
      if (email === undefined || email === null || email === "") {
        return drift === "400-body-changed"
          ? fail(res, 400, "bad_request", "email is required", headers)
          : fail(res, 400, "invalid_request", "Missing required field: email", headers);
      }
      if (typeof email !== "string" || !email.includes("@")) {
        return fail(res, 400, "invalid_request", "Field 'email' must be a valid email address.", headers);
      }
      const user: User = { id: `user_${randomAlnum(16)}`, email, created_at: isoSeconds(new Date()) };
      users.set(user.id, user);
      return send(res, drift === "create-200" ? 200 : 201, user, headers);
    }
    return fail(res, 404, "not_found", `No route for ${req.method ?? "?"} ${path}.`, headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) fail(res, 500, "internal_error", "Something went wrong on our end.");
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        keys,
        close: () => new Promise<void>((done, failClose) => {
          server.close((err) => (err ? failClose(err) : done()));
          server.closeAllConnections();
        }),
      });
    });
  });
}
