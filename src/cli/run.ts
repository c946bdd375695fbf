import { closest } from "./closest.js";
import { UnexpectedArgumentError, type Command } from "./command.js";
import { commands } from "./commands/index.js";
import { formatHelp } from "./help.js";

/**
 * The mock-server command line. Sets process.exitCode instead of exiting, so callers and tests keep control.
 * @example await run(["--fixture", "moonkey", "--port", "0"])
 */
export async function run(argv: string[]): Promise<void> {
  const named = commands.find((c) => c.name === argv[0]);
  const command = named ?? defaultCommand;
  const args = named ? argv.slice(1) : argv;
  const flags = args.slice(0, args.includes("--") ? args.indexOf("--") : undefined);
  try {
    if (flags.includes("--help") || flags.includes("-h")) {
      process.stdout.write(formatHelp(commands, named));
      return;
    }
    await command.execute(args);
  } catch (error) {
    process.stderr.write(`${explain(error, command, named !== undefined, flags)}\n`);
    process.exitCode = 1;
  }
}

const defaultCommand = commands.find((c) => c.isDefault) as Command;

/** One line for a bad command line: our own errors already say what to do; parseArgs' get a hint added. */
function explain(error: unknown, command: Command, named: boolean, typed: string[]): string {
  const help = `Run "mock-server ${named ? `${command.name} ` : ""}--help" for the options.`;
  if (error instanceof UnexpectedArgumentError) {
    if (named) return `[keymock] "${command.name}" takes no argument "${error.argument}". ${help}`;
    const guess = closest(error.argument, commands.map((c) => c.name));
    const names = commands.map((c) => c.name).join(", ");
    return `[keymock] Unknown command "${error.argument}"${guess ? ` (did you mean "${guess}"?)` : ""}; the commands are ${names}. ${help}`;
  }
  const { code, message } = error as { code?: string; message: string };
  const reported = /'(--?[^' ]+)/.exec(message)?.[1] ?? "";
  // parseArgs names --no-admin=x as --admin; echo the flag as it was typed.
  const option = typed.map((arg) => arg.split("=")[0]).find((flag) => flag === reported || flag === reported.replace(/^--/, "--no-")) ?? reported;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const guess = closest(option.replace(/^--?/, ""), Object.keys(command.options));
    return `[keymock] Unknown option ${option}${guess ? ` (did you mean --${guess}?)` : ""}. ${help}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const what = message.includes("does not take an argument") ? "takes no value" : "needs a value";
    return `[keymock] ${option} ${what}. ${help}`;
  }
  return message;
}
