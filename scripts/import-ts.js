// Imports a TypeScript module of src/ before tsc has compiled it: esbuild bundles it, dependencies included, in memory.
import { build } from "esbuild";

export async function importTs(path) {
  const { outputFiles } = await build({
    entryPoints: [new URL(`../${path}`, import.meta.url).pathname],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    logLevel: "warning",
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`);
}
