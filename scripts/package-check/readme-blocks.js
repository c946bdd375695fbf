// Writes every README code block marked `<!-- package-check: <file> -->` to <dir>/<file>, verbatim, and appends
// <file>'s harness from this folder when there is one (assertions for examples written as scripts).
// Usage: node readme-blocks.js README.md <dir>
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [readme, dir] = process.argv.slice(2);
const marked = /<!-- package-check: ([\w.-]+) -->\n```ts\n([\s\S]*?)\n```\n/g;
const blocks = [...readFileSync(readme, "utf8").matchAll(marked)];
if (blocks.length === 0) throw new Error(`no <!-- package-check: file --> blocks in ${readme}`);
for (const [, file, code] of blocks) {
  const harness = new URL(`harness/${file}`, import.meta.url);
  const appended = existsSync(harness) ? `\n// --- harness: scripts/package-check/harness/${file}\n${readFileSync(harness, "utf8")}` : "";
  writeFileSync(join(dir, file), `${code}\n${appended}`);
  console.log(`README block -> ${file}${appended ? " (+ harness)" : ""}`);
}
