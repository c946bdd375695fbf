import type { Argv, CommandModule, InferredOptionTypes, Options } from "yargs";

const reporters = ["terminal", "junit", "json"] as const;
export type ReporterName = (typeof reporters)[number];

const options = {
  fixture: { type: "string", requiresArg: true, describe: "the contract: a bundled name or a fixture file (required)" },
  "base-url": { type: "string", requiresArg: true, describe: "check this deployment instead of an in-process mock" },
  key: { type: "string", array: true, requiresArg: true, describe: "a key for a role, as role=value (see --list); or KEYMOCK_KEY_<ROLE>" },
  route: {
    type: "string",
    array: true,
    requiresArg: true,
    describe: 'where a contract route the document does not name is on the target, e.g. "POST /v1/transactions=POST /api/transfers"',
  },
  strict: { type: "boolean", default: false, describe: "fail, not warn, where an assumed fact differs" },
  "allow-destructive": { type: "boolean", default: false, describe: "on a --base-url, also run checks that use up quota or create keys" },
  list: { type: "boolean", default: false, describe: "print the key roles and checks, one a line, and stop" },
  reporter: { type: "string", default: "terminal", describe: `report format: ${reporters.join(", ")}` },
  output: { type: "string", requiresArg: true, describe: "write the report to this file instead of stdout" },
} as const satisfies Record<string, Options>;

type Flags = InferredOptionTypes<typeof options>;

export const conformanceCommand: CommandModule<object, Flags> = {
  command: "conformance",
  describe: "Check a mock or a deployment against a contract's documented key behaviour",
  builder: (yargs: Argv) =>
    yargs
      .options(options)
      .example("$0 conformance --fixture moonkey", "every check against an in-process MoonKey mock")
      .example("$0 conformance --fixture moonkey --base-url $STAGING --key valid=$KEY", "against a deployment"),
  handler: async (flags) => {
    if (flags.fixture === undefined) throw new Error('[keymock] conformance needs --fixture, e.g. "mock-server conformance --fixture moonkey".');
    const baseUrl = flags["base-url"];
    if (baseUrl !== undefined && !/^https?:\/\/[^/]/.test(baseUrl)) {
      throw new Error(`[keymock] --base-url must be an http:// or https:// URL, got "${baseUrl}".`);
    }
    for (const pair of flags.key ?? []) {
      if (!/^[a-z][\w-]*=.+/.test(pair)) throw new Error(`[keymock] --key takes role=value, e.g. --key valid=sk_test_…; got "${pair}".`);
    }
    for (const pair of flags.route ?? []) {
      if (!/^[A-Z]+ \/\S*=\S/.test(pair)) throw new Error(`[keymock] --route takes "METHOD /contract/path=METHOD /path/on/target", e.g. --route "POST /v1/transactions=POST /api/transfers"; got "${pair}".`);
    }
    const reporter = reporters.find((r) => r === flags.reporter);
    if (!reporter) throw new Error(`[keymock] --reporter takes ${reporters.join(", ")}; got "${flags.reporter}".`);
    const { runConformanceCommand } = await import("../conformance-command.js");
    await runConformanceCommand({
      fixture: flags.fixture,
      baseUrl,
      keys: flags.key ?? [],
      routes: flags.route ?? [],
      strict: flags.strict,
      allowDestructive: flags["allow-destructive"],
      list: flags.list,
      reporter,
      output: flags.output,
    });
  },
};
