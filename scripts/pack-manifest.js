// The packed package.json leaves out the "prepare" script: it builds dist/ in a clone (`npm install`), but in a
// tarball dist/ is already built and npm would list the script in every consumer's install-scripts warning.
// `prepack` strips it, `postpack` restores the file byte for byte (as pinst does for postinstall).
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const manifest = new URL("../package.json", import.meta.url);
const backup = new URL("../.package.json.before-pack", import.meta.url);
const step = process.argv[2];

if (step === "strip") {
  const text = readFileSync(manifest, "utf8");
  writeFileSync(backup, text);
  const json = JSON.parse(text);
  delete json.scripts.prepare;
  writeFileSync(manifest, `${JSON.stringify(json, null, 2)}\n`);
} else if (step === "restore") {
  if (existsSync(backup)) renameSync(backup, manifest);
} else {
  throw new Error(`usage: node scripts/pack-manifest.js strip|restore; got "${step}"`);
}
