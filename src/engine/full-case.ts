import type { Limits } from "../contract/limits.js";
import type { Contract, ErrorCase } from "../contract/schema.js";
import { caseFor } from "../contract/render.js";

/**
 * The refusal when a store holds its cap (a model's records, issued keys): the contract's own limits.full, else its validation_failed
 * status and code with a message that names the cap and the way out.
 */
export function fullCase(contract: Contract, limits: Limits, holds: string): ErrorCase {
  if (limits.full) return limits.full;
  const { status, code } = caseFor(contract, "validation_failed");
  return { status, code, message: `keymock holds at most ${holds}; delete some or POST /__keymock/reset.` };
}
