// keymock/validate: checks a user's contract with the zod schema and the cross-reference checks (loads zod).
export { parseContract, parseContractText, validateContract, ContractError } from "./contract/load.js";
export type { Problem } from "./contract/load.js";
export { contractSchema, denialReasons } from "./contract/schema.js";
export { contractJsonSchema } from "./contract/json-schema.js";
