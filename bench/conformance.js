// The whole conformance suite against the in-process mock, for every bundled contract, timed end to end.
// Usage: node bench/conformance.js
import { conformance } from "../dist/conformance/index.js";
import { bundledContract, bundledNames, createEngine, fetchHandler } from "../dist/src/index.js";

const started = performance.now();
const rows = [];
for (const name of bundledNames) {
  const began = performance.now();
  const contract = bundledContract(name);
  const results = await conformance({ contract, target: fetchHandler(await createEngine(contract)) });
  const count = (status) => results.filter((r) => r.status === status).length;
  rows.push(`${name} ${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped in ${(performance.now() - began).toFixed(0)} ms`);
  if (count("fail") > 0) process.exitCode = 1;
}
console.log(`conformance, in-process, all ${bundledNames.length} contracts: ${((performance.now() - started) / 1000).toFixed(2)} s (${rows.join("; ")})`);
