import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { bundledContract, bundledNames, isBundledName } from "../contract/bundled.js";
import { ContractError } from "../contract/contract-error.js";
import type { Contract } from "../contract/schema.js";

/**
 * A bundled contract by name (validated when keymock was built), or a user's fixture file by path (validated now).
 * @example await loadFixture("moonkey"); await loadFixture("./my-api.json")
 */
export async function loadFixture(nameOrPath: string): Promise<Contract> {
  if (isBundledName(nameOrPath)) return bundledContract(nameOrPath);
  return validateFixtureFile(nameOrPath);
}

/**
 * Reads and validates a fixture file; a bundled name validates the shipped fixtures/<name>.json.
 * @example await validateFixtureFile("./my-api.json")
 */
export async function validateFixtureFile(nameOrPath: string): Promise<Contract> {
  const path = isBundledName(nameOrPath) ? bundledFixturePath(nameOrPath) : nameOrPath;
  const looksLikePath = /[\\/]|\.json$/i.test(path);
  if (!looksLikePath) {
    throw new ContractError(nameOrPath, [
      { path: [], message: `no bundled contract is called "${nameOrPath}"; bundled: ${bundledNames.join(", ")}; or give a path to a .json fixture` },
    ]);
  }
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "the file does not exist" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new ContractError(nameOrPath, [{ path: [], message: `cannot read the fixture: ${why}` }]);
  }
  // Loaded only for files: zod costs ~70 ms of start-up that serving a bundled contract does not need.
  const { parseContractText } = await import("../contract/load.js");
  return parseContractText(text, nameOrPath);
}

// The package resolving itself through its "exports": the same path from src/ (tests) and dist/ (the bin).
const bundledFixturePath = (name: string) => createRequire(import.meta.url).resolve(`keymock/fixtures/${name}.json`);
