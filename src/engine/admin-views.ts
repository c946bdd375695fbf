import type { Contract } from "../contract/schema.js";
import type { Activity } from "./activity.js";
import { AdminInputError } from "./admin-error.js";
import { json, type EngineResponse } from "./envelope.js";
import type { KeyStore } from "./key-store.js";
import type { RateLimiter } from "./rate-limiter.js";
import { SESSION_KIND } from "./sessions.js";

/** GET /__keymock/contract: what the dashboard shows of the contract; every figure from the fixture. */
export function describeContract(contract: Contract, environment: string | undefined): EngineResponse {
  const limits = contract.rateLimits;
  return json(200, {
    name: contract.name,
    title: contract.title,
    baseUrl: contract.baseUrl,
    environment: environment ?? null,
    credentials: contract.credentials.map((c) => ({ header: c.header, scheme: c.scheme ?? null })),
    keyKinds: contract.keyKinds.map((k) => ({ id: k.id, prefix: k.prefix, type: k.kind, environment: k.environment ?? null })),
    roles: Object.keys(contract.permissions.roles),
    scopes: contract.permissions.scopes,
    rateLimits: limits ? { window: limits.window, policies: limits.policies } : null,
  });
}

/** GET /__keymock/windows: each key's rate-limit window as it stands, without counting a request. */
export function listWindows(keys: KeyStore, limiter: RateLimiter): EngineResponse {
  const windows = keys
    .list()
    .filter((k) => k.kind !== SESSION_KIND)
    .map((key) => {
      const usage = limiter.usage(key);
      return { id: key.id, ...(usage ? { ...usage, resetsAt: new Date(usage.resetsAt).toISOString() } : { limit: null }) };
    });
  return json(200, windows);
}

/** GET /__keymock/decisions[?after=<seq>]: the recent decisions, oldest first. */
export function listDecisions(activity: Activity, query: string | undefined): EngineResponse {
  const after = new URLSearchParams(query ?? "").get("after");
  if (after !== null && !/^\d{1,15}$/.test(after)) {
    throw new AdminInputError(400, "invalid_after", `"after" takes the seq of the last decision you have, a whole number; got ${JSON.stringify(after.slice(0, 40))}.`);
  }
  return json(200, activity.recent(Number(after ?? 0)));
}
