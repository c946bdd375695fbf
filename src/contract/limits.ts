// The bounds that keep one client from stalling or exhausting the mock. A contract may set its own under "limits";
// these are the values where it is silent, so existing fixtures need no edit.
import type { Contract, ErrorCase } from "./schema.js";

export interface Limits {
  /** characters in a string body field without its own maxLength (and in an object field's JSON) */
  maxStringLength: number;
  /** items in an array body field without its own maxItems */
  maxItems: number;
  /** records one model may hold; a create beyond answers the `full` case */
  maxRecords: number;
  /** keys and sessions issued beyond the seeded ones */
  maxKeys: number;
  /** records a list route returns when the request names no page size */
  pageSize: number;
  /** the largest page a request may ask for */
  maxPageSize: number;
  /** the query parameter that asks for a page size */
  limitParam: string;
  /** the query parameter that skips records, for the next page */
  offsetParam: string;
  /** the refusal when a store is full; absent: the contract's validation_failed status and code */
  full: ErrorCase | undefined;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxStringLength: 4096,
  maxItems: 1000,
  maxRecords: 1000,
  maxKeys: 1000,
  pageSize: 100,
  maxPageSize: 1000,
  limitParam: "limit",
  offsetParam: "offset",
  full: undefined,
});

/** A key longer than this is malformed whatever its format: no key pattern ever runs over an unbounded string. */
export const MAX_KEY_LENGTH = 1024;

/** An email address is at most 254 characters (RFC 5321's path limit less its brackets). */
export const MAX_EMAIL_LENGTH = 254;

export function limitsOf(contract: Contract): Limits {
  const set = Object.entries(contract.limits ?? {}).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_LIMITS, ...Object.fromEntries(set) };
}
