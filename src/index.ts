// Contracts: validate fixtures, or use the bundled ones.
export { parseContract, parseContractText, validateContract, ContractError } from "./contract/load.js";
export { contractSchema, denialReasons } from "./contract/schema.js";
export type { Contract, ContractInput, DenialReason, HttpMethod, Route } from "./contract/schema.js";
export { bundledContract, bundledNames } from "./contract/bundled.js";
export type { BundledName } from "./contract/bundled.js";

// The engine: plain request data in, status + headers + body out.
export { createEngine, MAX_BODY_BYTES } from "./engine/engine.js";
export { errorBody } from "./contract/render.js";
export type { Engine, EngineOptions, EngineRequest, EngineResult } from "./engine/engine.js";

// Transports: MSW handlers, the standalone server's node:http request listener, and the same as an express app.
export { handlersFor } from "./handlers/index.js";
export type { HandlerOptions } from "./handlers/index.js";
export { createRequestListener } from "./adapters/request-listener.js";
export { fetchHandler } from "./adapters/fetch-handler.js";
export type { FetchHandlerOptions } from "./adapters/fetch-handler.js";
export type { Mount, AppOptions } from "./adapters/request-listener.js";
export { createApp } from "./adapters/express.js";
export { loadFixture } from "./adapters/fixture-file.js";
export { listen } from "./adapters/listen.js";
