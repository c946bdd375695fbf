import type { Contract } from "../contract/schema.js";

export type Presented =
  | { status: "missing" }
  | { status: "malformed"; value: string }
  | { status: "present"; key: string };

type Headers = Record<string, string | undefined>;

/**
 * Finds the credential in the first location the contract names that carries one.
 * A header present in the wrong shape (e.g. `Authorization: Basic …` where Bearer is documented) is malformed.
 * @example readCredential(contract.credentials, { authorization: "Bearer sk_test_123" })
 */
export function readCredential(locations: Contract["credentials"], headers: Headers): Presented {
  let malformed: Presented | undefined;
  for (const location of locations) {
    const value = headers[location.header.toLowerCase()]?.trim();
    if (!value) continue;
    if (location.scheme === undefined) return { status: "present", key: value };
    const space = value.indexOf(" ");
    const scheme = space === -1 ? value : value.slice(0, space);
    const key = space === -1 ? "" : value.slice(space + 1).trim();
    if (scheme.toLowerCase() === location.scheme.toLowerCase() && key !== "") return { status: "present", key };
    malformed ??= { status: "malformed", value };
  }
  return malformed ?? { status: "missing" };
}

/** What may be shown of a key: its documented prefix and last four characters, never more. */
export function redactKey(key: string, prefix = ""): string {
  const rest = key.slice(prefix.length);
  return keyHint(prefix, rest.length > 8 ? rest.slice(-4) : "");
}

export function keyHint(prefix: string, last4: string): string {
  return `${prefix}…${last4}`;
}
