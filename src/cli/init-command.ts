import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { starterContract } from "./starter-contract.js";

export interface InitCommandOptions {
  name: string;
  out?: string | undefined;
  baseUrl?: string | undefined;
  header: string;
  scheme?: string | undefined;
  /** environment=prefix pairs */
  prefixes: string[];
  force: boolean;
}

/** `mock-server init`: writes a starter contract that validates and serves as it is, and says what to run next. */
export async function runInitCommand(args: InitCommandOptions): Promise<void> {
  if (!/^[a-z][a-z0-9_-]*$/.test(args.name)) throw new Error(`[keymock] --name must be a lower-case name like "acme"; got "${args.name}".`);
  const prefixes: Record<string, string> = {};
  for (const pair of args.prefixes.length > 0 ? args.prefixes : ["test=sk_test_", "live=sk_live_"]) {
    const match = /^([a-z][a-z0-9_-]*)=(\S*)$/.exec(pair);
    if (!match) throw new Error(`[keymock] --prefix takes environment=prefix, e.g. --prefix test=sk_test_; got "${pair}".`);
    prefixes[match[1] as string] = match[2] as string;
  }
  const out = resolve(args.out ?? `${args.name}.json`);
  if (existsSync(out) && !args.force) throw new Error(`[keymock] ${relative(process.cwd(), out) || out} exists already; pass --force to overwrite it, or --out for another file.`);
  const baseUrl = args.baseUrl ?? `https://api.${args.name}.example`;
  if (!URL.canParse(baseUrl)) throw new Error(`[keymock] --base-url must be a URL such as https://api.acme.dev; got "${baseUrl}".`);
  // The JSON Schema this package ships, named relative to the new file, so editors find it wherever that is.
  const schema = fileURLToPath(new URL("fixtures/contract.schema.json", packageRoot()));
  const schemaRef = relative(dirname(out), schema).split("\\").join("/");
  const contract = starterContract({ name: args.name, baseUrl, header: args.header, scheme: args.scheme, prefixes, schemaRef: schemaRef.startsWith(".") ? schemaRef : `./${schemaRef}` });
  await writeFile(out, `${JSON.stringify(contract, null, 2)}\n`);
  const file = relative(process.cwd(), out) || out;
  process.stdout.write(
    [
      `Wrote ${file}: ${Object.keys(prefixes).length} key environments, 4 routes, seeded keys for every conformance role.`,
      `Next: npx mock-server validate ${file}`,
      `      npx mock-server --fixture ${file}`,
      `      npx mock-server conformance --fixture ${file}`,
      "",
    ].join("\n"),
  );
}

/** keymock's own folder: the nearest one above this module with its package.json and fixtures/ (src/, dist/ or a bundle). */
function packageRoot(): URL {
  for (let url = new URL(".", import.meta.url); url.pathname !== "/"; url = new URL("..", url)) {
    if (existsSync(fileURLToPath(new URL("package.json", url))) && existsSync(fileURLToPath(new URL("fixtures/", url)))) return url;
  }
  throw new Error("[keymock] Cannot find keymock's fixtures/ folder next to its package.json.");
}
