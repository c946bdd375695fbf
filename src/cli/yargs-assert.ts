// Stands in for node:assert in the CLI bundle, for yargs only (scripts/bundle-cli.js aliases it). yargs checks two of
// its own invariants with strictEqual and notStrictEqual, and loading node:assert (with its AssertionError and colour
// support) was time on every start (bench/RESULTS.md). The same two checks, throwing as assert does.
export function strictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (actual !== expected) throw new Error(message ?? `Expected ${String(actual)} to be strictly equal to ${String(expected)}`);
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (actual === expected) throw new Error(message ?? `Expected ${String(actual)} not to be strictly equal to ${String(expected)}`);
}
