import moonkey from "../../fixtures/moonkey.json" with { type: "json" };
import monei from "../../fixtures/monei.json" with { type: "json" };
import moment from "../../fixtures/moment.json" with { type: "json" };
import moodmnky from "../../fixtures/moodmnky.json" with { type: "json" };
import moonborn from "../../fixtures/moonborn.json" with { type: "json" };
import { parseContract } from "./load.js";
import type { Contract } from "./schema.js";

/** The fixtures shipped with keymock, as JSON imports so browser bundles get them without a file read. */
const bundledFixtures = { moonkey, monei, moment, moodmnky, moonborn } as const;

export type BundledName = keyof typeof bundledFixtures;
export const bundledNames = Object.keys(bundledFixtures) as BundledName[];

const parsed = new Map<BundledName, Contract>();

export function isBundledName(name: string): name is BundledName {
  return Object.hasOwn(bundledFixtures, name);
}

/**
 * A bundled contract, validated on first use.
 * @example bundledContract("moonkey").baseUrl // "https://api.moonkey.fun"
 */
export function bundledContract(name: BundledName): Contract {
  let contract = parsed.get(name);
  if (!contract) {
    contract = parseContract(bundledFixtures[name], `fixtures/${name}.json`);
    parsed.set(name, contract);
  }
  return contract;
}

export function resolveContract(nameOrContract: BundledName | Contract): Contract {
  return typeof nameOrContract === "string" ? bundledContract(nameOrContract) : nameOrContract;
}
