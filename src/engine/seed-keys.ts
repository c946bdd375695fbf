import type { Contract, SeededKey } from "../contract/schema.js";
import type { KeyStore, StoredKey } from "./key-store.js";
import { storedKey } from "./stored-key.js";

/** Turns a fixture's seeded key into its stored form; the plaintext is kept only because the fixture publishes it. */
export function storeSeededKey(contract: Contract, keys: KeyStore, seeded: SeededKey, createdAt: number): StoredKey {
  const kind = contract.keyKinds.find((k) => k.id === seeded.kind);
  if (!kind) throw new Error(`[keymock] Key "${seeded.id}" names unknown kind "${seeded.kind}"`);
  return storedKey(contract, keys, {
    id: seeded.id,
    kind,
    environment: seeded.environment,
    scopes: seeded.scopes ?? [],
    role: seeded.role,
    member: seeded.member,
    label: seeded.label,
    revoked: seeded.status === "revoked",
    expiresAt: seeded.expiresAt === undefined ? undefined : Date.parse(seeded.expiresAt),
    createdAt,
    plaintext: seeded.plaintext,
    seeded: true,
  });
}
