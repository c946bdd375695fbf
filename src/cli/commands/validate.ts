import type { Argv, CommandModule } from "yargs";

const options = (yargs: Argv) =>
  yargs.positional("fixtures", { type: "string", array: true, demandOption: true, describe: "fixture files or bundled names" });

type ValidateArgs = Awaited<ReturnType<typeof options>["argv"]>;

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: "validate <fixtures..>",
  describe: "Check fixture files (or bundled names) and print every problem with its JSON path",
  builder: options,
  handler: async ({ fixtures }) => {
    const { validateFixtures } = await import("../validate-fixtures.js");
    const ok = await validateFixtures(fixtures, (line) => process.stdout.write(`${line}\n`));
    if (!ok) process.exitCode = 1;
  },
};
