import type { Argv, CommandModule } from "yargs";

export const importCommand: CommandModule<object, { document?: string; out?: string; force: boolean }> = {
  command: "import [document]",
  describe: "Draft a contract from an OpenAPI document (JSON or YAML); every fact marked assumed",
  builder: (yargs: Argv) =>
    yargs
      .positional("document", { type: "string", describe: "an OpenAPI 3 document, .json or .yaml" })
      .option("out", { type: "string", requiresArg: true, describe: "the file to write; default <document>.keymock.json" })
      .option("force", { type: "boolean", default: false, describe: "overwrite the file if it exists" })
      .example("$0 import openapi.yaml", "openapi.keymock.json, with what it left out listed"),
  handler: async (flags) => {
    if (flags.document === undefined) throw new Error('[keymock] import needs an OpenAPI document, e.g. "mock-server import openapi.yaml".');
    const { runImportCommand } = await import("../import-command.js");
    await runImportCommand({ document: flags.document, out: flags.out, force: flags.force });
  },
};
