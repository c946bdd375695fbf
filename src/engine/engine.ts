import type { Contract, Route } from "../contract/schema.js";
import { resolveContract, type BundledName } from "../contract/bundled.js";
import { limitsOf } from "../contract/limits.js";
import { checkEngineOptions } from "./engine-options.js";
import { handleAdmin, ADMIN_PREFIX } from "./admin.js";
import { guardAdmin } from "./admin-guard.js";
import { runAction } from "./actions.js";
import { issueKeyFromRoute } from "./issue-key-route.js";
import { authorize, type GuardContext } from "./authorize.js";
import { readBody, type FieldProblem } from "./body.js";
import { fullCase } from "./full-case.js";
import { readPage, type Page } from "./page.js";
import { createClock, type Clock } from "./clock.js";
import { corsHeaders, corsPolicy, preflightHeaders } from "./cors.js";
import { json, renderCase, renderDenial, type EngineResponse } from "./envelope.js";
import { messageFor, type Vars } from "../contract/render.js";
import { compileKeyFormats } from "./key-formats.js";
import { KeyStore, type StoredKey } from "./key-store.js";
import { RateLimiter, type RateLimitOptions } from "./rate-limiter.js";
import { RecordStore, type PersistOptions, type RecordStorage } from "./records.js";
import { Router, type RouteMatch } from "./router.js";
import { storeSeededKey } from "./seed-keys.js";
import { servedEnvironment } from "../contract/environments.js";

/** Bodies above this answer the contract's payload_too_large case. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A request as plain data: what every transport can hand over. */
export interface EngineRequest {
  method: string;
  /** the path below where the contract is served, without the query string */
  path: string;
  /** the query string without its "?", where the transport has one; list routes page by it */
  query?: string | undefined;
  /** lower-case header names */
  headers: Record<string, string | undefined>;
  body?: string | undefined;
  /** set by the transport when it stopped reading at MAX_BODY_BYTES */
  bodyTooLarge?: boolean;
  /** true or false when the transport can tell how the request arrived; undefined when it cannot */
  secure?: boolean | undefined;
}

export interface EngineResult extends EngineResponse {
  /** the presented key as it may be logged: prefix + last 4 */
  keyHint?: string | undefined;
}

export interface EngineOptions {
  /** faker seed for generated records (default 1) */
  seed?: number;
  /** the time source the mock's clock runs on (default Date.now) */
  now?: () => number;
  /** where the clock starts, in ms since the epoch (default: the time source's now) */
  startAt?: number;
  /** serve /__keymock/ admin routes (default true) */
  admin?: boolean;
  /** departures from the documented rate limits: off, scaled, IETF headers */
  rateLimit?: RateLimitOptions;
  /** when set, /__keymock/ needs `Authorization: Bearer <token>` and answers any Host; else loopback Hosts only */
  adminToken?: string | undefined;
  /** where each environment is its own deployment (contract.separateEnvironments): the one to serve; default the first */
  environment?: string;
  /**
   * keep records across page reloads: true stores them in the browser's localStorage under "keymock/<contract>/records";
   * or give a storage and key. reset() restores the seeded records there too.
   */
  persist?: boolean | { storage?: RecordStorage; key?: string };
}

export interface Engine {
  readonly contract: Contract;
  /** the environment served where each is its own deployment; undefined when all are */
  readonly environment: string | undefined;
  readonly clock: Clock;
  readonly keys: KeyStore;
  readonly limiter: RateLimiter;
  handle(request: EngineRequest): Promise<EngineResult>;
  /** restores seeded keys, records, empty rate-limit windows and the clock where it started */
  reset(): void;
}

/**
 * Builds everything a contract needs once: route index, key formats, stores, limiter.
 * The work inside is synchronous; createEngine and handle stay promise-returning, the API transports and users
 * already await, so a store that needs I/O can come later without breaking them.
 * @example const engine = await createEngine(contract, { seed: 42 }); await engine.handle({ method: "GET", path: "/v1/users/1", headers: {} })
 */
