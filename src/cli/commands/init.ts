import type { Argv, CommandModule, InferredOptionTypes, Options } from "yargs";

const options = {
  name: { type: "string", requiresArg: true, describe: "the contract's name, lower-case, e.g. acme (required)" },
  out: { type: "string", requiresArg: true, describe: "the file to write; default <name>.json" },
  "base-url": { type: "string", requiresArg: true, describe: "your API's base URL; default https://api.<name>.example" },
  header: { type: "string", default: "Authorization", describe: "the header the key travels in" },
  scheme: { type: "string", requiresArg: true, describe: 'a scheme before the key in that header, e.g. "Bearer"' },
  prefix: { type: "string", array: true, requiresArg: true, describe: "environment=prefix for each key environment; default test=sk_test_ live=sk_live_" },
  force: { type: "boolean", default: false, describe: "overwrite the file if it exists" },
} as const satisfies Record<string, Options>;

export const initCommand: CommandModule<object, InferredOptionTypes<typeof options>> = {
  command: "init",
  describe: "Write a starter contract for your own API that validates, serves and passes its own conformance run",
  builder: (yargs: Argv) =>
    yargs
      .options(options)
      .example("$0 init --name acme --header X-API-Key --prefix sandbox=acme_sb_", "acme.json, keys in X-API-Key"),
  handler: async (flags) => {
    if (flags.name === undefined) throw new Error('[keymock] init needs --name, e.g. "mock-server init --name acme".');
    const { runInitCommand } = await import("../init-command.js");
    await runInitCommand({
      name: flags.name,
      out: flags.out,
      baseUrl: flags["base-url"],
      header: flags.header,
      scheme: flags.scheme,
      prefixes: flags.prefix ?? [],
      force: flags.force,
    });
  },
};
