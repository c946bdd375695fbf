// Validates every bundled fixture (fixtures/*.json) with the zod schema and the reference checks, and writes the
// results, defaults filled in, to src/contract/bundled-contracts.json and its dist/ copy. Serving a bundled
// contract then needs neither zod nor a second validation: ~120 ms of a cold start (bench/RESULTS.md).
// Fixture files given by path are still validated on every load.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { ContractError, parseContractText } from "../dist/src/contract/load.js";

const fixtures = new URL("../fixtures/", import.meta.url);
const names = readdirSync(fixtures)
  .filter((file) => file.endsWith(".json") && file !== "contract.schema.json")
  .map((file) => file.slice(0, -".json".length))
  .sort();

const contracts = {};
for (const name of names) {
  const source = `fixtures/${name}.json`;
  try {
    contracts[name] = parseContractText(readFileSync(new URL(`${name}.json`, fixtures), "utf8"), source);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    for (const line of error.lines()) console.error(line);
    process.exit(1);
  }
}
const text = `${JSON.stringify(contracts, null, 1)}\n`;
for (const target of ["../src/contract/bundled-contracts.json", "../dist/src/contract/bundled-contracts.json"]) {
  writeFileSync(new URL(target, import.meta.url), text);
}
