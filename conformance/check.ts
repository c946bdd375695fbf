import type { Test } from "supertest";
import type { Contract } from "../src/index.js";
import type { KeyRole, RoleSpec } from "./key-roles.js";

/** What a check sees: the contract, a way to send requests to the target, and the keys it was given. */
export interface CheckContext {
  contract: Contract;
  request: (method: string, path: string) => Test;
  keys: Partial<Record<KeyRole, string>>;
  roles: Partial<Record<KeyRole, RoleSpec>>;
  /** "mock": a keymock the suite started or found; "url": any deployment */
  target: "mock" | "url";
  /** the target's base URL, when it has one */
  baseUrl: string | undefined;
}

export interface Check {
  id: string;
  title: string;
  needs: KeyRole[];
  /** uses up quota or creates resources on the target */
  destructive?: boolean;
  run(context: CheckContext): Promise<void>;
}

/** A broken promise: what the contract says and what the target did. */
export class CheckFailure extends Error {
  constructor(
    message: string,
    readonly expected: unknown,
    readonly actual: unknown,
  ) {
    super(message);
  }
}

/** A check that cannot run against this contract or target, with the reason. */
export class CheckSkip extends Error {}

export function expectEqual(what: string, expected: unknown, actual: unknown): void {
  if (JSON.stringify(canonical(expected)) !== JSON.stringify(canonical(actual))) throw new CheckFailure(what, expected, actual);
}

export function expectThat(what: string, ok: boolean, expected: unknown, actual: unknown): void {
  if (!ok) throw new CheckFailure(what, expected, actual);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** Sets the key where the contract says it travels (its first credential location). */
export function withKey(contract: Contract, test: Test, key: string): Test {
  const [location] = contract.credentials;
  if (!location) return test;
  return test.set(location.header, location.scheme ? `${location.scheme} ${key}` : key);
}

export function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
