import type { Limits } from "../contract/limits.js";
import type { FieldProblem } from "./body.js";

export interface Page {
  limit: number;
  offset: number;
}

/**
 * The page a list request asks for: `?limit=` (default pageSize, at most maxPageSize) and `?offset=`.
 * @example readPage("limit=10&offset=20", limits) // { page: { limit: 10, offset: 20 } }
 */
export function readPage(query: string | undefined, limits: Limits): { page: Page } | { problem: FieldProblem } {
  const params = new URLSearchParams(query ?? "");
  const limit = whole(params.get(limits.limitParam), limits.pageSize, 1);
  if (limit === undefined) return { problem: { field: limits.limitParam, rule: "type", expected: "integer" } };
  const offset = whole(params.get(limits.offsetParam), 0, 0);
  if (offset === undefined) return { problem: { field: limits.offsetParam, rule: "type", expected: "integer" } };
  return { page: { limit: Math.min(limit, limits.maxPageSize), offset } };
}

function whole(text: string | null, fallback: number, min: number): number | undefined {
  if (text === null || text === "") return fallback;
  if (!/^\d{1,9}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min ? value : undefined;
}