export async function createEngine(contractOrName: Contract | BundledName, options: EngineOptions = {}): Promise<Engine> {
  const contract = resolveContract(contractOrName);
  checkEngineOptions(options);
  const limits = limitsOf(contract);
  const clock = createClock(options.now, options.startAt);
  const seed = options.seed ?? 1;
  const router = new Router(contract.routes);
  const keys = new KeyStore();
  const limiter = new RateLimiter(contract, clock.now, options.rateLimit);
  const records = new RecordStore(contract, seed, clock.now, persistOptions(contract, options.persist), limits.maxRecords);
  const cors = corsPolicy(contract, options.rateLimit?.ietf ?? false);
  const environment = servedEnvironment(contract, options.environment);
  const guards: GuardContext = { contract, formats: compileKeyFormats(contract), keys, limiter, now: clock.now, environment };
  const admin = options.admin ?? true;
  const isAdminPath = (path: string) => admin && (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`));

  function seedKeys(): void {
    const createdAt = clock.now();
    const seeded = contract.keys.map((key) => storeSeededKey(contract, keys, key, createdAt));
    keys.clear();
    for (const key of seeded) keys.add(key);
  }
  function reset(): void {
    clock.reset();
    seedKeys();
    records.reset();
    limiter.reset();
  }
  // The record store and the limiter start in their seeded state; generating the records twice cost ~4 ms of start-up (medians of six).
  seedKeys();
  await records.ready();

  // The decision path (DESIGN.md): preflight → admin → route → authorize → body → action. Each step returns the
  // answer that ends the request, or the value the next step needs.
  function respond(request: EngineRequest): EngineResult | Promise<EngineResult> {
    const method = request.method.toUpperCase() === "HEAD" ? "GET" : request.method.toUpperCase();
    const adminPath = isAdminPath(request.path);
    if (method === "OPTIONS") return { status: 204, headers: adminPath ? {} : preflightHeaders(cors, request.headers["origin"]), body: "" };
    if (adminPath) return answerAdmin(request, method);

    const vars = { method, path: request.path };
    if (request.bodyTooLarge) return renderDenial(contract, "payload_too_large", vars);
    const match = router.match(method, request.path);
    if (!match) return renderDenial(contract, "route_not_found", vars);

    const decision = authorize(guards, match.route, { method, path: request.path, headers: request.headers, secure: request.secure });
    if (!decision.allowed) {
      const denial: EngineResult = renderDenial(contract, decision.reason, decision.vars, undefined, decision.headers);
      denial.keyHint = decision.keyHint;
      return denial;
    }
    // Every response object is built fresh for this request, so adding to it saves copying it per request.
    const withKey = (response: EngineResult): EngineResult => {
      Object.assign(response.headers, decision.headers);
      response.keyHint = decision.keyHint;
      return response;
    };
    const body = readRouteBody(match.route, method, request, vars);
    if ("refusal" in body) return withKey(body.refusal);
    const answer = act(match, decision.key, body.value, request.query, vars);
    return answer instanceof Promise ? answer.then(withKey) : withKey(answer);
  }

  function answerAdmin(request: EngineRequest, method: string): EngineResponse {
    const refused = guardAdmin(request.headers, options.adminToken);
    if (refused) return refused;
    if (request.bodyTooLarge) return json(413, { error: { code: "payload_too_large", message: `The request body is larger than ${MAX_BODY_BYTES} bytes.` } });
    const context = { contract, keys, clock, limiter, limits, reset };
    return handleAdmin(context, { method, path: request.path.slice(ADMIN_PREFIX.length), body: request.body });
  }

  function readRouteBody(route: Route, method: string, request: EngineRequest, vars: Vars): { value: Record<string, unknown> } | { refusal: EngineResponse } {
    if (method !== "POST" && method !== "PUT" && method !== "PATCH") return { value: {} };
    const read = readBody(route, request.body, request.headers["content-type"], clock.now(), limits);
    if (read.ok) return { value: read.value };
    return { refusal: read.reason === "validation_failed" ? renderProblems(vars, read.problems) : renderDenial(contract, read.reason, vars) };
  }

  function act(match: RouteMatch, caller: StoredKey, body: Record<string, unknown>, query: string | undefined, vars: Vars): EngineResponse | Promise<EngineResponse> {
    const { action } = match.route;
    if (action.type === "issue_key") {
      if (keys.issuedCount() >= limits.maxKeys) return renderFull(`${limits.maxKeys} issued keys (limits.maxKeys in the contract)`, vars);
      return issueKeyFromRoute(contract, keys, action, caller, body, clock.now(), match.route.status ?? 201);
    }
    let page: Page | undefined;
    if (action.type === "list") {
      const read = readPage(query, limits);
      if ("problem" in read) return renderProblems(vars, [read.problem]);
      page = read.page;
    }
    return runAction(records, match.route, action, match.params, body, page).then((result) => {
      if (!result.found && result.full) return renderFull(`${limits.maxRecords} ${action.model} records (limits.maxRecords in the contract)`, vars);
      return result.found ? json(result.status, result.body) : renderDenial(contract, "not_found", vars);
    });
  }

  function renderFull(holds: string, vars: Vars): EngineResponse {
    return renderCase(contract, fullCase(contract, limits, holds), vars);
  }

  function renderProblems(vars: Vars, problems: FieldProblem[]): EngineResponse {
    const [first] = problems;
    const fields = Object.fromEntries(problems.map((p) => [p.field, messageFor(contract, "validation_failed", { ...vars, ...p })]));
    return renderDenial(contract, "validation_failed", { ...vars, ...first }, { fields });
  }

  return {
    contract,
    environment,
    clock,
    keys,
    limiter,
    reset,
    async handle(request) {
      const response = await respond(request);
      // The mock's own time, so a client that reads Date sees the clock the keys and windows run on.
      response.headers["Date"] ??= new Date(clock.now()).toUTCString();
      const origin = request.headers["origin"];
      if (origin && request.method.toUpperCase() !== "OPTIONS" && !isAdminPath(request.path)) Object.assign(response.headers, corsHeaders(cors, origin));
      return response;
    },
  };
}

function persistOptions(contract: Contract, persist: EngineOptions["persist"]): PersistOptions | undefined {
  if (!persist) return undefined;
  const given = persist === true ? {} : persist;
  const storage = given.storage ?? (globalThis as { localStorage?: RecordStorage }).localStorage;
  if (!storage) throw new Error("[keymock] persist: true needs localStorage (a browser page); elsewhere pass persist: { storage }.");
  return { storage, key: given.key ?? `keymock/${contract.name}/records` };
}
