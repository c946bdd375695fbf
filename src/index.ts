// keymock: the browser-safe entry (no node:*, express, msw or zod at import). Node adapters are in keymock/node,
// fixture validation in keymock/validate, MSW handlers in keymock/msw, the express app in keymock/express.

// Contracts: the bundled ones, validated when keymock was built; the types of any contract.
export { bundledContract, bundledNames } from "./contract/bundled.js";
export type { BundledName } from "./contract/bundled.js";
export type { Contract, ContractInput, DenialReason, HttpMethod, Route } from "./contract/schema.js";
export { ContractError } from "./contract/contract-error.js";
export type { Problem } from "./contract/contract-error.js";

// The engine: plain request data in, status + headers + body out.
export { createEngine, MAX_BODY_BYTES } from "./engine/engine.js";
export { errorBody } from "./contract/render.js";
export type { AdminAccess, Engine, EngineOptions, EngineRequest, EngineResult } from "./engine/engine.js";
export type { ActivityEvent, DecisionName, DecisionRecord } from "./engine/activity.js";
export type { RecordStorage } from "./engine/records.js";

// The engine as a fetch-style function (web Request in, Response out): no server, no port, runs wherever fetch does.
export { fetchHandler } from "./adapters/fetch-handler.js";
export type { FetchHandlerOptions } from "./adapters/fetch-handler.js";
