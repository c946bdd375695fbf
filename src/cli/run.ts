import yargs from "yargs";
import manifest from "../../package.json" with { type: "json" };
import { conformanceCommand } from "./commands/conformance.js";
import { serveCommand } from "./commands/serve.js";
import { validateCommand } from "./commands/validate.js";

/**
 * The mock-server command line on yargs. Sets process.exitCode instead of exiting, so callers and tests keep control.
 * @example await run(["--fixture", "moonkey", "--port", "0"])
 */
export async function run(argv: string[]): Promise<void> {
  const args = withDefaultCommand(argv);
  const parser = yargs(args)
    .scriptName("mock-server")
    .usage('$0 [command] [options]\n\nServe, validate and test API-key contracts offline. "$0 <command> --help" lists its options.')
    .command(serveCommand)
    .command(validateCommand)
    .command(conformanceCommand)
    .strict()
    .recommendCommands()
    // Every flag can come from the environment: KEYMOCK_PORT=4010, KEYMOCK_FIXTURE=moonkey.
    .env("KEYMOCK")
    .completion("completion", "print a bash/zsh completion script (mock-server completion >> ~/.bashrc)")
    .version(manifest.version)
    .help()
    .alias("h", "help")
    .wrap(Math.min(120, process.stdout.columns ?? 120))
    // --help, --version and the completion script end the process once printed, as yargs does by default.
    .fail((message: string | null, error: Error | undefined) => {
      throw error ?? new Error(message ?? "");
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    process.stderr.write(`${explain(error as Error, args)}\n`);
    process.exitCode = 1;
  }
}

class CommandLineError extends Error {
  constructor(message: string, readonly parser: unknown) {
    super(message);
  }
}

const commandOf = (argv: string[]) => (["validate", "conformance", "serve"].includes(argv[0] ?? "") ? `${argv[0]} ` : "");

const commandNames = [serveCommand, validateCommand, conformanceCommand].map((c) => [c.command].flat()[0]?.split(" ")[0] ?? "");

/**
 * `mock-server --port 4010` means `mock-server serve --port 4010`. Not a yargs default command ($0): with one, yargs
 * reads a mistyped command as the default command's argument and cannot suggest the command meant.
 */
function withDefaultCommand(argv: string[]): string[] {
  const first = argv[0];
  const global = first === "--help" || first === "-h" || first === "--version" || first === "--get-yargs-completions";
  return first === undefined || (first.startsWith("-") && !global) ? ["serve", ...argv] : argv;
}

/** One line for a bad command line: our own errors already say what to do; yargs' get the way to the help. */
function explain(error: Error, argv: string[]): string {
  if (error.message.startsWith("[keymock]")) return error.message;
  const said = error.message.trim().replace(/\s*\n+\s*/g, " ").replace(/[^.?]$/, "$&.");
  const named = commandNames.includes(argv[0] ?? "") ? `${argv[0]} ` : "";
  return `[keymock] ${said} Run "mock-server ${named}--help" for the options.`;
}
