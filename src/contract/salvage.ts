// Validation in one pass: where the schema refuses parts of a fixture, the cross-reference checks still run on the
// rest, so one run of `validate` names every problem. The refused parts are cut out (their problems are already
// reported) and what is left is parsed again; the paths of later problems are mapped back to the file's own.
import type { z } from "zod";
import { contractSchema, type Contract } from "./schema.js";

type Path = (string | number)[];
const GONE = Symbol("removed");

export interface Salvaged {
  contract: Contract;
  /** a path in the salvaged contract as it is in the file */
  original(path: Path): Path;
}

/** The contract without the parts the schema refused, or undefined when too little is left to parse. */
export function salvage(data: unknown): Salvaged | undefined {
  let current: unknown = structuredClone(data);
  const rounds: Map<string, number[]>[] = [];
  const tried = new Set<string>();
  for (let round = 0; round < 8; round++) {
    const parsed = contractSchema.safeParse(current);
    if (parsed.success) return { contract: parsed.data, original: (path) => rounds.reduceRight((p, shifts) => unshift(p, shifts), path) };
    for (const issue of parsed.error.issues) cut(current, issue, tried);
    const shifts = new Map<string, number[]>();
    current = sweep(current, [], shifts);
    if (current === GONE || current === undefined) return undefined;
    rounds.push(shifts);
  }
  return undefined;
}

/** Marks what an issue refused as gone: unknown keys themselves, else the value, else (tried before) its container. */
function cut(data: unknown, issue: z.core.$ZodIssue, tried: Set<string>): void {
  let path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    for (const key of issue.keys) setAt(data, [...path, key], GONE);
    return;
  }
  // A stand-in keeps the structure, so nothing that refers to this part turns into a problem of its own.
  const standIn = standInFor(issue);
  if (standIn !== undefined && !tried.has(JSON.stringify(path))) {
    tried.add(JSON.stringify(path));
    return setAt(data, path, standIn);
  }
  while (path.length > 0 && tried.has(JSON.stringify(path))) path = path.slice(0, -1);
  tried.add(JSON.stringify(path));
  if (path.length > 0) setAt(data, path, GONE);
}

function standInFor(issue: z.core.$ZodIssue): unknown {
  if (issue.code === "invalid_value") return issue.values[0];
  if (issue.code === "invalid_format" && issue.format === "url") return "https://keymock.invalid";
  if (issue.code === "invalid_format" && issue.format === "datetime") return "2000-01-01T00:00:00Z";
  return undefined;
}

function setAt(data: unknown, path: Path, value: unknown): void {
  let node = data as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) {
    if (node === null || typeof node !== "object") return;
    node = node[step] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (node !== null && typeof node === "object" && last in node) node[last] = value;
  else if (node !== null && typeof node === "object") delete node[last];
}

/** Removes what is marked gone, noting which indices each array lost. */
function sweep(node: unknown, path: Path, shifts: Map<string, number[]>): unknown {
  if (node === GONE) return GONE;
  if (Array.isArray(node)) {
    const removed: number[] = [];
    const kept: unknown[] = [];
    node.forEach((item, i) => {
      const swept = sweep(item, [...path, i], shifts);
      if (swept === GONE) removed.push(i);
      else kept.push(swept);
    });
    if (removed.length > 0) shifts.set(JSON.stringify(path), removed);
    return kept;
  }
  if (node !== null && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const swept = sweep(value, [...path, key], shifts);
      if (swept !== GONE) out[key] = swept;
    }
    return out;
  }
  return node;
}

/** A path after one round of removals, as it was before them. */
function unshift(path: Path, shifts: Map<string, number[]>): Path {
  const out: Path = [];
  for (const step of path) {
    const removed = typeof step === "number" ? shifts.get(JSON.stringify(out)) : undefined;
    if (removed && typeof step === "number") {
      let index = step;
      for (const gone of removed) if (gone <= index) index++;
      out.push(index);
    } else out.push(step);
  }
  return out;
}
