import type { Contract, KeyKind } from "../contract/schema.js";
import type { KeyStore, StoredKey } from "./key-store.js";
import { base64url, randomAlphanumeric, randomHex } from "./random.js";
import { storedKey } from "./stored-key.js";

/** Sessions live in the key store beside keys, under this kind, so one lookup and one set of guards serve both. */
export const SESSION_KIND: KeyKind = {
  id: "session",
  prefix: "",
  pattern: "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+",
  kind: "secret",
  publicRoutesOnly: false,
  issuedLength: 43,
};

const jwtShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function looksLikeSession(contract: Contract, token: string): boolean {
  return contract.sessions !== undefined && jwtShape.test(token);
}

/**
 * A session JWT for an org member: JWT-shaped (header.payload.signature) so clients parse it as they would the real one;
 * the mock recognises it by hash, like a key, and it acts with the member's role.
 */
export function issueSession(contract: Contract, keys: KeyStore, memberId: string, now: number): { token: string; session: StoredKey } {
  const member = contract.members.find((m) => m.id === memberId);
  if (!member || !contract.sessions) throw new Error(`[keymock] No member "${memberId}" can hold a session`);
  const expiresAt = now + contract.sessions.ttlSeconds * 1000;
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(JSON.stringify({ sub: member.id, role: member.role, iat: Math.floor(now / 1000), exp: Math.floor(expiresAt / 1000) }));
  const token = `${header}.${payload}.${randomAlphanumeric(SESSION_KIND.issuedLength)}`;
  const session = storedKey(contract, keys, {
    id: `sess_${randomHex(8)}`,
    kind: SESSION_KIND,
    scopes: [],
    role: member.role,
    member: member.id,
    label: `session of ${member.id}`,
    expiresAt,
    createdAt: now,
    plaintext: token,
    seeded: false,
  });
  keys.add(session);
  return { token, session };
}
