import { parseArgs, type ParseArgsConfig } from "node:util";

/** One flag: what node:util's parseArgs needs, plus what the help shows. */
export type OptionSpec = NonNullable<ParseArgsConfig["options"]>[string] & {
  describe: string;
  /** Shown after the flag in the help, as in `--port <port>`. */
  placeholder?: string;
};

export type OptionSpecs = Record<string, OptionSpec>;

type ParseConfig<O extends OptionSpecs> = { options: O; strict: true; allowPositionals: true; allowNegative: true };

/** A command's parsed flags, typed from its option table: a flag with a default is always set. */
export type Flags<O extends OptionSpecs> = ReturnType<typeof parseArgs<ParseConfig<O>>>["values"];

interface CommandSpec<O extends OptionSpecs> {
  name: string;
  /** The command that runs when none is named (`mock-server --port 4010`). */
  isDefault?: boolean;
  describe: string;
  /** Positional arguments, as in `<fixtures..>`; a command without them refuses any. */
  positionals?: { name: string; describe: string };
  options: O;
  /** Imports what the command needs only when it runs, so --help and the other commands do not pay for it. */
  run(flags: Flags<O>, positionals: string[]): Promise<void>;
}

export interface Command extends Omit<CommandSpec<OptionSpecs>, "run"> {
  /** Parses this command's arguments (throwing parseArgs' own errors) and runs it. */
  execute(args: string[]): Promise<void>;
}

export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  const { run, ...described } = spec;
  return {
    ...described,
    execute: (args) => {
      const config: ParseConfig<O> & { args: string[] } = { args, options: spec.options, strict: true, allowPositionals: true, allowNegative: true };
      const { values, positionals } = parseArgs(config);
      if (!spec.positionals && positionals.length > 0) throw new UnexpectedArgumentError(positionals[0] as string);
      return run(values, positionals);
    },
  };
}

export class UnexpectedArgumentError extends Error {
  constructor(readonly argument: string) {
    super(`unexpected argument "${argument}"`);
  }
}
