import type { Contract, KeyKind } from "../contract/schema.js";
import type { KeyStore, StoredKey } from "./key-store.js";
import { randomAlphanumeric, randomHex } from "./random.js";
import { storedKey } from "./stored-key.js";

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
  const key = storedKey(contract, keys, { ...spec, id: `key_${randomHex(8)}`, createdAt: now, plaintext, seeded: false });
  keys.add(key);
  return { key, plaintext };
}
