// Validates every bundled fixture (fixtures/*.json) with the zod schema and the reference checks, and writes the
// results, defaults filled in, to src/contract/bundled-contracts.ts (not committed: built from the fixtures, before
// tsc compiles it into dist/). Serving a bundled contract then needs neither zod nor a second validation: ~120 ms of
// a cold start (bench/RESULTS.md). Fixture files given by path are still validated on load.
// A TypeScript module rather than a JSON import: its declarations name the contracts and the Contract type in every
// module resolution (a JSON import in a .d.ts is `any` under node16), and Node 20 loads it without a JSON-module warning.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { importTs } from "./import-ts.js";

const { ContractError, bundledFixtureNames, compileBundled } = await importTs("src/contract/compile-bundled.ts");

const fixtures = new URL("../fixtures/", import.meta.url);
const texts = Object.fromEntries(bundledFixtureNames(readdirSync(fixtures)).map((name) => [name, readFileSync(new URL(`${name}.json`, fixtures), "utf8")]));
try {
  writeFileSync(new URL("../src/contract/bundled-contracts.ts", import.meta.url), compileBundled(texts));
} catch (error) {
  if (!(error instanceof ContractError)) throw error;
  for (const line of error.lines()) console.error(line);
  process.exit(1);
}
