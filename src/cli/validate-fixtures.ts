import { validateFixtureFile } from "../adapters/fixture-file.js";
import { ContractError } from "../contract/contract-error.js";

/** Validates each fixture and prints every problem as `file: $.path: message`; true when all are valid. */
export async function validateFixtures(fixtures: string[], print: (line: string) => void): Promise<boolean> {
  let ok = true;
  for (const fixture of fixtures) {
    try {
      const contract = await validateFixtureFile(fixture);
      print(`${fixture}: ok (${contract.title}: ${contract.routes.length} routes, ${contract.keys.length} seeded keys)`);
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      ok = false;
      for (const line of error.lines()) print(line);
    }
  }
  return ok;
}
