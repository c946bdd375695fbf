import { defineCommand } from "../command.js";

export const validateCommand = defineCommand({
  name: "validate",
  describe: "Check fixture files (or bundled names) and print every problem with its JSON path",
  positionals: { name: "<fixtures..>", describe: "fixture files or bundled names" },
  options: {},
  run: async (_flags, fixtures) => {
    if (fixtures.length === 0) throw new Error('[keymock] validate needs at least one fixture file or bundled name, e.g. "mock-server validate my-api.json".');
    const { validateFixtures } = await import("../validate-fixtures.js");
    const ok = await validateFixtures(fixtures, (line) => process.stdout.write(`${line}\n`));
    if (!ok) process.exitCode = 1;
  },
});
