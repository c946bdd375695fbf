// Bundles the mock-server command line, dependencies included, into dist/cli/. Measured in bench/RESULTS.md:
// loading express and faker from one bundle instead of ~200 package files cuts a cold start by ~60-90 ms.
// Each command's own code is a separate chunk, loaded only when that command runs.
import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist/cli", { recursive: true, force: true });

/** @type {import("esbuild").Plugin} */
const externalContracts = {
  name: "external-bundled-contracts",
  setup(build) {
    build.onResolve({ filter: /\/bundled-contracts\.js$/ }, () => ({ path: "#bundled-contracts", external: true }));
  },
};

/**
 * yargs' help columns are measured by string-width, which builds an Intl.Segmenter and Unicode-property regexes as
 * it loads; the CLI's help is ASCII plus "…", so src/cli/string-width.ts counts code points instead (bench/RESULTS.md).
 * @type {import("esbuild").Plugin}
 */
const asciiStringWidth = {
  name: "ascii-string-width",
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, () => ({ path: new URL("../src/cli/string-width.ts", import.meta.url).pathname }));
  },
};

/**
 * yargs' platform shim imports strictEqual and notStrictEqual from node:assert; src/cli/yargs-assert.ts has the two
 * without the rest of assert's module graph (bench/RESULTS.md). Only yargs' import is redirected.
 * @type {import("esbuild").Plugin}
 */
const yargsAssert = {
  name: "yargs-assert",
  setup(build) {
    build.onResolve({ filter: /^assert$/ }, (args) =>
      /[\\/]yargs[\\/]/.test(args.importer) ? { path: new URL("../src/cli/yargs-assert.ts", import.meta.url).pathname } : undefined,
    );
  },
};

await build({
  entryPoints: { "mock-server": "src/cli/main.ts" },
  outdir: "dist/cli",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  logLevel: "warning",
  // Fewer bytes for V8 to parse at start-up (347 → 310 ms here, median of 11); names stay, so stack traces read.
  minifyWhitespace: true,
  minifySyntax: true,
  // express and its dependencies are CommonJS and call require() for Node's built-ins.
  // The compiled contracts stay one module in the package (dist/src/contract/), found through package.json "imports".
  plugins: [externalContracts, asciiStringWidth, yargsAssert],
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
});
