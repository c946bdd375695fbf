import type { Command } from "../command.js";
import { conformanceCommand } from "./conformance.js";
import { serveCommand } from "./serve.js";
import { validateCommand } from "./validate.js";

// Listed explicitly: what the CLI offers is visible here, and the help lists it in this order.
export const commands: Command[] = [serveCommand, validateCommand, conformanceCommand];
