import { writeFile } from "node:fs/promises";
import { loadFixture } from "../adapters/fixture-file.js";
import { toOpenApi } from "../contract/openapi.js";

/** `mock-server openapi --fixture <name or file>`: the contract as OpenAPI 3.1 JSON, to stdout or --output. */
export async function runOpenApiCommand(args: { fixture: string; output?: string | undefined }): Promise<void> {
  const text = `${JSON.stringify(toOpenApi(await loadFixture(args.fixture)), null, 2)}\n`;
  if (args.output) {
    await writeFile(args.output, text);
    process.stdout.write(`Wrote ${args.output} (OpenAPI 3.1)\n`);
  } else process.stdout.write(text);
}
