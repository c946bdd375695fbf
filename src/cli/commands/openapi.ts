import type { Argv, CommandModule, InferredOptionTypes, Options } from "yargs";

const options = {
  fixture: { type: "string", requiresArg: true, describe: "the contract: a bundled name or a fixture file (required)" },
  output: { type: "string", requiresArg: true, describe: "write to this file instead of stdout" },
} as const satisfies Record<string, Options>;

export const openapiCommand: CommandModule<object, InferredOptionTypes<typeof options>> = {
  command: "openapi",
  describe: "Print a contract as OpenAPI 3.1 (security schemes, scopes, every refusal with its envelope)",
  builder: (yargs: Argv) => yargs.options(options).example("$0 openapi --fixture moonkey --output moonkey.openapi.json", "MoonKey as OpenAPI"),
  handler: async (flags) => {
    if (flags.fixture === undefined) throw new Error('[keymock] openapi needs --fixture, e.g. "mock-server openapi --fixture moonkey".');
    const { runOpenApiCommand } = await import("../openapi-command.js");
    await runOpenApiCommand({ fixture: flags.fixture, output: flags.output });
  },
};
