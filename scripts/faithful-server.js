// Starts one of the independent deployments the conformance tests use (test/independent/: written from a vendor
// document alone, no keymock code) and prints the conformance command that checks it, keys and routes included.
// Usage: node scripts/faithful-server.js moonkey|monei [drift]
import { build } from "esbuild";

const servers = {
  moonkey: { file: "moonkey-server.ts", start: "startMoonKey", keys: "moonkeyKeys", routes: undefined },
  monei: { file: "monei-server.ts", start: "startMonei", keys: "moneiKeys", routes: "moneiRoutes" },
};
const [name = "", drift = "none"] = process.argv.slice(2);
const server = servers[name];
if (!server) {
  console.error(`[keymock] Usage: node scripts/faithful-server.js ${Object.keys(servers).join("|")} [drift]`);
  process.exit(1);
}
// TypeScript test code, bundled in memory as scripts/compile-bundled.js does.
const source = `export { ${server.start} as start } from "./${server.file}"; export * from "./keys.ts";`;
const { outputFiles } = await build({
  stdin: { contents: source, resolveDir: new URL("../test/independent/", import.meta.url).pathname, loader: "ts" },
  bundle: true,
  write: false,
  format: "esm",
  platform: "node",
  logLevel: "warning",
});
const module = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`);
const running = await module.start(drift);
const keys = Object.entries(module[server.keys](running)).map(([role, key]) => `--key ${role}=${key}`);
const routes = server.routes ? Object.entries(module[server.routes](running)).map(([route, on]) => `--route "${route}=${on}"`) : [];
console.log(`${name} (written from its document alone${drift === "none" ? "" : `, drifted: ${drift}`}) on ${running.url}`);
console.log(`npx mock-server conformance --fixture ${name} --base-url ${running.url} --allow-destructive ${[...keys, ...routes].join(" ")}`);
process.once("SIGINT", () => running.close().then(() => process.exit(0)));
process.once("SIGTERM", () => running.close().then(() => process.exit(0)));
