import { contractSchema, type Contract } from "./schema.js";
import { checkReferences } from "./references.js";
import { checkRelations } from "./relations.js";
import { checkSemantics } from "./semantics.js";
import { checkProvenance } from "./provenance.js";
import { explainIssues } from "./explain.js";
import { salvage } from "./salvage.js";
import type { Problem } from "./contract-error.js";
import { ContractError } from "./contract-error.js";

export { ContractError, formatPath, type Problem } from "./contract-error.js";

/** Validates parsed JSON as a contract; every problem at once, or the contract. */
export function validateContract(data: unknown, source: string): { contract: Contract } | { error: ContractError } {
  const parsed = contractSchema.safeParse(data, { reportInput: true });
  if (parsed.success) {
    const problems = crossChecks(parsed.data);
    return problems.length > 0 ? { error: new ContractError(source, problems) } : { contract: parsed.data };
  }
  // One pass: what the schema refused, then the cross-references of everything else.
  const problems = explainIssues(parsed.error.issues, contractSchema);
  const rest = salvage(data);
  if (rest) for (const problem of crossChecks(rest.contract)) problems.push({ path: rest.original(problem.path), message: problem.message });
  return { error: new ContractError(source, problems) };
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

/** What the schema cannot see: references between parts, sense, and provenance. */
function crossChecks(contract: Contract): Problem[] {
  return [...checkReferences(contract), ...checkRelations(contract), ...checkSemantics(contract), ...checkProvenance(contract)];
}
