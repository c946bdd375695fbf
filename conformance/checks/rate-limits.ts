import { environmentsOf } from "../../src/contract/environments.js";
import type { Segment } from "../../src/contract/provenance.js";
import type { Contract, RateLimitPolicy } from "../../src/contract/schema.js";
import type { Check, CheckContext } from "../check.js";
import { expectRefusal } from "../expect.js";
import { environmentRole, primaryEnvironment } from "../roles.js";
import type { RouteMap } from "../routes.js";
import type { Reply } from "../target.js";
import { CheckSkip, type Verdict } from "../verdict.js";
import { probe } from "./auth.js";

/** The most requests one check sends to use up a window, so a run stays bounded. */
export const MAX_REQUESTS = 5000;

interface Window {
  environment: string | undefined;
  policyName: string;
  policy: RateLimitPolicy;
  role: string;
}

/** Each environment's documented window, with the key role of that environment. */
function windowsOf(contract: Contract): Window[] {
  const policies = contract.rateLimits?.policies ?? {};
  const served = contract.separateEnvironments ? [primaryEnvironment(contract)] : environmentsOf(contract);
  const environments = served.length > 0 ? served : [undefined];
  return environments.flatMap((environment) => {
    const policyName = environment !== undefined && policies[environment] ? environment : "default";
    const policy = policies[policyName];
    return policy ? [{ environment, policyName, policy, role: environment === undefined ? "valid" : environmentRole(contract, environment) }] : [];
  });
}

const whole = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined);

/** Rate limits by the documented numbers: the headers of a success, and (last, they use up the window) the 429. */
export function rateLimitChecks(contract: Contract, map: RouteMap): { checks: Check[]; exhausting: Check[] } {
  const limits = contract.rateLimits;
  if (!limits) return { checks: [], exhausting: [] };
  const p = probe(contract, map);
  const names = limits.headers;
  const checks: Check[] = [];
  const exhausting: Check[] = [];
  const label = (w: Window) => w.environment ?? w.policyName;
  const policyFact = (w: Window, field: "limit" | "windowSeconds"): Segment[] => ["rateLimits", "policies", w.policyName, field];

  for (const w of windowsOf(contract)) {
    if (names.limit || names.remaining || names.reset) {
      checks.push({
        id: `ratelimit.headers.${label(w)}`,
        title: `a ${label(w)} key's success carries ${[names.limit, names.remaining, names.reset].filter(Boolean).join(", ")}: limit ${w.policy.limit} a ${w.policy.windowSeconds} s window`,
        needs: [w.role],
        routes: [p.route],
        destructive: p.destructive,
        async run(context, v) {
          const reply = await p.call(context, context.keys[w.role]);
          await expectWindowHeaders(context, v, contract, w, reply);
        },
      });
    }
    exhausting.push({
      id: `ratelimit.429.${label(w)}`,
      title: `the request after a ${label(w)} key's ${w.policy.limit}th in a window answers 429 with the documented headers`,
      needs: [w.role],
      routes: [p.route],
      destructive: true,
      run: (context, v) => exhaust(context, v, contract, w, (key) => p.call(context, key), policyFact),
    });
  }
  if (names.remaining) {
    const w = windowsOf(contract)[0];
    if (w) {
      checks.push({
        id: "ratelimit.remaining-decrements",
        title: `${names.remaining} goes down by one a request`,
        needs: [w.role],
        routes: [p.route],
        destructive: p.destructive,
        async run(context, v) {
          const fact: Segment[] = ["rateLimits", "headers", "remaining"];
          for (let attempt = 0; attempt < 2; attempt++) {
            const first = whole((await p.call(context, context.keys[w.role])).header(names.remaining as string));
            const second = whole((await p.call(context, context.keys[w.role])).header(names.remaining as string));
            if (!v.fact(fact, `${names.remaining} on two successes`, first !== undefined && second !== undefined, "whole numbers", [first, second])) return;
            // A window that rolled over between the two requests proves nothing: try once more.
            if ((second as number) > (first as number) && attempt === 0) continue;
            v.fact(fact, `${names.remaining} after one more request`, second === (first as number) - 1, (first as number) - 1, second);
            return;
          }
        },
      });
    }
  }
  return { checks, exhausting };
}

