import type { CommandModule } from "yargs";
import { conformanceCommand } from "./conformance.js";
import { serveCommand } from "./serve.js";
import { validateCommand } from "./validate.js";

// Listed explicitly (no commandDir): what the CLI offers is visible here and survives bundling.
export const commands: CommandModule<any, any>[] = [serveCommand, validateCommand, conformanceCommand];
