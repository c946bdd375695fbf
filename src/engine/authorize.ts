import { MAX_KEY_LENGTH } from "../contract/limits.js";
import type { Contract, DenialReason, Route } from "../contract/schema.js";
import { readCredential, redactKey } from "./credentials.js";
import { matchKeyFormat, type KeyFormat } from "./key-formats.js";
import { keyStatus, type KeyStore, type StoredKey } from "./key-store.js";
import { allows, requiredPermission } from "./permissions.js";
import { looksLikeSession, SESSION_KIND } from "./sessions.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { Vars } from "../contract/render.js";

export interface GuardContext {
  contract: Contract;
  formats: KeyFormat[];
  keys: KeyStore;
  limiter: RateLimiter;
  now: () => number;
  /** where each environment is its own deployment, the one this engine stands in for */
  environment: string | undefined;
}

export interface GuardRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  secure: boolean | undefined;
}

export type Decision =
  | { allowed: true; key: StoredKey; headers: Record<string, string>; keyHint: string }
  | { allowed: false; reason: DenialReason; vars: Vars; headers: Record<string, string>; keyHint: string | undefined };

/**
 * The guards of DESIGN.md in order; the first refusal wins.
 * @example authorize(context, route, { method: "GET", path: "/v1/users/1", headers, secure: undefined })
 */
export function authorize(context: GuardContext, route: Route, request: GuardRequest): Decision {
  const { contract } = context;
  const vars: Vars = { method: request.method, path: request.path };
  const deny = (reason: DenialReason, keyHint?: string, headers: Record<string, string> = {}, extra: Vars = {}): Decision => ({
    allowed: false,
    reason,
    vars: Object.assign(vars, extra),
    headers,
    keyHint,
  });

  if (contract.httpsOnly && request.secure === false) return deny("insecure_transport");

  const presented = readCredential(contract.credentials, request.headers);
  if (presented.status === "missing") return deny("missing_credentials");
  if (presented.status === "malformed") return deny("malformed_key", redactKey(presented.value));

  // No key pattern (a fixture's own regular expression) ever runs over an unbounded string.
  if (presented.key.length > MAX_KEY_LENGTH) return deny("malformed_key", redactKey(presented.key));
  const kind = matchKeyFormat(context.formats, presented.key) ?? (looksLikeSession(contract, presented.key) ? SESSION_KIND : undefined);
  if (!kind) return deny("malformed_key", redactKey(presented.key));
  const keyHint = redactKey(presented.key, kind.prefix);

  const key = context.keys.findByHash(context.keys.hashOf(presented.key));
  // A key of another deployment's environment was never issued here.
  if (!key || (context.environment !== undefined && key.environment !== context.environment)) return deny("unknown_key", keyHint);

  const status = keyStatus(key, context.now());
  if (status === "revoked") return deny("revoked_key", keyHint);
  if (status === "expired") return deny("expired_key", keyHint);

  if (key.kind.publicRoutesOnly && !route.public) return deny("forbidden_key_kind", keyHint, context.limiter.peek(key));

  const permission = requiredPermission(contract, route);
  if (permission !== undefined && !allows(contract, key, permission)) {
    return deny("insufficient_scope", keyHint, context.limiter.peek(key), { permission });
  }

  const limit = context.limiter.consume(key);
  if (!limit.allowed) return deny("rate_limited", keyHint, limit.headers);
  return { allowed: true, key, headers: limit.headers, keyHint };
}
