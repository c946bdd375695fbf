// Independent reference implementation of Monei API-key authentication, written from
// the public Monei "API Key Authentication" document alone (no other project files).
// Documented: `x-api-key` header; keys per environment (sandbox | production); permissions
// Read Only / Transactions / Account Management / Full Access; 401 body
// {"statusCode":401,"message":"Invalid API key","error":"Unauthorized"}; 429 on rate limiting.
// Everything else (routes, key format, 403/400/404/429 bodies, limits, headers) is our own choice.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

export type MoneiDrift =
  | "none"
  | "production-on-sandbox"          // the sandbox host accepts production keys as if they were sandbox keys
  | "readonly-transacts"             // a Read Only key may execute transactions
  | "transactions-changes-account"   // a Transactions key may modify account settings
  | "401-body-changed";              // the 401 body is {"statusCode":401,"message":"Unauthorized access","error":"Unauthorized"}
export interface MoneiServer {
  url: string;
  environment: "sandbox" | "production";
  keys: { sandboxFull: string; productionFull: string; readOnly: string; transactions: string; accountManagement: string; revoked: string; expired: string };
  routes: { read: string; transact: string; account: string };
  close(): Promise<void>;
}

type Env = "sandbox" | "production";
type Permission = "read_only" | "transactions" | "account_management" | "full_access";
type Action = "read" | "transact" | "account";
interface KeyRecord { env: Env; permission: Permission; revoked: boolean; expiresAt: number }

const RATE_LIMIT = 120;           // requests per key per window
const RATE_WINDOW_MS = 60_000;    // fixed one-minute window
const MAX_BODY_BYTES = 64 * 1024;

const ROUTES: Record<string, Action> = {
  "GET /v1/users/me": "read",
  "GET /v1/transactions": "read",
  "POST /v1/transactions": "transact",
  "PATCH /v1/users/me/settings": "account",
};

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
  413: "Payload Too Large", 429: "Too Many Requests",
};

