import type { Argv, CommandModule } from "yargs";

export const validateCommand: CommandModule<object, { fixtures?: string[] }> = {
  command: "validate [fixtures..]",
  describe: "Check fixture files (or bundled names) and print every problem with its JSON path",
  builder: (yargs: Argv) =>
    yargs
      .positional("fixtures", { type: "string", array: true, describe: "fixture files or bundled names" })
      .example("$0 validate ./my-api.json", "every problem in your fixture, each with its JSON path"),
  handler: async ({ fixtures = [] }) => {
    if (fixtures.length === 0) throw new Error('[keymock] validate needs at least one fixture file or bundled name, e.g. "mock-server validate my-api.json".');
    const { validateFixtures } = await import("../validate-fixtures.js");
    const ok = await validateFixtures(fixtures, (line) => process.stdout.write(`${line}\n`));
    if (!ok) process.exitCode = 1;
  },
};
