import type { Contract, SeededKey } from "../contract/schema.js";
import type { KeyStore, StoredKey } from "./key-store.js";
import { grantsFor } from "./permissions.js";

/** Turns a fixture's seeded key into its stored form; the plaintext is kept only because the fixture publishes it. */
export function storeSeededKey(contract: Contract, keys: KeyStore, seeded: SeededKey, createdAt: number): StoredKey {
  const kind = contract.keyKinds.find((k) => k.id === seeded.kind);
  if (!kind) throw new Error(`[keymock] Key "${seeded.id}" names unknown kind "${seeded.kind}"`);
  const scopes = seeded.scopes ?? [];
  return {
    id: seeded.id,
    kind,
    environment: seeded.environment ?? kind.environment,
    scopes,
    role: seeded.role,
    member: seeded.member,
    grants: grantsFor(contract, scopes, seeded.role),
    label: seeded.label,
    revoked: seeded.status === "revoked",
    expiresAt: seeded.expiresAt === undefined ? undefined : Date.parse(seeded.expiresAt),
    createdAt,
    hash: keys.hashOf(seeded.plaintext),
    prefix: kind.prefix,
    last4: seeded.plaintext.slice(-4),
    seededPlaintext: seeded.plaintext,
  };
}