function newKey(): string { return randomBytes(32).toString("base64url"); } // 43 chars, no prefix

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
function fail(res: ServerResponse, status: number, message: string): void {
  send(res, status, { statusCode: status, message, error: STATUS_TEXT[status] ?? "Error" });
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// Returns an error message, or null when the body is a valid transaction request.
function validateTransaction(b: Record<string, unknown>): string | null {
  const { amount, currency, recipient, reference } = b;
  if (typeof amount !== "number" || !Number.isFinite(amount) || amount <= 0) return "amount must be a positive number";
  if (typeof currency !== "string" || !/^[A-Z]{3,5}$/.test(currency)) return "currency must be a 3-5 letter upper-case code";
  if (typeof recipient !== "string" || recipient.trim() === "") return "recipient must be a non-empty string";
  if (reference !== undefined && typeof reference !== "string") return "reference must be a string";
  return null;
}

const SETTINGS_FIELDS: Record<string, (v: unknown) => boolean> = {
  displayName: (v) => typeof v === "string" && v.trim() !== "" && v.length <= 100,
  defaultCurrency: (v) => typeof v === "string" && /^[A-Z]{3,5}$/.test(v),
  notificationsEnabled: (v) => typeof v === "boolean",
};

function validateSettings(b: Record<string, unknown>): string | null {
  const names = Object.keys(b);
  if (names.length === 0) return "at least one of displayName, defaultCurrency, notificationsEnabled is required";
  for (const n of names) {
    const check = SETTINGS_FIELDS[n];
    if (!check) return `unknown setting: ${n}`;
    if (!check(b[n])) return `invalid value for ${n}`;
  }
  return null;
}

export function startMonei(drift: MoneiDrift = "none", options?: { environment?: Env }): Promise<MoneiServer> {
  const environment: Env = options?.environment ?? "sandbox";
  const other: Env = environment === "sandbox" ? "production" : "sandbox";
  const now = Date.now();
  const live = now + 365 * 24 * 3600_000;
  const keys = {
    sandboxFull: newKey(), productionFull: newKey(), readOnly: newKey(), transactions: newKey(),
    accountManagement: newKey(), revoked: newKey(), expired: newKey(),
  };
  // sandboxFull / productionFull are tied to their environment; the scoped, revoked and expired
  // keys belong to the environment this deployment serves (sandbox by default).
  const registry = new Map<string, KeyRecord>([
    [keys.sandboxFull, { env: "sandbox", permission: "full_access", revoked: false, expiresAt: live }],
    [keys.productionFull, { env: "production", permission: "full_access", revoked: false, expiresAt: live }],
    [keys.readOnly, { env: environment, permission: "read_only", revoked: false, expiresAt: live }],
    [keys.transactions, { env: environment, permission: "transactions", revoked: false, expiresAt: live }],
    [keys.accountManagement, { env: environment, permission: "account_management", revoked: false, expiresAt: live }],
    [keys.revoked, { env: environment, permission: "full_access", revoked: true, expiresAt: live }],
    [keys.expired, { env: environment, permission: "full_access", revoked: false, expiresAt: now - 24 * 3600_000 }],
  ]);
  const windows = new Map<string, { start: number; count: number }>();
  const transactions: Record<string, unknown>[] = [];
  const settings: Record<string, unknown> = { displayName: "Test Account", defaultCurrency: "NGN", notificationsEnabled: true };

  const unauthorized = (res: ServerResponse): void =>
    drift === "401-body-changed"
      ? send(res, 401, { statusCode: 401, message: "Unauthorized access", error: "Unauthorized" })
      : send(res, 401, { statusCode: 401, message: "Invalid API key", error: "Unauthorized" });

  function authenticate(key: string | undefined): KeyRecord | null {
    if (!key) return null;
    const rec = registry.get(key);
    if (!rec || rec.revoked || rec.expiresAt <= Date.now()) return null;
    if (rec.env === environment) return rec;
    if (drift === "production-on-sandbox" && environment === "sandbox" && rec.env === other) return rec;
    return null;
  }

  function allowed(p: Permission, action: Action): boolean {
    if (p === "full_access" || action === "read") return true;
    if (action === "transact") return p === "transactions" || (drift === "readonly-transacts" && p === "read_only");
    return p === "account_management" || (drift === "transactions-changes-account" && p === "transactions");
  }

  // Fixed one-minute window per key; sets X-RateLimit-* headers and reports whether the request may proceed.
  function rateLimit(key: string, res: ServerResponse): boolean {
    const t = Date.now();
    let w = windows.get(key);
    if (!w || t - w.start >= RATE_WINDOW_MS) windows.set(key, (w = { start: t, count: 0 }));
    const resetSec = Math.max(1, Math.ceil((w.start + RATE_WINDOW_MS - t) / 1000));
    res.setHeader("X-RateLimit-Limit", String(RATE_LIMIT));
    res.setHeader("X-RateLimit-Reset", String(resetSec));
    if (w.count >= RATE_LIMIT) {
      res.setHeader("X-RateLimit-Remaining", "0");
      res.setHeader("Retry-After", String(resetSec));
      return false;
    }
    w.count += 1;
    res.setHeader("X-RateLimit-Remaining", String(RATE_LIMIT - w.count));
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "") || "/";
    if (String(req.headers["x-forwarded-proto"] ?? "").toLowerCase() === "http") {
      return fail(res, 400, "HTTPS is required");
    }
    const header = req.headers["x-api-key"];
    const key = typeof header === "string" ? header.trim() : undefined;
    const rec = authenticate(key);
    if (!rec || !key) return unauthorized(res);
    const action = ROUTES[`${method} ${path}`];
    if (!action) return fail(res, 404, `Cannot ${method} ${path}`);
    if (!allowed(rec.permission, action)) return fail(res, 403, "API key does not have permission for this operation");
    if (!rateLimit(key, res)) return fail(res, 429, "Too many requests, please retry later");

    if (action === "read") {
      if (path === "/v1/transactions") return send(res, 200, { data: transactions, total: transactions.length });
      return send(res, 200, {
        id: "usr_" + key.slice(0, 8), email: "developer@example.com", environment,
        kycInfo: { currentTier: "TIER_1" }, settings,
      });
    }
    const raw = await readBody(req);
    if (raw === null) return fail(res, 413, "Request body too large");
    let body: unknown;
    try { body = JSON.parse(raw); } catch { return fail(res, 400, "Request body must be valid JSON"); }
    if (!isObject(body)) return fail(res, 400, "Request body must be a JSON object");
    if (action === "transact") {
      const err = validateTransaction(body);
      if (err) return fail(res, 400, err);
      const tx = {
        id: randomUUID(), status: "pending", amount: body.amount, currency: body.currency,
        recipient: body.recipient, reference: body.reference ?? null, environment, createdAt: new Date().toISOString(),
      };
      transactions.push(tx);
      return send(res, 201, tx);
    }
    const err = validateSettings(body);
    if (err) return fail(res, 400, err);
    Object.assign(settings, body);
    return send(res, 200, { settings });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => { if (!res.headersSent) send(res, 500, { statusCode: 500, message: "Internal server error", error: "Internal Server Error" }); else res.destroy(); });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        environment,
        keys,
        routes: { read: "GET /v1/users/me", transact: "POST /v1/transactions", account: "PATCH /v1/users/me/settings" },
        close: () => new Promise<void>((done, fail2) => {
          server.close((e) => (e ? fail2(e) : done()));
          server.closeAllConnections();
        }),
      });
    });
  });
}
