// The contracts compiled by scripts/compile-bundled.js at build time: fixtures/*.json validated, defaults filled in.
// A module of plain data, so browser bundles get the contracts without a file read and without zod.
import { compiledContracts, type BundledName } from "./bundled-contracts.js";
import type { Contract } from "./schema.js";

export type { BundledName } from "./bundled-contracts.js";
export const bundledNames = Object.keys(compiledContracts) as BundledName[];

export function isBundledName(name: string): name is BundledName {
  return Object.hasOwn(compiledContracts, name);
}

/**
 * A bundled contract, validated when keymock was built.
 * @example bundledContract("moonkey").baseUrl // "https://api.moonkey.fun"
 */
export function bundledContract(name: BundledName): Contract {
  return compiledContracts[name];
}

export function resolveContract(nameOrContract: BundledName | Contract): Contract {
  return typeof nameOrContract === "string" ? bundledContract(nameOrContract) : nameOrContract;
}
