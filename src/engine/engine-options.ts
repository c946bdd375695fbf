import type { EngineOptions } from "./engine.js";

/**
 * Refuses options of the wrong type when the engine is built, with what to pass instead, rather than answering
 * every request with a 500 later.
 * @example checkEngineOptions({ now: () => 0 }) // fine; { now: new Date() } throws
 */
export function checkEngineOptions(options: EngineOptions): void {
  const { now, seed, startAt, adminToken } = options as Record<string, unknown>;
  if (now !== undefined && typeof now !== "function") {
    throw new TypeError(`[keymock] "now" must be a function returning milliseconds, like () => Date.parse("2027-01-01T00:00:00Z"); got ${kind(now)}. To start the clock at a time, pass startAt instead.`);
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new TypeError(`[keymock] "seed" must be a whole number; got ${kind(seed)}.`);
  if (startAt !== undefined && (typeof startAt !== "number" || !Number.isFinite(startAt) || Number.isNaN(new Date(startAt).getTime()))) {
    throw new TypeError(`[keymock] "startAt" must be milliseconds since the epoch, like Date.parse("2027-01-01T00:00:00Z"); got ${kind(startAt)}.`);
  }
  if (adminToken !== undefined && typeof adminToken !== "string") throw new TypeError(`[keymock] "adminToken" must be a string; got ${kind(adminToken)}.`);
}

function kind(value: unknown): string {
  if (value instanceof Date) return "a Date";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === "object" ? (value === null ? "null" : "an object") : `${typeof value} ${String(value)}`;
}
