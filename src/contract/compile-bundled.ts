// The text of src/contract/bundled-contracts.json, from the fixtures' texts: scripts/compile-bundled.js writes it
// at build time, and a test compares the built file with it, so a build older than the fixtures is caught.
import { parseContractText } from "./load.js";

export { ContractError } from "./load.js";

/** The bundled fixtures among a folder's file names: every .json but the JSON Schema, by name. */
export function bundledFixtureNames(files: string[]): string[] {
  return files
    .filter((file) => file.endsWith(".json") && file !== "contract.schema.json")
    .map((file) => file.slice(0, -".json".length))
    .sort();
}

/** Every fixture validated, defaults filled in, as one JSON object by name; throws the first ContractError. */
export function compileBundled(texts: Record<string, string>): string {
  const contracts: Record<string, unknown> = {};
  for (const name of Object.keys(texts).sort()) contracts[name] = parseContractText(texts[name] as string, `fixtures/${name}.json`);
  return `${JSON.stringify(contracts, null, 1)}\n`;
}