/** The documented headers on a success: whole numbers, the limit of this environment, a reset within the window. */
async function expectWindowHeaders(context: CheckContext, v: Verdict, contract: Contract, w: Window, reply: Reply): Promise<void> {
  const limits = contract.rateLimits;
  if (!limits) return;
  const names = limits.headers;
  const read = (name: "limit" | "remaining" | "reset") => {
    const header = names[name];
    if (!header) return undefined;
    const value = reply.header(header);
    v.fact(["rateLimits", "headers", name], `${header} header`, whole(value) !== undefined, "a whole number", value ?? "(absent)");
    return whole(value);
  };
  const limit = read("limit");
  const remaining = read("remaining");
  const reset = read("reset");
  if (limit !== undefined) v.fact(["rateLimits", "policies", w.policyName, "limit"], `${names.limit} for a ${w.environment ?? "default"} key`, limit === w.policy.limit, w.policy.limit, limit);
  if (remaining !== undefined) v.fact(["rateLimits", "headers", "remaining"], `${names.remaining}`, remaining < w.policy.limit, `0..${w.policy.limit - 1}`, remaining);
  if (reset !== undefined) {
    const now = Math.floor((context.mock ? await context.mock.now() : (Date.parse(reply.header("date") ?? "") || Date.now())) / 1000);
    const window = w.policy.windowSeconds;
    const [low, high] = limits.resetFormat === "unix-seconds" ? [now - 2, now + window + 2] : [0, window + 1];
    v.fact(["rateLimits", "resetFormat"], `${names.reset} (${limits.resetFormat})`, reset >= low && reset <= high, `${low}..${high}`, reset);
  }
}

/**
 * Uses up a window and expects the next request to be the 429, with the documented headers on it. Against the mock,
 * its clock first jumps to a fresh window (so a boundary cannot cut the count) and, after the 429, past the window.
 */
async function exhaust(context: CheckContext, v: Verdict, contract: Contract, w: Window, send: (key: string | undefined) => Promise<Reply>, policyFact: (w: Window, f: "limit" | "windowSeconds") => Segment[]): Promise<void> {
  const limits = contract.rateLimits;
  if (!limits) return;
  if (w.policy.limit > MAX_REQUESTS) {
    throw new CheckSkip(`the documented limit (${w.policy.limit}) is above the ${MAX_REQUESTS} requests this check may send; hold the key to a smaller limit on the target (keymock: POST /__keymock/keys/:id/rate-limit) to check it`);
  }
  const key = context.keys[w.role] as string;
  const windowMs = w.policy.windowSeconds * 1000;
  if (context.mock) await context.mock.setClock((Math.floor((await context.mock.now()) / windowMs) + 2) * windowMs + 1000);
  const usedBefore = context.transport.sentWith(key);
  const remainingHeader = limits.headers.remaining;
  let successes = 0;
  let fresh = context.mock !== undefined;
  let previous: number | undefined;
  let last: Reply | undefined;
  for (let i = 0; i < w.policy.limit * 2 + 2; i++) {
    last = await send(key);
    if (last.status === 429) break;
    successes++;
    const remaining = remainingHeader ? whole(last.header(remainingHeader)) : undefined;
    if (remaining !== undefined && previous !== undefined && remaining > previous) {
      // The window rolled over: count from its start, as the server does.
      fresh = true;
      successes = w.policy.limit - remaining;
    }
    previous = remaining;
  }
  const limitFact = policyFact(w, "limit");
  if (!v.fact(limitFact, `a 429 within ${w.policy.limit * 2 + 2} requests`, last?.status === 429, 429, last?.status)) return;
  const reply = last as Reply;
  if (fresh) v.fact(limitFact, "requests let through in a fresh window before the 429", successes === w.policy.limit, w.policy.limit, successes);
  else if (previous !== undefined) v.fact(limitFact, `${remainingHeader} on the last success before the 429`, previous === 0, 0, previous);
  else if (successes > 0) {
    const low = Math.max(0, w.policy.limit - usedBefore);
    v.fact(limitFact, "requests let through before the 429", successes >= low && successes <= w.policy.limit, `${low}..${w.policy.limit}`, successes);
  }
  expectRefusal(contract, v, "rate_limited", reply);
  for (const name of ["limit", "remaining", "reset"] as const) {
    const header = limits.headers[name];
    if (header) v.fact(["rateLimits", "headers", name], `${header} on the 429`, whole(reply.header(header)) !== undefined, "a whole number", reply.header(header) ?? "(absent)");
  }
  const limitHeader = limits.headers.limit;
  if (limitHeader && whole(reply.header(limitHeader)) !== undefined) {
    v.fact(limitFact, `${limitHeader} on the 429`, whole(reply.header(limitHeader)) === w.policy.limit, w.policy.limit, whole(reply.header(limitHeader)));
  }
  if (remainingHeader && whole(reply.header(remainingHeader)) !== undefined) v.fact(["rateLimits", "headers", "remaining"], `${remainingHeader} on the 429`, reply.header(remainingHeader) === "0", "0", reply.header(remainingHeader));
  if (limits.retryAfter) v.fact(["rateLimits", "retryAfter"], "Retry-After on the 429", whole(reply.header("retry-after")) !== undefined, "whole seconds", reply.header("retry-after") ?? "(absent)");
  if (context.mock) {
    await context.mock.setClock((await context.mock.now()) + windowMs);
    const after = await send(key);
    v.fact(["rateLimits", "window"], `a request once the ${w.policy.windowSeconds} s window has passed`, after.status < 400, "let through", after.status);
  }
}
