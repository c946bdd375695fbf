import type { Argv, CommandModule } from "yargs";

const options = (yargs: Argv) =>
  yargs
    .option("fixture", { type: "string", demandOption: true, describe: "the contract: a bundled name or a fixture file" })
    .option("base-url", { type: "string", describe: "check this deployment instead of an in-process mock" })
    .option("key", { type: "string", array: true, describe: "a key for a role, as role=value (see --list); or KEYMOCK_KEY_<ROLE>" })
    .option("allow-destructive", { type: "boolean", default: false, describe: "on a --base-url, also run checks that use up quota or create keys" })
    .option("list", { type: "boolean", default: false, describe: "print the key roles and checks, one a line, and stop" })
    .option("reporter", { choices: ["terminal", "junit", "json"] as const, default: "terminal" as const })
    .option("output", { type: "string", describe: "write the report to this file instead of stdout" })
    .check((args) => {
      if (args["base-url"] !== undefined && !/^https?:\/\/[^/]/.test(args["base-url"])) {
        throw new Error(`[keymock] --base-url must be an http:// or https:// URL, got "${args["base-url"]}".`);
      }
      for (const pair of args.key ?? []) {
        if (!/^[a-z]+=.+/.test(pair)) throw new Error(`[keymock] --key takes role=value, e.g. --key valid=sk_test_…; got "${pair}".`);
      }
      return true;
    });

export type ConformanceArgs = ReturnType<typeof options> extends Argv<infer T> ? T : never;

export const conformanceCommand: CommandModule<object, ConformanceArgs> = {
  command: "conformance",
  describe: "Check a mock or a deployment against a contract's documented key behaviour",
  builder: options,
  handler: async (args) => {
    const { runConformanceCommand } = await import("../conformance-command.js");
    await runConformanceCommand(args);
  },
};
