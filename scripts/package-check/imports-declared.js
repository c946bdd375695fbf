// Every package the installed keymock's JavaScript and declarations import is one it declares (dependencies or
// peerDependencies) or a Node built-in: a devDependency imported by shipped code fails only on a user's machine.
// Usage: node imports-declared.js <installed package dir>
import { builtinModules } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = process.argv[2];
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
const builtins = new Set(builtinModules);
const specifiers = /\b(?:from|import)\s*\(?\s*["']([^"'./#][^"']*)["']/g;

const packageOf = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
const isBuiltin = (specifier) => specifier.startsWith("node:") || builtins.has(packageOf(specifier));

const undeclared = [];
const files = readdirSync(join(root, "dist"), { recursive: true }).map((file) => join(root, "dist", file));
// dist/cli is one esbuild bundle with its dependencies inside (a regex over minified code would misread it).
const bundle = join(root, "dist", "cli");
for (const file of files.filter((f) => /\.(js|d\.ts)$/.test(f) && !f.startsWith(bundle))) {
  for (const [, specifier] of readFileSync(file, "utf8").matchAll(specifiers)) {
    const name = packageOf(specifier);
    if (!isBuiltin(specifier) && !declared.has(name) && name !== manifest.name) undeclared.push(`${relative(root, file)}: ${specifier}`);
  }
}
if (undeclared.length > 0) {
  console.error(`shipped code imports packages keymock does not declare:\n  ${undeclared.join("\n  ")}`);
  process.exit(1);
}
console.log(`${files.length} files under dist/: every import is a declared dependency, peer or Node built-in`);
