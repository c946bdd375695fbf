import { grantableScopes, list } from "../contract/references.js";
import type { Contract } from "../contract/schema.js";
import { json, type EngineResponse } from "./envelope.js";
import { issueKey } from "./issue-key.js";
import { describeKey } from "./key-view.js";
import { keyStatus, type KeyStore, type StoredKey } from "./key-store.js";
import { SESSION_KIND } from "./sessions.js";

export class AdminInputError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}


export function listKeys(keys: KeyStore, now: number): EngineResponse {
  return json(200, keys.list().filter((k) => k.kind !== SESSION_KIND).map((key) => describeKey(key, now)));
}

export function findKey(keys: KeyStore, id: string): StoredKey {
  const key = keys.get(id);
  if (!key || key.kind === SESSION_KIND) throw new AdminInputError(404, "key_not_found", `No key with id "${id}". GET /__keymock/keys lists them.`);
  return key;
}

/** POST /__keymock/keys: issues a key of a kind the contract defines; the plaintext is in this response only. */
export function createKey(contract: Contract, keys: KeyStore, body: Record<string, unknown>, now: number): EngineResponse {
  const kinds = contract.keyKinds.map((k) => k.id);
  const kind = contract.keyKinds.find((k) => k.id === body["kind"]);
  if (!kind) throw new AdminInputError(400, "invalid_kind", `"kind" must be one of ${list(kinds)}; got ${JSON.stringify(body["kind"] ?? null)}.`);
  const { permissions } = contract;
  const grantable = grantableScopes(contract);
  const scopes = body["scopes"] ?? [];
  if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== "string" || !grantable.has(s))) {
    throw new AdminInputError(400, "invalid_scopes", `"scopes" must be an array of ${list(grantable)}; got ${JSON.stringify(scopes)}.`);
  }
  const role = body["role"];
  if (role !== undefined && (typeof role !== "string" || !(role in permissions.roles))) {
    throw new AdminInputError(400, "invalid_role", `"role" must be one of ${list(Object.keys(permissions.roles))}; got ${JSON.stringify(role)}.`);
  }
  const member = body["member"];
  if (member !== undefined && !contract.members.some((m) => m.id === member)) {
    throw new AdminInputError(400, "invalid_member", `"member" must be one of ${list(contract.members.map((m) => m.id))}; got ${JSON.stringify(member)}.`);
  }
  const expiresAt = body["expiresAt"] === undefined ? undefined : parseInstant(body["expiresAt"], "expiresAt");
  const { key, plaintext } = issueKey(
    contract,
    keys,
    {
      kind,
      scopes: scopes as string[],
      role: role as string | undefined,
      member: member as string | undefined,
      label: typeof body["label"] === "string" ? body["label"] : undefined,
      environment: typeof body["environment"] === "string" ? body["environment"] : undefined,
      expiresAt,
    },
    now,
  );
  return json(201, { ...describeKey(key, now), plaintext });
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
export function rotateKey(contract: Contract, keys: KeyStore, id: string, body: Record<string, unknown>, now: number): EngineResponse {
  const old = findKey(keys, id);
  const status = keyStatus(old, now);
  if (status !== "active") throw new AdminInputError(409, "key_not_active", `Key "${id}" is ${status}; only an active key can be rotated.`);
  const grace = body["graceSeconds"] ?? 0;
  if (typeof grace !== "number" || !Number.isFinite(grace) || grace < 0) {
    throw new AdminInputError(400, "invalid_grace", `"graceSeconds" must be a number of seconds, 0 or more; got ${JSON.stringify(grace)}.`);
  }
  const { key, plaintext } = issueKey(
    contract,
    keys,
    { kind: old.kind, scopes: old.scopes, role: old.role, member: old.member, label: old.label, environment: old.environment, expiresAt: old.expiresAt },
    now,
  );
  const graceEnds = now + grace * 1000;
  old.expiresAt = old.expiresAt === undefined ? graceEnds : Math.min(old.expiresAt, graceEnds);
  return json(201, { ...describeKey(key, now), plaintext, replaces: old.id, replacedKeyExpiresAt: new Date(old.expiresAt).toISOString() });
}

export function parseInstant(value: unknown, field: string): number {
  const time = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new AdminInputError(400, `invalid_${field}`, `"${field}" must be an ISO 8601 date-time such as "2027-01-01T00:00:00Z"; got ${JSON.stringify(value)}.`);
  return time;
}
