import { formatPath } from "../src/contract/contract-error.js";
import { isDocumented, type Segment } from "../src/contract/provenance.js";
import type { Contract } from "../src/contract/schema.js";

/** One difference a check found: a failure where the contract documents the fact, a warning where it assumed it. */
export interface Finding {
  level: "fail" | "warn";
  what: string;
  expected: unknown;
  actual: unknown;
  /** the contract fact it is about, as a JSON path */
  fact?: string;
}

/** What one check found; a check reports every difference, not just the first. */
export class Verdict {
  readonly findings: Finding[] = [];
  constructor(private readonly contract: Contract) {}

  /** Compares a contract fact: a documented one must hold, an assumed one only warns. */
  fact(fact: Segment[], what: string, ok: boolean, expected: unknown, actual: unknown): boolean {
    if (!ok) this.findings.push({ level: isDocumented(this.contract, fact) ? "fail" : "warn", what, expected, actual, fact: formatPath(fact) });
    return ok;
  }

  /** A promise the check rests on whatever the provenance (a refused key is not answered 2xx). */
  require(what: string, ok: boolean, expected: unknown, actual: unknown): boolean {
    if (!ok) this.findings.push({ level: "fail", what, expected, actual });
    return ok;
  }

  /** Like `require`, but only warns where every fact it rests on is assumed. */
  requireAll(facts: Segment[][], what: string, ok: boolean, expected: unknown, actual: unknown): boolean {
    const documented = facts.length === 0 || facts.some((fact) => isDocumented(this.contract, fact));
    if (!ok) this.findings.push({ level: documented ? "fail" : "warn", what, expected, actual, fact: facts.map(formatPath).join(", ") || undefined });
    return ok;
  }
}

/** A check that cannot run against this contract or target, with the reason and how to make it run. */
export class CheckSkip extends Error {}
