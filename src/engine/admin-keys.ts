import { grantableScopes, list } from "../contract/references.js";
import type { Contract } from "../contract/schema.js";
import { AdminInputError } from "./admin-error.js";
import { instantInRange, MAX_TIME, onlyFields, shortString, show, wholeNumber } from "./admin-input.js";
import { json, type EngineResponse } from "./envelope.js";
import { issueKey } from "./issue-key.js";
import { describeKey } from "./key-view.js";
import { keyStatus, type KeyStore, type StoredKey } from "./key-store.js";
import { SESSION_KIND } from "./sessions.js";

export { AdminInputError } from "./admin-error.js";

/** The longest grace a rotation may give the old key: ten years. */
const MAX_GRACE_SECONDS = 10 * 366 * 86_400;
const LABEL_LENGTH = 200;

export function listKeys(keys: KeyStore, now: number): EngineResponse {
  return json(200, keys.list().filter((k) => k.kind !== SESSION_KIND).map((key) => describeKey(key, now)));
}

export function findKey(keys: KeyStore, id: string): StoredKey {
  const key = keys.get(id);
  if (!key || key.kind === SESSION_KIND) throw new AdminInputError(404, "key_not_found", `No key with id ${show(id)}. GET /__keymock/keys lists them.`);
  return key;
}

/** Refuses one more issued key (or session) once the contract's cap is reached; reset frees them. */
export function ensureRoomForKey(keys: KeyStore, maxKeys: number): void {
  if (keys.issuedCount() >= maxKeys) {
    throw new AdminInputError(409, "key_limit_reached", `This mock holds at most ${maxKeys} issued keys and sessions (limits.maxKeys in the contract); POST /__keymock/reset to start again.`);
  }
}

const createFields = ["kind", "scopes", "role", "expiresAt", "label", "member", "environment"] as const;

/**
 * POST /__keymock/keys: issues a key of a kind the contract defines; the plaintext is in this response only.
 * Without "scopes" the key is unrestricted, as a key made in a provider's dashboard: the contract's wildcard, or
 * every scope it lists.
 */
export function createKey(contract: Contract, keys: KeyStore, body: Record<string, unknown>, now: number, maxKeys: number): EngineResponse {
  onlyFields(body, createFields);
  const kinds = contract.keyKinds.map((k) => k.id);
  const kind = contract.keyKinds.find((k) => k.id === body["kind"]);
  if (!kind) throw new AdminInputError(400, "invalid_kind", `"kind" must be one of ${list(kinds)}; got ${show(body["kind"] ?? null)}.`);
  const { permissions } = contract;
  const grantable = grantableScopes(contract);
  const scopes = body["scopes"] ?? unrestricted(contract);
  if (!Array.isArray(scopes) || scopes.length > grantable.size || scopes.some((s) => typeof s !== "string" || !grantable.has(s))) {
    throw new AdminInputError(400, "invalid_scopes", `"scopes" must be an array of ${list(grantable)}; got ${show(scopes)}.`);
  }
  const role = body["role"];
  if (role !== undefined && (typeof role !== "string" || !Object.hasOwn(permissions.roles, role))) {
    throw new AdminInputError(400, "invalid_role", `"role" must be one of ${list(Object.keys(permissions.roles))}; got ${show(role)}.`);
  }
  const member = body["member"];
  if (member !== undefined && !contract.members.some((m) => m.id === member)) {
    throw new AdminInputError(400, "invalid_member", `"member" must be one of ${list(contract.members.map((m) => m.id))}; got ${show(member)}.`);
  }
  const label = body["label"] === undefined ? undefined : shortString(body["label"], "label", LABEL_LENGTH);
  const environment = body["environment"] === undefined ? undefined : shortString(body["environment"], "environment", LABEL_LENGTH);
  const expiresAt = body["expiresAt"] === undefined ? undefined : parseInstant(body["expiresAt"], "expiresAt");
  ensureRoomForKey(keys, maxKeys);
  const spec = { kind, scopes: [...new Set(scopes as string[])], role: role as string | undefined, member: member as string | undefined, label, environment, expiresAt };
  const { key, plaintext } = issueKey(contract, keys, spec, now);
  return json(201, { ...describeKey(key, now), plaintext });
}

function unrestricted(contract: Contract): string[] {
  const { wildcard, scopes } = contract.permissions;
  return wildcard !== undefined ? [wildcard] : [...scopes];
}

export function revokeKey(keys: KeyStore, id: string, now: number): EngineResponse {
  const key = findKey(keys, id);
  key.revoked = true;
  return json(200, describeKey(key, now));
}

/**
 * POST /__keymock/keys/:id/rotate: a successor with the same kind, scopes and role; the old key keeps working for
 * graceSeconds, then answers expired_key.
 */
export function rotateKey(contract: Contract, keys: KeyStore, id: string, body: Record<string, unknown>, now: number, maxKeys: number): EngineResponse {
  onlyFields(body, ["graceSeconds"]);
  const old = findKey(keys, id);
  const status = keyStatus(old, now);
  if (status !== "active") throw new AdminInputError(409, "key_not_active", `Key "${id}" is ${status}; only an active key can be rotated.`);
  const grace = wholeNumber(body["graceSeconds"] ?? 0, "graceSeconds", 0, MAX_GRACE_SECONDS);
  const graceEnds = instantInRange(now + grace * 1000, "graceSeconds");
  ensureRoomForKey(keys, maxKeys);
  const { key, plaintext } = issueKey(
    contract,
    keys,
    { kind: old.kind, scopes: old.scopes, role: old.role, member: old.member, label: old.label, environment: old.environment, expiresAt: old.expiresAt },
    now,
  );
  old.expiresAt = old.expiresAt === undefined ? graceEnds : Math.min(old.expiresAt, graceEnds);
  return json(201, { ...describeKey(key, now), plaintext, replaces: old.id, replacedKeyExpiresAt: new Date(old.expiresAt).toISOString() });
}

export function parseInstant(value: unknown, field: string): number {
  const time = typeof value === "string" && value.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time) || time < 0 || time > MAX_TIME) {
    throw new AdminInputError(400, `invalid_${field}`, `"${field}" must be an ISO 8601 date-time from 1970 to 9999 such as "2027-01-01T00:00:00Z"; got ${show(value)}.`);
  }
  return time;
}
