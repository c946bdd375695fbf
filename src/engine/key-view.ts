import { keyStatus, type StoredKey } from "./key-store.js";

/** How the admin API shows a key: never a secret, except a seeded key's plaintext, which the fixture publishes. */
export function describeKey(key: StoredKey, now: number): Record<string, unknown> {
  return {
    id: key.id,
    kind: key.kind.id,
    type: key.kind.kind,
    environment: key.environment ?? null,
    prefix: key.prefix,
    last4: key.last4,
    scopes: key.scopes,
    role: key.role ?? null,
    member: key.member ?? null,
    label: key.label ?? null,
    status: keyStatus(key, now),
    createdAt: new Date(key.createdAt).toISOString(),
    expiresAt: key.expiresAt === undefined ? null : new Date(key.expiresAt).toISOString(),
    ...(key.seededPlaintext !== undefined ? { plaintext: key.seededPlaintext } : {}),
  };
}
