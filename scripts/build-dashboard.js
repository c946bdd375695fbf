// Builds the dashboard (src/dashboard/) into src/dashboard/dashboard-assets.json at build time (not committed,
// before tsc, which copies it into dist/): the page, its stylesheet and one script bundled from its TypeScript.
// The server serves these strings as they are; nothing is built or fetched when it runs.
import { readFileSync, writeFileSync } from "node:fs";
import { build, transform } from "esbuild";

const dir = new URL("../src/dashboard/", import.meta.url);
const read = (name) => readFileSync(new URL(name, dir), "utf8");
const { outputFiles } = await build({
  entryPoints: [new URL("main.ts", dir).pathname],
  bundle: true,
  write: false,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
const css = await transform(read("dashboard.css"), { loader: "css", minify: true });
const html = read("index.html").replace(/\n\s*/g, "\n");
writeFileSync(new URL("dashboard-assets.json", dir), `${JSON.stringify({ html, css: css.code, js: outputFiles[0].text })}\n`);
