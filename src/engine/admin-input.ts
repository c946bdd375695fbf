import { AdminInputError } from "./admin-error.js";

/** The latest instant the mock's clock, an expiry or a grace period may reach: Date's ISO form ends at year 9999. */
export const MAX_TIME = Date.parse("9999-12-31T23:59:59.999Z");

/** Refuses a field the route does not know, so a typo ("scope" for "scopes") is not silently ignored. */
export function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(body).find((field) => !allowed.includes(field));
  if (unknown !== undefined) {
    const shown = unknown.length > 60 ? `${unknown.slice(0, 60)}…` : unknown;
    throw new AdminInputError(400, "unknown_field", `Unknown field "${shown}"; this route takes ${allowed.map((f) => `"${f}"`).join(", ") || "no fields"}.`);
  }
}

/** A whole number in [min, max], or a 400 naming the field and its bounds. */
export function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new AdminInputError(400, `invalid_${field}`, `"${field}" must be a whole number from ${min} to ${max}; got ${show(value)}.`);
  }
  return value;
}

/** A string of at most `max` characters, or a 400 naming the field. */
export function shortString(value: unknown, field: string, max: number): string {
  if (typeof value !== "string" || value.length > max) {
    throw new AdminInputError(400, `invalid_${field}`, `"${field}" must be a string of at most ${max} characters; got ${show(value)}.`);
  }
  return value;
}

/** An instant the mock can show as ISO 8601, or a 400 naming the field. */
export function instantInRange(time: number, field: string): number {
  if (!Number.isFinite(time) || time < 0 || time > MAX_TIME) {
    throw new AdminInputError(400, `invalid_${field}`, `"${field}" would move past what the mock can represent (1970-01-01 to 9999-12-31).`);
  }
  return time;
}

/** The input as it may be echoed: JSON, cut to 100 characters. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
