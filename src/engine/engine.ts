import type { Contract, Route } from "../contract/schema.js";
import { resolveContract, type BundledName } from "../contract/bundled.js";
import { limitsOf } from "../contract/limits.js";
import { checkEngineOptions } from "./engine-options.js";
import { handleAdmin, ADMIN_PREFIX } from "./admin.js";
import { guardAdmin, guardAdminPage } from "./admin-guard.js";
import { runAction } from "./actions.js";
import { andThen, type MaybePromise } from "./maybe-promise.js";
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
import { caseKeyFor } from "../contract/render.js";
import { Activity, type DecisionName } from "./activity.js";

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
  /** what was decided, where it was not a refusal reason (a full store) */
  decision?: DecisionName;
}

/** The response header --explain adds: the decision, and the errors.cases entry a refusal was rendered from. */
export const EXPLAIN_HEADER = "X-Keymock-Decision";

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
  /** add X-Keymock-Decision to every contract response, naming the decision (default false: no contract has it) */
  explain?: boolean;
}

/** Who may use /__keymock/: undefined to allow, else the refusal to send. */
export interface AdminAccess {
  /** the admin API and the dashboard's event stream */
  api(headers: Record<string, string | undefined>): EngineResponse | undefined;
  /** the dashboard's page and assets, which hold no data: the token is asked for by the page, not by a navigation */
  page(headers: Record<string, string | undefined>): EngineResponse | undefined;
}

export interface Engine {
  readonly contract: Contract;
  /** the environment served where each is its own deployment; undefined when all are */
  readonly environment: string | undefined;
  readonly clock: Clock;
  readonly keys: KeyStore;
  readonly limiter: RateLimiter;
  /** recent decisions and whoever listens for them (the dashboard) */
  readonly activity: Activity;
  /** undefined where /__keymock/ is not served (admin: false) */
  readonly adminAccess: AdminAccess | undefined;
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
  const explain = options.explain ?? false;
  const cors = corsPolicy(contract, options.rateLimit?.ietf ?? false, explain ? [EXPLAIN_HEADER] : []);
  const activity = new Activity();
  const environment = servedEnvironment(contract, options.environment);
  const guards: GuardContext = { contract, formats: compileKeyFormats(contract), keys, limiter, now: clock.now, environment };
  const admin = options.admin ?? true;
  const httpDate = httpDateCache();
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
  function respond(request: EngineRequest): MaybePromise<EngineResult> {
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
    return andThen(answer, withKey);
  }

  function answerAdmin(request: EngineRequest, method: string): EngineResponse {
    const refused = guardAdmin(request.headers, options.adminToken);
    if (refused) return refused;
    if (request.bodyTooLarge) return json(413, { error: { code: "payload_too_large", message: `The request body is larger than ${MAX_BODY_BYTES} bytes.` } });
    const context = { contract, keys, clock, limiter, limits, activity, environment, reset };
    const path = request.path.slice(ADMIN_PREFIX.length);
    const response = handleAdmin(context, { method, path, body: request.body, query: request.query });
    if (method !== "GET" && response.status < 400) activity.changed(`${method} ${path}`);
    return response;
  }

  function readRouteBody(route: Route, method: string, request: EngineRequest, vars: Vars): { value: Record<string, unknown> } | { refusal: EngineResponse } {
    if (method !== "POST" && method !== "PUT" && method !== "PATCH") return { value: {} };
    const read = readBody(route, request.body, request.headers["content-type"], clock.now(), limits);
    if (read.ok) return { value: read.value };
    return { refusal: read.reason === "validation_failed" ? renderProblems(vars, read.problems) : renderDenial(contract, read.reason, vars) };
  }

  function act(match: RouteMatch, caller: StoredKey, body: Record<string, unknown>, query: string | undefined, vars: Vars): MaybePromise<EngineResponse> {
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
    return andThen(runAction(contract, records, match.route, action, match.params, body, page), (result) => {
      if (!result.found && result.full) return renderFull(`${limits.maxRecords} ${action.model} records (limits.maxRecords in the contract)`, vars);
      if (!result.found && result.brokenRef) return renderProblems(vars, [{ field: result.brokenRef.field, rule: "ref", expected: `the id of an existing ${result.brokenRef.model} record` }]);
      return result.found ? json(result.status, result.body) : renderDenial(contract, "not_found", vars);
    });
  }

  function renderFull(holds: string, vars: Vars): EngineResult {
    const response: EngineResult = renderCase(contract, fullCase(contract, limits, holds), vars);
    response.decision = "store_full";
    return response;
  }

  /** Logs a contract request's decision and, under --explain, names it in a header. */
  function recordDecision(request: EngineRequest, response: EngineResult): void {
    const decision = response.decision ?? response.reason ?? "allowed";
    const errorCase = response.reason ? caseKeyFor(contract, response.reason) : null;
    if (explain) response.headers[EXPLAIN_HEADER] = errorCase ? `${decision}; case=${errorCase}` : decision;
    activity.record({ at: clock.now(), method: request.method.toUpperCase(), path: request.path, status: response.status, keyHint: response.keyHint ?? null, decision, case: errorCase });
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
    activity,
    adminAccess: admin ? { api: (headers) => guardAdmin(headers, options.adminToken), page: (headers) => guardAdminPage(headers, options.adminToken) } : undefined,
    reset,
    // Not async: the request path makes no promise where nothing waits (bench/RESULTS.md); callers still get one.
    handle(request) {
      try {
        const answer = respond(request);
        return answer instanceof Promise ? answer.then((response) => finish(request, response)) : Promise.resolve(finish(request, answer));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };

  /** What every contract answer gets on its way out: the decision log, the mock's Date and CORS. */
  function finish(request: EngineRequest, response: EngineResult): EngineResult {
    const contractRequest = request.method.toUpperCase() !== "OPTIONS" && !isAdminPath(request.path);
    if (contractRequest) recordDecision(request, response);
    // The mock's own time, so a client that reads Date sees the clock the keys and windows run on.
    response.headers["Date"] ??= httpDate(clock.now());
    const origin = request.headers["origin"];
    if (origin && contractRequest) Object.assign(response.headers, corsHeaders(cors, origin));
    return response;
  }
}

/** An HTTP date changes once a second: formatted once per second, not once per request (as Node does for its own Date). */
function httpDateCache(): (ms: number) => string {
  let second = Number.NaN;
  let text = "";
  return (ms) => {
    const now = Math.floor(ms / 1000);
    if (now !== second) {
      second = now;
      text = new Date(now * 1000).toUTCString();
    }
    return text;
  };
}

function persistOptions(contract: Contract, persist: EngineOptions["persist"]): PersistOptions | undefined {
  if (!persist) return undefined;
  const given = persist === true ? {} : persist;
  const storage = given.storage ?? (globalThis as { localStorage?: RecordStorage }).localStorage;
  if (!storage) throw new Error("[keymock] persist: true needs localStorage (a browser page); elsewhere pass persist: { storage }.");
  return { storage, key: given.key ?? `keymock/${contract.name}/records` };
}
