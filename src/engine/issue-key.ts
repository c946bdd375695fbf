import type { Contract, KeyKind } from "../contract/schema.js";
import type { KeyStore, StoredKey } from "./key-store.js";
import { grantsFor } from "./permissions.js";
import { randomAlphanumeric, randomHex } from "./random.js";

export interface IssueSpec {
  kind: KeyKind;
  scopes: string[];
  role?: string | undefined;
  member?: string | undefined;
  label?: string | undefined;
  environment?: string | undefined;
  expiresAt?: number | undefined;
}

/**
 * Issues a new key: the plaintext is returned here once and never stored; the store keeps its hash, prefix and last 4.
 * @example const { plaintext } = issueKey(contract, keys, { kind, scopes: ["read"] }, clock.now())
 */
export function issueKey(contract: Contract, keys: KeyStore, spec: IssueSpec, now: number): { key: StoredKey; plaintext: string } {
  const plaintext = `${spec.kind.prefix}${randomAlphanumeric(spec.kind.issuedLength)}`;
  const key: StoredKey = {
    id: `key_${randomHex(8)}`,
    kind: spec.kind,
    environment: spec.environment ?? spec.kind.environment,
    scopes: spec.scopes,
    role: spec.role,
    member: spec.member,
    grants: grantsFor(contract, spec.scopes, spec.role),
    label: spec.label,
    revoked: false,
    expiresAt: spec.expiresAt,
    createdAt: now,
    hash: keys.hashOf(plaintext),
    prefix: spec.kind.prefix,
    last4: plaintext.slice(-4),
    seededPlaintext: undefined,
  };
  keys.add(key);
  return { key, plaintext };
}
