import type { Contract, KeyKind } from "../contract/schema.js";
import type { KeyStore, StoredKey } from "./key-store.js";
import { grantsFor } from "./permissions.js";

export interface KeyFacts {
  id: string;
  kind: KeyKind;
  /** the key's own; the kind's where absent */
  environment?: string | undefined;
  scopes: string[];
  role?: string | undefined;
  member?: string | undefined;
  label?: string | undefined;
  revoked?: boolean;
  expiresAt?: number | undefined;
  createdAt: number;
  plaintext: string;
  /** a fixture's key: its plaintext is public there, so it is kept; any other key keeps only its hash */
  seeded: boolean;
}

/**
 * The one place a key (seeded, issued or a session) becomes its stored form: SHA-256 hash, prefix and last 4, and its
 * grants worked out once.
 * @example keys.add(storedKey(contract, keys, { id: "key_1", kind, scopes: ["*"], createdAt: now, plaintext, seeded: false }))
 */
export function storedKey(contract: Contract, keys: KeyStore, facts: KeyFacts): StoredKey {
  return {
    id: facts.id,
    kind: facts.kind,
    environment: facts.environment ?? facts.kind.environment,
    scopes: facts.scopes,
    role: facts.role,
    member: facts.member,
    grants: grantsFor(contract, facts.scopes, facts.role),
    label: facts.label,
    revoked: facts.revoked ?? false,
    expiresAt: facts.expiresAt,
    createdAt: facts.createdAt,
    hash: keys.hashOf(facts.plaintext),
    prefix: facts.kind.prefix,
    last4: facts.plaintext.slice(-4),
    seededPlaintext: facts.seeded ? facts.plaintext : undefined,
  };
}
