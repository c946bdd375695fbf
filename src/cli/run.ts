import yargs from "yargs";
import manifest from "../../package.json" with { type: "json" };
import { conformanceCommand } from "./commands/conformance.js";
import { importCommand } from "./commands/import.js";
import { initCommand } from "./commands/init.js";
import { openapiCommand } from "./commands/openapi.js";
import { serveCommand } from "./commands/serve.js";
import { validateCommand } from "./commands/validate.js";
import { withOptionSuggestions } from "./unknown-options.js";

const commandNames = ["serve", "validate", "conformance", "init", "openapi", "import", "completion"];

/**
 * The mock-server command line, on yargs. A failure sets process.exitCode (1) and prints one line on stderr.
 * @example await run(["--fixture", "moonkey", "--port", "0"])
 */
export async function run(argv: string[]): Promise<void> {
  try {
    await parserFor(argv, { serveByDefault: true }).parseAsync(argv, keyVariables());
  } catch (error) {
    // With a default command yargs reads a mistyped command ("serv") as that command's argument and suggests nothing;
    // on this failure path only, a parser without the default lets yargs suggest the command meant.
    const mistyped = argv[0] !== undefined && !argv[0].startsWith("-") && !commandNames.includes(argv[0]);
    const suggestion = mistyped ? await failureOf(parserFor(argv, { serveByDefault: false }), argv) : undefined;
    process.stderr.write(`${explain(suggestion ?? (error as Error), argv)}\n`);
    process.exitCode = 1;
  }
}

function parserFor(argv: string[], { serveByDefault }: { serveByDefault: boolean }) {
  return (
    yargs(argv)
      .scriptName("mock-server")
      .usage('$0 [command] [options]\n\nServe, validate and test API-key contracts offline. "$0 <command> --help" lists its options.')
      // Listed explicitly (no commandDir): what the CLI offers is visible here, and the help lists it in this order.
      // serve is also the default command ($0): yargs renders no help text before running a default command, which
      // keeps that cost off every start (measured in bench/RESULTS.md).
      .command(serveByDefault ? serveCommand : { ...serveCommand, command: "serve" })
      .command(validateCommand)
      .command(conformanceCommand)
      .command(initCommand)
      .command(openapiCommand)
      .command(importCommand)
      .strict()
      .recommendCommands()
      // Every flag can also come from the environment: KEYMOCK_PORT=4010, KEYMOCK_FIXTURE=moonkey.
      .env("KEYMOCK")
      .completion("completion", "print a bash/zsh completion script (mock-server completion >> ~/.bashrc)")
      .version(manifest.version)
      .help()
      .alias("h", "help")
      .wrap(Math.min(120, process.stdout.columns ?? 120))
      // --help, --version and the completion script end the process once printed, as yargs does by default.
      .fail((message: string | null, error: Error | undefined, usage: unknown) => {
        if (error) throw error;
        // The third argument is yargs' usage object: its descriptions name every option of the command parsed.
        const known = Object.keys((usage as { getDescriptions?: () => Record<string, string> }).getDescriptions?.() ?? {});
        throw new Error(withOptionSuggestions(message ?? "", known));
      })
  );
}

/**
 * KEYMOCK_KEY_<ROLE> holds a conformance key, not a flag (the roles come from the contract), yet .env("KEYMOCK")
 * reads it as an option `key<Role>`. Named in the parse context, which .strict() accepts, as yargs names it.
 */
function keyVariables(): Record<string, string> {
  const named = Object.entries(process.env).filter(([name]) => name.startsWith("KEYMOCK_KEY_"));
  return Object.fromEntries(named.map(([name, value]) => [name.slice("KEYMOCK_".length).toLowerCase().replace(/_+(.)/g, (_, c: string) => c.toUpperCase()), value ?? ""]));
}

/** The error a parse ends in (this parser runs no command: it is only asked on a command line that names none). */
async function failureOf(parser: ReturnType<typeof parserFor>, argv: string[]): Promise<Error | undefined> {
  try {
    await parser.parseAsync(argv, keyVariables());
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** One line for a bad command line: our own errors already say what to do; yargs' get the way to the help. */
function explain(error: Error, argv: string[]): string {
  if (error.message.startsWith("[keymock]")) return error.message;
  const said = error.message.trim().replace(/\s*\n+\s*/g, " ").replace(/[^.?]$/, "$&.");
  const named = commandNames.includes(argv[0] ?? "") ? `${argv[0]} ` : "";
  return `[keymock] ${said} Run "mock-server ${named}--help" for the options.`;
}
