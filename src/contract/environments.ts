import type { Contract, SeededKey } from "./schema.js";

/** A seeded key's environment: its own, else its kind's. */
export function seededEnvironment(contract: Contract, key: SeededKey): string | undefined {
  return key.environment ?? contract.keyKinds.find((k) => k.id === key.kind)?.environment;
}

/** Every key environment a contract names, in the order it first names them (key kinds, then seeded keys). */
export function environmentsOf(contract: Contract): string[] {
  const names = [...contract.keyKinds.map((k) => k.environment), ...contract.keys.map((k) => seededEnvironment(contract, k))];
  return [...new Set(names.filter((name): name is string => name !== undefined))];
}

/**
 * The environment one deployment of the contract serves, where each environment is its own deployment; otherwise
 * undefined (every environment's keys are accepted).
 * @example servedEnvironment(bundledContract("monei"), undefined) // "sandbox"
 */
export function servedEnvironment(contract: Contract, chosen: string | undefined): string | undefined {
  if (!contract.separateEnvironments) return undefined;
  const names = environmentsOf(contract);
  if (chosen === undefined) return names[0];
  if (!names.includes(chosen)) {
    throw new Error(`[keymock] The ${contract.title} contract has no environment "${chosen}"; environments: ${names.join(", ")}.`);
  }
  return chosen;
}
