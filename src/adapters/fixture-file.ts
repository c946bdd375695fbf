import { readFile } from "node:fs/promises";
import { bundledContract, bundledNames, isBundledName } from "../contract/bundled.js";
import { ContractError, parseContractText } from "../contract/load.js";
import type { Contract } from "../contract/schema.js";

/**
 * A bundled contract by name, or a user's fixture file by path.
 * @example await loadFixture("moonkey"); await loadFixture("./my-api.json")
 */
export async function loadFixture(nameOrPath: string): Promise<Contract> {
  if (isBundledName(nameOrPath)) return bundledContract(nameOrPath);
  const looksLikePath = /[\\/]|\.json$/i.test(nameOrPath);
  if (!looksLikePath) {
    throw new ContractError(nameOrPath, [
      { path: [], message: `no bundled contract is called "${nameOrPath}"; bundled: ${bundledNames.join(", ")}; or give a path to a .json fixture` },
    ]);
  }
  let text: string;
  try {
    text = await readFile(nameOrPath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "the file does not exist" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new ContractError(nameOrPath, [{ path: [], message: `cannot read the fixture: ${why}` }]);
  }
  return parseContractText(text, nameOrPath);
}
