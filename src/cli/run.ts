import yargs from "yargs";
import { commands } from "./commands/index.js";

/**
 * The mock-server command line. Sets process.exitCode instead of exiting, so callers and tests keep control.
 * @example await run(["--fixture", "moonkey", "--port", "0"])
 */
export async function run(argv: string[]): Promise<void> {
  const parser = yargs(argv)
    .scriptName("mock-server")
    .usage("$0 [command] [options]\n\nServe, validate and test API-key contracts offline.")
    .strict()
    .exitProcess(false)
    .demandCommand(1)
    .recommendCommands()
    .help()
    .version(false)
    .fail((message, error) => {
      // Throwing stops yargs from running the command anyway; the catch below prints the one line.
      // yargs reports bad flags as a message; our own errors arrive as `error` and already say what to do.
      throw error ?? new Error(`[keymock] ${message}. Run "mock-server --help" for the options.`);
    });
  for (const command of commands) parser.command(command);
  try {
    await parser.parseAsync();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
