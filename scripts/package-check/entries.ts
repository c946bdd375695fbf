// Every public entry, type-checked with skipLibCheck: false in each module resolution (tsconfig.*.json here).
import { bundledContract, bundledNames, ContractError, createEngine, errorBody, fetchHandler, MAX_BODY_BYTES } from "keymock";
import type { BundledName, Contract, Engine, EngineResult } from "keymock";
import { createRequestListener, listen, ListenError, loadFixture, validateFixtureFile } from "keymock/node";
import type { Mount } from "keymock/node";
import { contractJsonSchema, contractSchema, parseContract, validateContract } from "keymock/validate";
import { handlersFor } from "keymock/msw";
import type { HandlerOptions } from "keymock/msw";
import { createApp } from "keymock/express";
import { conformance } from "keymock/conformance";

type IsAny<T> = 0 extends 1 & T ? true : false;

/** Each public type that could silently become `any` when a declaration fails to resolve. */
interface Probes {
  bundledName: BundledName;
  contract: Contract;
  engine: Engine;
  engineResult: EngineResult;
  mount: Mount;
  handlerOptions: HandlerOptions;
  handlers: ReturnType<typeof handlersFor>;
  app: ReturnType<typeof createApp>;
  listener: ReturnType<typeof createRequestListener>;
  server: Awaited<ReturnType<typeof listen>>;
  conformanceTarget: NonNullable<Parameters<typeof conformance>[0]["target"]>;
  conformanceResults: Awaited<ReturnType<typeof conformance>>;
  parsed: ReturnType<typeof parseContract>;
  validated: ReturnType<typeof validateContract>;
  schema: typeof contractSchema;
  loaded: Awaited<ReturnType<typeof loadFixture>>;
}
export const noAny: { [K in keyof Probes]: IsAny<Probes[K]> } = {
  bundledName: false,
  contract: false,
  engine: false,
  engineResult: false,
  mount: false,
  handlerOptions: false,
  handlers: false,
  app: false,
  listener: false,
  server: false,
  conformanceTarget: false,
  conformanceResults: false,
  parsed: false,
  validated: false,
  schema: false,
  loaded: false,
};

// @ts-expect-error a misspelt bundled name is a type error, not a runtime surprise
handlersFor("moonky");
// @ts-expect-error likewise for bundledContract
bundledContract("moonky");

export const used = [bundledNames, fetchHandler, ContractError, createEngine, errorBody, MAX_BODY_BYTES, ListenError, validateFixtureFile, contractJsonSchema];
