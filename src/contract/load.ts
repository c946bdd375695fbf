import { contractSchema, type Contract } from "./schema.js";
import { checkReferences, type Problem } from "./references.js";

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

/** Validates parsed JSON as a contract; every problem at once, or the contract. */
export function validateContract(data: unknown, source: string): { contract: Contract } | { error: ContractError } {
  const parsed = contractSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      path: issue.path.filter((p): p is string | number => typeof p !== "symbol"),
      message: issue.message,
    }));
    return { error: new ContractError(source, problems) };
  }
  const problems = checkReferences(parsed.data);
  return problems.length > 0 ? { error: new ContractError(source, problems) } : { contract: parsed.data };
}

/**
 * Validates parsed JSON as a contract and throws a ContractError naming the first problem.
 * @example parseContract(JSON.parse(text), "fixtures/acme.json")
 */
export function parseContract(data: unknown, source: string): Contract {
  const result = validateContract(data, source);
  if ("error" in result) throw result.error;
  return result.contract;
}

/** Parses contract JSON text; a syntax error is reported like any other problem, at `$`. */
export function parseContractText(text: string, source: string): Contract {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ContractError(source, [{ path: [], message: `expected valid JSON (${(error as Error).message})` }]);
  }
  return parseContract(data, source);
}

export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (out, key) =>
      typeof key === "number" ? `${out}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${out}.${key}` : `${out}[${JSON.stringify(key)}]`,
    "$",
  );
}
