import type { KeyKind } from "../contract/schema.js";
import { constantTimeEqual, sha256Hex } from "./hash.js";

export interface StoredKey {
  id: string;
  kind: KeyKind;
  environment: string | undefined;
  scopes: string[];
  role: string | undefined;
  /** scopes plus what the role grants, worked out once when the key is stored */
  grants: ReadonlySet<string>;
  member: string | undefined;
  label: string | undefined;
  revoked: boolean;
  expiresAt: number | undefined;
  createdAt: number;
  /** SHA-256 of the plaintext: the only form an issued key is kept in. */
  hash: string;
  prefix: string;
  last4: string;
  /** Seeded keys only: their plaintext is public in the fixture already. */
  seededPlaintext: string | undefined;
}

export type KeyStatus = "active" | "revoked" | "expired";

export function keyStatus(key: StoredKey, now: number): KeyStatus {
  if (key.revoked) return "revoked";
  if (key.expiresAt !== undefined && key.expiresAt <= now) return "expired";
  return "active";
}

/** Issued keys by hash (one Map lookup a request, whatever the number of keys) and by id. */
export class KeyStore {
  private readonly byHash = new Map<string, StoredKey>();
  private readonly byId = new Map<string, StoredKey>();
  private issued = 0;

  /** The only form a key is kept in: SHA-256 hex. */
  hashOf(plaintext: string): string {
    return sha256Hex(plaintext);
  }

  add(key: StoredKey): void {
    if (key.seededPlaintext === undefined && !this.byId.has(key.id)) this.issued++;
    this.byHash.set(key.hash, key);
    this.byId.set(key.id, key);
  }

  /** Keys and sessions issued since the seed, which the contract's maxKeys bounds. */
  issuedCount(): number {
    return this.issued;
  }

  findByHash(hash: string): StoredKey | undefined {
    const key = this.byHash.get(hash);
    // The Map lookup already matched; the second comparison keeps the final check constant-time.
    return key && constantTimeEqual(key.hash, hash) ? key : undefined;
  }

  get(id: string): StoredKey | undefined {
    return this.byId.get(id);
  }

  list(): StoredKey[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byHash.clear();
    this.byId.clear();
    this.issued = 0;
  }
}
