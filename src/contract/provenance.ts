// Which facts of a contract its source document states ("documented", with a quote) and which the fixture chose
// ("assumed", with why). The conformance suite holds a deployment to documented facts exactly and only warns on
// assumed ones; `validate` requires a fixture that keeps provenance to give it for every fact.
import type { Problem } from "./contract-error.js";
import { formatPath } from "./contract-error.js";
import type { Contract } from "./schema.js";

export type Segment = string | number;

/** The facts a contract states, as JSON paths: what a deployment can be held to. */
export function contractFacts(contract: Contract): Segment[][] {
  const facts: Segment[][] = [["baseUrl"]];
  if (contract.httpsOnly) facts.push(["httpsOnly"]);
  if (contract.separateEnvironments) facts.push(["separateEnvironments"]);
  contract.credentials.forEach((_, i) => facts.push(["credentials", i]));
  contract.keyKinds.forEach((kind, i) => {
    facts.push(["keyKinds", i, "prefix"], ["keyKinds", i, "pattern"]);
    if (kind.publicRoutesOnly) facts.push(["keyKinds", i, "publicRoutesOnly"]);
  });
  const { permissions } = contract;
  if (permissions.wildcard !== undefined) facts.push(["permissions", "wildcard"]);
  // A role grants or withholds each scope: both are facts ("Transactions may not change the account").
  const vocabulary = [...permissions.scopes, ...(permissions.wildcard !== undefined ? [permissions.wildcard] : [])];
  for (const role of Object.keys(permissions.roles)) for (const scope of vocabulary) facts.push(["permissions", "roles", role, scope]);
  for (const method of Object.keys(permissions.byMethod)) facts.push(["permissions", "byMethod", method]);
  facts.push(["errors", "envelope"], ["errors", "contentType"]);
  for (const [reason, errorCase] of Object.entries(contract.errors.cases)) {
    if (!errorCase) continue;
    facts.push(["errors", "cases", reason, "status"], ["errors", "cases", reason, "code"], ["errors", "cases", reason, "message"]);
    for (const rule of Object.keys(errorCase.messages ?? {})) facts.push(["errors", "cases", reason, "messages", rule]);
  }
  const limits = contract.rateLimits;
  if (limits) {
    facts.push(["rateLimits", "window"], ["rateLimits", "resetFormat"], ["rateLimits", "retryAfter"]);
    for (const name of ["limit", "remaining", "reset"] as const) if (limits.headers[name]) facts.push(["rateLimits", "headers", name]);
    for (const env of Object.keys(limits.policies)) facts.push(["rateLimits", "policies", env, "limit"], ["rateLimits", "policies", env, "windowSeconds"]);
  }
  if (contract.sessions) facts.push(["sessions"]);
  contract.members.forEach((_, i) => facts.push(["members", i]));
  for (const [name, model] of Object.entries(contract.models)) model.records.forEach((_, i) => facts.push(["models", name, "records", i]));
  contract.routes.forEach((route, i) => {
    facts.push(["routes", i]);
    for (const field of ["status", "permission", "public"] as const) {
      if (route[field] !== undefined && route[field] !== false) facts.push(["routes", i, field]);
    }
    // Each rule of each body field on its own: a document often states that a field is required, not its bounds.
    for (const [field, rules] of Object.entries(route.body ?? {})) for (const rule of Object.keys(rules)) facts.push(["routes", i, "body", field, rule]);
    for (const field of Object.keys(route.responseFields ?? {})) facts.push(["routes", i, "responseFields", field]);
    const { action } = route;
    if (action.type === "issue_key") {
      facts.push(["routes", i, "action", "kind"], ["routes", i, "action", "response"]);
      if (action.wildcardRequiresRole !== undefined) facts.push(["routes", i, "action", "wildcardRequiresRole"]);
      if (action.defaultLifetimeSeconds !== undefined) facts.push(["routes", i, "action", "defaultLifetimeSeconds"]);
    }
  });
  return facts;
}

type Entry = { segments: Segment[]; documented: boolean; wildcards: number };

const parsed = new WeakMap<Contract, Entry[]>();

function entriesOf(contract: Contract): Entry[] {
  let entries = parsed.get(contract);
  if (!entries) {
    entries = Object.entries(contract.provenance ?? {}).flatMap(([path, value]) => {
      const segments = parsePath(path);
      return segments ? [{ segments, documented: "documented" in value, wildcards: segments.filter((s) => s === "*").length }] : [];
    });
    parsed.set(contract, entries);
  }
  return entries;
}

/** The entry that decides a fact: the longest path that covers it; at equal length, the one with fewer `*`. */
function decidingEntry(entries: Entry[], fact: Segment[]): Entry | undefined {
  let best: Entry | undefined;
  for (const entry of entries) {
    if (!covers(entry.segments, fact)) continue;
    if (!best || entry.segments.length > best.segments.length || (entry.segments.length === best.segments.length && entry.wildcards < best.wildcards)) best = entry;
  }
  return best;
}

function covers(entry: Segment[], fact: Segment[]): boolean {
  if (entry.length > fact.length) return false;
  return entry.every((segment, i) => segment === "*" || String(segment) === String(fact[i]));
}

/**
 * Whether the source document states a fact. A contract without provenance is its authors' own API: all documented.
 * @example isDocumented(contract, ["errors", "cases", "missing_credentials", "status"])
 */
export function isDocumented(contract: Contract, fact: Segment[]): boolean {
  if (contract.provenance === undefined) return true;
  return decidingEntry(entriesOf(contract), fact)?.documented ?? true;
}

/** A fixture that keeps provenance must give it for every fact, and each entry must name a fact. */
export function checkProvenance(contract: Contract): Problem[] {
  if (contract.provenance === undefined) return [];
  const problems: Problem[] = [];
  const facts = contractFacts(contract);
  const entries = entriesOf(contract);
  for (const path of Object.keys(contract.provenance)) {
    const segments = parsePath(path);
    if (!segments) problems.push({ path: ["provenance", path], message: 'expected a JSON path such as "$.errors.cases.missing_credentials.status" ("*" matches one step)' });
    else if (!facts.some((fact) => covers(segments, fact))) problems.push({ path: ["provenance", path], message: "names no fact of this contract" });
  }
  for (const fact of facts) {
    if (!decidingEntry(entries, fact)) {
      problems.push({ path: ["provenance"], message: `no provenance for ${formatPath(fact)}: add "documented" (with a short quote of the source) or "assumed" (with why)` });
    }
  }
  return problems;
}

/** Parses `$.a.b[0]["c d"].*`; undefined when it is not of that form. */
export function parsePath(path: string): Segment[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const segments: Segment[] = [];
  const step = /\.([A-Za-z_$*][\w$]*)|\[(\d+|\*)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 1;
  while (at < path.length) {
    step.lastIndex = at;
    const match = step.exec(path);
    if (!match) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(match[2] === "*" ? "*" : Number(match[2]));
    else segments.push(JSON.parse(match[3] as string) as string);
    at = step.lastIndex;
  }
  return segments;
}
