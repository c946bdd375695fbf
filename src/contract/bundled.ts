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
 * A bundled contract, validated when keymock was built: a copy of its own, so changing it changes nothing else.
 * @example bundledContract("moonkey").baseUrl // "https://api.moonkey.fun"
 */
export function bundledContract(name: BundledName): Contract {
  if (!isBundledName(name)) throw unknownName(name);
  return structuredClone(compiledContracts[name]);
}

/** A bundled name or a Contract; anything else is refused with a message that says what to pass. */
export function resolveContract(nameOrContract: BundledName | Contract): Contract {
  if (typeof nameOrContract === "string") return bundledContract(nameOrContract);
  if (nameOrContract === null || typeof nameOrContract !== "object" || !Array.isArray((nameOrContract as Partial<Contract>).routes)) {
    const got = nameOrContract === null ? "null" : typeof nameOrContract;
    throw new TypeError(`[keymock] Expected a bundled contract name (${bundledNames.join(", ")}) or a Contract from parseContract(json, "file.json"); got ${got} without routes.`);
  }
  return nameOrContract;
}

function unknownName(name: unknown): TypeError {
  return new TypeError(`[keymock] No bundled contract is called ${JSON.stringify(name)}; bundled: ${bundledNames.join(", ")}. Pass one of those or a Contract from parseContract(json, "file.json").`);
}
