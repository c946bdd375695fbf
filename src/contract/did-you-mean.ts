/** The candidate closest to a mistyped name, if it is close enough to be what was meant. */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 4)) && bestDistance > 0 ? best : undefined;
}

/** ` (did you mean "x"?)`, or nothing. */
export function didYouMean(input: unknown, candidates: Iterable<string>): string {
  if (typeof input !== "string") return "";
  const match = closest(input, candidates);
  return match === undefined ? "" : ` (did you mean "${match}"?)`;
}

// Inputs are short names (fields, scopes, generators), and a row of the table is kept, not the whole table.
function editDistance(a: string, b: string): number {
  if (a.length > 200 || b.length > 200) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length] as number;
}
