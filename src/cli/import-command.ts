import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { validateContract } from "../contract/load.js";
import { fromOpenApi } from "../contract/import-openapi.js";

export interface ImportCommandOptions {
  document: string;
  out?: string | undefined;
  force: boolean;
}

/** `mock-server import <openapi.yaml|json>`: a draft contract that validates, with what it left out. */
export async function runImportCommand(args: ImportCommandOptions): Promise<void> {
  let text: string;
  try {
    text = await readFile(args.document, "utf8");
  } catch (error) {
    throw new Error(`[keymock] Cannot read "${args.document}": ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : (error as Error).message}.`);
  }
  let doc: unknown;
  try {
    doc = /\.ya?ml$/i.test(args.document) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new Error(`[keymock] "${args.document}" is not valid ${/\.ya?ml$/i.test(args.document) ? "YAML" : "JSON"}: ${(error as Error).message.split("\n")[0]}`);
  }
  if (doc === null || typeof doc !== "object" || !("paths" in doc)) {
    throw new Error(`[keymock] "${args.document}" is not an OpenAPI document: it has no "paths".`);
  }
  const { contract, skipped } = fromOpenApi(doc as Record<string, unknown>, basename(args.document));
  const out = args.out ?? `${basename(args.document, extname(args.document))}.keymock.json`;
  if (existsSync(out) && !args.force) throw new Error(`[keymock] ${out} exists already; pass --force to overwrite it, or --out for another file.`);
  const checked = validateContract(contract, out);
  if ("error" in checked) throw new Error(`[keymock] The draft from "${args.document}" does not validate:\n${checked.error.lines().join("\n")}`);
  await writeFile(out, `${JSON.stringify(contract, null, 2)}\n`);
  const lines = [`Wrote ${out}: ${(contract["routes"] as unknown[]).length} routes; every fact is marked assumed (its "provenance").`];
  if (skipped.length > 0) lines.push(`Left out (${skipped.length}):`, ...skipped.map((s) => `  ${s}`));
  lines.push(`Next: npx mock-server --fixture ${out}`, "");
  process.stdout.write(lines.join("\n"));
}
