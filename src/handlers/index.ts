import { http, HttpResponse, type HttpHandler } from "msw";
import { fetchHandler } from "../adapters/fetch-handler.js";
import { resolveContract, type BundledName } from "../contract/bundled.js";
import { escapeRegExp } from "../contract/references.js";
import type { Contract } from "../contract/schema.js";
import { createEngine, type Engine, type EngineOptions } from "../engine/engine.js";
import { checkEngineOptions } from "../engine/engine-options.js";

export interface HandlerOptions extends EngineOptions {
  /** intercept this base URL instead of the contract's own (e.g. a staging host) */
  baseUrl?: string;
  /** an engine already built, to share state with a server or between handler sets */
  engine?: Engine;
}

/**
 * MSW handlers for a contract: one catch-all under its base URL that hands every request to the engine.
 * Returned at once, as MSW expects; the engine (key hashing is async in browsers) is ready by the first request.
 * @example setupWorker(...handlersFor("moonkey")).start()
 */
export function handlersFor(contract: BundledName | Contract, options: HandlerOptions = {}): HttpHandler[] {
  const resolved = resolveContract(contract);
  checkEngineOptions(options);
  const ready = options.engine ? Promise.resolve(options.engine) : createEngine(resolved, options);
  // Kept from being an unhandled rejection until a request awaits it and reports the failure there.
  ready.catch(() => undefined);
  const base = new URL(options.baseUrl ?? resolved.baseUrl);
  const basePath = base.pathname.replace(/\/$/, "");
  // Either protocol, so a plain-http call to an HTTPS-only API gets the contract's refusal rather than passing through.
  const under = new RegExp(`^https?://${escapeRegExp(base.host)}${escapeRegExp(basePath)}(?:[/?#]|$)`);
  const handle = fetchHandler(ready, { basePath });
  return [
    http.all(under, async ({ request }) => {
      try {
        return await handle(request);
      } catch (error) {
        // MSW would answer with the stack trace; the page gets an envelope, the console the reason.
        console.error(`[keymock] Failed to answer ${request.method} ${request.url}: ${(error as Error).message}`);
        return HttpResponse.json({ error: { code: "keymock_internal_error", message: "keymock failed to answer this request; see the console." } }, { status: 500 });
      }
    }),
  ];
}
