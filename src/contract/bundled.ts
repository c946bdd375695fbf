// Written by scripts/compile-bundled.js at build time: fixtures/*.json validated, defaults filled in.
// A JSON import, so browser bundles get the contracts without a file read and without zod.
import compiled from "./bundled-contracts.json" with { type: "json" };
import type { Contract } from "./schema.js";

const bundledContracts = compiled as Record<keyof typeof compiled, Contract>;

export type BundledName = keyof typeof compiled;
export const bundledNames = Object.keys(bundledContracts) as BundledName[];

export function isBundledName(name: string): name is BundledName {
  return Object.hasOwn(bundledContracts, name);
}

/**
 * A bundled contract, validated when keymock was built.
 * @example bundledContract("moonkey").baseUrl // "https://api.moonkey.fun"
 */
export function bundledContract(name: BundledName): Contract {
  return bundledContracts[name];
}

export function resolveContract(nameOrContract: BundledName | Contract): Contract {
  return typeof nameOrContract === "string" ? bundledContract(nameOrContract) : nameOrContract;
}
