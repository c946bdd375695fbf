import type { Limits } from "../contract/limits.js";
import type { Contract } from "../contract/schema.js";
import { AdminInputError, createKey, ensureRoomForKey, findKey, listKeys, parseInstant, revokeKey, rotateKey } from "./admin-keys.js";
import { instantInRange, onlyFields, show, wholeNumber } from "./admin-input.js";
import { parseDuration, type Clock } from "./clock.js";
import { json, type EngineResponse } from "./envelope.js";
import { describeKey } from "./key-view.js";
import type { KeyStore } from "./key-store.js";
import type { RateLimiter } from "./rate-limiter.js";
import { issueSession } from "./sessions.js";

export const ADMIN_PREFIX = "/__keymock";

export interface AdminContext {
  contract: Contract;
  keys: KeyStore;
  clock: Clock;
  limiter: RateLimiter;
  limits: Limits;
  reset(): void;
}

export interface AdminRequest {
  method: string;
  /** the path below /__keymock, e.g. "/keys" */
  path: string;
  body: string | undefined;
}

type Handler = (context: AdminContext, params: string[], body: () => Record<string, unknown>) => EngineResponse;
type AdminRoute = { method: string; path: string; pattern: RegExp; handle: Handler };

const route = (method: string, path: string, handle: Handler): AdminRoute => ({
  method,
  path,
  pattern: new RegExp(`^${path.replace(/:\w+/g, "([^/]+)")}$`),
  handle,
});

const routes: AdminRoute[] = [
  route("GET", "/keys", ({ keys, clock }) => listKeys(keys, clock.now())),
  route("POST", "/keys", ({ contract, keys, clock, limits }, _, body) => createKey(contract, keys, body(), clock.now(), limits.maxKeys)),
  route("GET", "/keys/:id", ({ keys, clock }, [id]) => json(200, describeKey(findKey(keys, id as string), clock.now()))),
  route("POST", "/keys/:id/revoke", ({ keys, clock }, [id]) => revokeKey(keys, id as string, clock.now())),
  route("POST", "/keys/:id/rotate", ({ contract, keys, clock, limits }, [id], body) =>
    rotateKey(contract, keys, id as string, body(), clock.now(), limits.maxKeys),
  ),
  route("POST", "/keys/:id/rate-limit", ({ keys, limiter }, [id], body) => overrideLimit(keys, limiter, id as string, body())),
  route("DELETE", "/keys/:id/rate-limit", ({ keys, limiter }, [id]) => {
    const key = findKey(keys, id as string);
    limiter.override(key.id, undefined);
    return json(200, { id: key.id, rateLimit: limiter.policyFor(key) ?? null });
  }),
  route("GET", "/clock", ({ clock }) => json(200, { now: new Date(clock.now()).toISOString() })),
  route("POST", "/clock", ({ clock }, _, body) => moveClock(clock, body())),
  route("POST", "/sessions", ({ contract, keys, clock, limits }, _, body) => createSession(contract, keys, body(), clock.now(), limits.maxKeys)),
  route("POST", "/reset", (context) => {
    context.reset();
    return json(200, { reset: true, contract: context.contract.name });
  }),
];

/** keymock's own API beside a contract, for tests and tools; never part of the contract itself. */
export function handleAdmin(context: AdminContext, request: AdminRequest): EngineResponse {
  const samePath = routes.filter((r) => r.pattern.test(request.path));
  const found = samePath.find((r) => r.method === request.method);
  try {
    if (found) {
      const params = (found.pattern.exec(request.path)?.slice(1) ?? []).map(decodeParam);
      return found.handle(context, params, () => parseBody(request.body));
    }
    if (samePath.length > 0) {
      const allowed = samePath.map((r) => r.method).join(" or ");
      throw new AdminInputError(405, "method_not_allowed", `${request.method} is not supported on ${ADMIN_PREFIX}${request.path}; use ${allowed}.`);
    }
    const known = routes.map((r) => `${r.method} ${ADMIN_PREFIX}${r.path}`).join(", ");
    throw new AdminInputError(404, "not_found", `No admin route ${request.method} ${ADMIN_PREFIX}${request.path}. Admin routes: ${known}.`);
  } catch (error) {
    if (error instanceof AdminInputError) return json(error.status, { error: { code: error.code, message: error.message } });
    throw error;
  }
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AdminInputError(400, "invalid_id", `The key id in the path is not valid percent-encoding; got ${show(raw)}.`);
  }
}

function parseBody(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AdminInputError(400, "malformed_json", `The request body is not valid JSON (${show((error as Error).message)}).`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new AdminInputError(400, "invalid_body", "The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

const MAX_LIMIT = 1_000_000_000;
const MAX_WINDOW_SECONDS = 366 * 86_400;

/** POST /__keymock/keys/:id/rate-limit: { "limit": 5, "windowSeconds": 60 } holds one key to its own limit. */
function overrideLimit(keys: KeyStore, limiter: RateLimiter, id: string, body: Record<string, unknown>): EngineResponse {
  const key = findKey(keys, id);
  onlyFields(body, ["limit", "windowSeconds"]);
  const limit = wholeNumber(body["limit"], "limit", 1, MAX_LIMIT);
  const windowSeconds = wholeNumber(body["windowSeconds"], "windowSeconds", 1, MAX_WINDOW_SECONDS);
  limiter.override(key.id, { limit, windowSeconds });
  return json(200, { id: key.id, rateLimit: { limit, windowSeconds } });
}

/** POST /__keymock/clock: { "advance": "90d" } or { "set": "2027-01-01T00:00:00Z" }; the clock runs on from there. */
function moveClock(clock: Clock, body: Record<string, unknown>): EngineResponse {
  onlyFields(body, ["advance", "set"]);
  if (typeof body["advance"] === "string") {
    const ms = body["advance"].length > 40 ? undefined : parseDuration(body["advance"]);
    if (ms === undefined) throw new AdminInputError(400, "invalid_advance", `"advance" takes a number and a unit (s, m, h, d), like "90d" or "15m"; got ${show(body["advance"])}.`);
    // Checked before the clock moves: a clock past year 9999 cannot be shown, and every later answer would fail.
    instantInRange(clock.now() + ms, "advance");
    clock.advance(ms);
  } else if (body["set"] !== undefined) {
    clock.set(parseInstant(body["set"], "set"));
  } else {
    throw new AdminInputError(400, "invalid_clock", 'Send { "advance": "90d" } (units s, m, h, d) or { "set": "2027-01-01T00:00:00Z" }.');
  }
  return json(200, { now: new Date(clock.now()).toISOString() });
}

/** POST /__keymock/sessions: { "member": "<id>" } → a session JWT that authenticates as that org member. */
function createSession(contract: Contract, keys: KeyStore, body: Record<string, unknown>, now: number, maxKeys: number): EngineResponse {
  onlyFields(body, ["member"]);
  if (!contract.sessions) throw new AdminInputError(404, "no_sessions", `The ${contract.title} contract does not document session tokens.`);
  const member = contract.members.find((m) => m.id === body["member"]);
  if (!member) {
    const ids = contract.members.map((m) => `"${m.id}"`).join(", ");
    throw new AdminInputError(400, "invalid_member", `"member" must be one of ${ids}; got ${show(body["member"] ?? null)}.`);
  }
  ensureRoomForKey(keys, maxKeys);
  const { token, session } = issueSession(contract, keys, member.id, now);
  return json(201, { token, member: member.id, role: member.role, expiresAt: new Date(session.expiresAt as number).toISOString() });
}
