/** One thing wrong with a contract: where (a JSON path) and what was expected. */
export interface Problem {
  path: (string | number)[];
  message: string;
}

/** A contract that failed validation: names the source, each JSON path and what was expected. */
export class ContractError extends Error {
  override readonly name = "ContractError";
  constructor(
    readonly source: string,
    readonly problems: Problem[],
  ) {
    const first = problems[0];
    const where = first ? `${formatPath(first.path)}: ${first.message}` : "invalid contract";
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
    super(`[keymock] Failed to load contract "${source}": ${where}${more}. Run "mock-server validate ${source}" for every problem at once.`);
  }

  /** One line per problem, as `file: $.path: message`. */
  lines(): string[] {
    return this.problems.map((p) => `${this.source}: ${formatPath(p.path)}: ${p.message}`);
  }
}

export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (out, key) =>
      typeof key === "number" ? `${out}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${out}.${key}` : `${out}[${JSON.stringify(key)}]`,
    "$",
  );
}
