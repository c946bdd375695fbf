// An independent implementation of test/fixtures/drift.json on bare node:http (no keymock code), which can break one
// promise at a time, to prove the conformance checks fail when a deployment drifts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const drifts = [
  "envelope-shape",
  "403-for-missing",
  "reset-in-ms",
  "remaining-stuck",
  "plaintext-again",
  "wildcard-to-anyone",
  "public-on-secret",
] as const;
export type Drift = (typeof drifts)[number] | "none";

interface Key {
  member: string | undefined;
  scopes: string[];
  revoked: boolean;
  expired: boolean;
  public: boolean;
}

export const driftKeys = {
  valid: "sk_ValidValidValid01",
  limited: "sk_NoScopeNoScope012",
  member: "sk_NoScopeNoScope012",
  revoked: "sk_RevokedRevoked012",
  expired: "sk_ExpiredExpired012",
  public: "pk_PublicPublicPub01",
};

export async function startDriftServer(drift: Drift): Promise<{ url: string; close: () => void }> {
  const keys = new Map<string, Key>([
    [driftKeys.valid, { member: "owner", scopes: ["*"], revoked: false, expired: false, public: false }],
    [driftKeys.limited, { member: "dev", scopes: [], revoked: false, expired: false, public: false }],
    [driftKeys.revoked, { member: "owner", scopes: ["*"], revoked: true, expired: false, public: false }],
    [driftKeys.expired, { member: "owner", scopes: ["*"], revoked: false, expired: true, public: false }],
    [driftKeys.public, { member: undefined, scopes: [], revoked: false, expired: false, public: true }],
  ]);
  const issued = new Map<string, { scopes: string[]; plaintext: string }>();
  const windows = new Map<string, number>();
  let serial = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) =>
    send(res, status, drift === "envelope-shape" ? { code, message } : { error: { code, message } }, headers);

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let text = "";
    for await (const chunk of req) text += chunk;
    const auth = req.headers.authorization;
    if (!auth) return fail(res, drift === "403-for-missing" ? 403 : 401, "missing_key", "No API key.");
    const token = auth.replace(/^Bearer /, "");
    if (!/^(sk|pk)_[A-Za-z0-9]{17}$/.test(token)) return fail(res, 401, "invalid_key", "Malformed API key.");
    const key = keys.get(token);
    if (!key) return fail(res, 401, "invalid_key", "Unknown API key.");
    if (key.revoked) return fail(res, 401, "revoked_key", "Revoked API key.");
    if (key.expired) return fail(res, 401, "expired_key", "Expired API key.");

    const windowStart = Math.floor(Date.now() / 60_000) * 60_000;
    const counted = `${token}@${windowStart}`;
    const used = (windows.get(counted) ?? 0) + 1;
    windows.set(counted, used);
    const reset = drift === "reset-in-ms" ? windowStart + 60_000 : (windowStart + 60_000) / 1000;
    const limits = {
      "X-RateLimit-Limit": "20",
      "X-RateLimit-Remaining": String(drift === "remaining-stuck" ? 19 : Math.max(0, 20 - used)),
      "X-RateLimit-Reset": String(reset),
    };
    if (used > 20) return fail(res, 429, "rate_limited", "Slow down.", { ...limits, "Retry-After": "60" });

    if (req.method === "GET" && url.pathname === "/v1/things") {
      if (key.public && drift !== "public-on-secret") return fail(res, 403, "forbidden", "Public keys cannot call this route.", limits);
      if (!key.public && !key.scopes.includes("*") && !key.scopes.includes("things:read")) return fail(res, 403, "forbidden", "Missing scope things:read.", limits);
      return send(res, 200, { data: [{ id: "t1", name: "one" }] }, limits);
    }
    if (req.method === "POST" && url.pathname === "/v1/api-keys") {
      let body: { name?: unknown; scopes?: unknown; environment?: unknown };
      try {
        body = JSON.parse(text || "{}");
      } catch {
        return fail(res, 400, "invalid_request", "Invalid JSON.", limits);
      }
      const scopes = Array.isArray(body.scopes) ? (body.scopes as string[]) : [];
      const known = ["*", "things:read", "things:write"];
      const badEnvironment = body.environment !== undefined && body.environment !== "live";
      if (typeof body.name !== "string" || scopes.length === 0 || badEnvironment || scopes.some((s) => !known.includes(s))) {
        return fail(res, 400, "invalid_request", "Invalid request.", limits);
      }
      if (scopes.includes("*") && key.member !== "owner" && drift !== "wildcard-to-anyone") return fail(res, 403, "forbidden", "Cannot grant *.", limits);
      const id = `key_${++serial}`;
      const plaintext = `sk_${String(serial).padStart(17, "N")}`;
      keys.set(plaintext, { member: key.member, scopes, revoked: false, expired: false, public: false });
      issued.set(id, { scopes, plaintext });
      return send(res, 201, { id, plaintextKey: plaintext, scopes }, limits);
    }
    if (req.method === "GET" && url.pathname.startsWith("/v1/api-keys")) {
      const view = (id: string, k: { scopes: string[]; plaintext: string }) => ({ id, scopes: k.scopes, ...(drift === "plaintext-again" ? { plaintextKey: k.plaintext } : {}) });
      const id = url.pathname.split("/")[3];
      if (!id) return send(res, 200, { data: [...issued].map(([i, k]) => view(i, k)) }, limits);
      const found = issued.get(id);
      return found ? send(res, 200, view(id, found), limits) : fail(res, 404, "not_found", "Not found.", limits);
    }
    return fail(res, 404, "not_found", "No such route.", limits);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}
