// Validates every bundled fixture (fixtures/*.json) with the zod schema and the reference checks, and writes the
// results, defaults filled in, to src/contract/bundled-contracts.json (not committed: built from the fixtures,
// before tsc, which copies it into dist/). Serving a bundled contract then needs neither zod nor a second
// validation: ~120 ms of a cold start (bench/RESULTS.md). Fixture files given by path are still validated on load.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

// The validator is TypeScript and runs before tsc has compiled it: esbuild bundles it, zod included, in memory.
const { outputFiles } = await build({
  entryPoints: [new URL("../src/contract/load.ts", import.meta.url).pathname],
  bundle: true,
  write: false,
  format: "esm",
  platform: "node",
  logLevel: "warning",
});
const { ContractError, parseContractText } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`);

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
writeFileSync(new URL("../src/contract/bundled-contracts.json", import.meta.url), `${JSON.stringify(contracts, null, 1)}\n`);
