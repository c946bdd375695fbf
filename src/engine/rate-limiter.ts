import type { Contract, RateLimitPolicy, RateLimits } from "../contract/schema.js";
import type { StoredKey } from "./key-store.js";
import { consumeWindow, emptyWindow, peekWindow, type WindowOutcome, type WindowState } from "./rate-limit.js";

export interface LimitResult {
  allowed: boolean;
  headers: Record<string, string>;
}

export interface WindowUsage {
  limit: number;
  used: number;
  windowSeconds: number;
  /** when the window frees a request again, ms since the epoch */
  resetsAt: number;
  window: "fixed" | "sliding";
  /** the key's own limit (set through the admin API), not the documented one */
  own: boolean;
}

/** How the mock departs from the documented limits, for local work. */
export interface RateLimitOptions {
  /** no limits at all (per-key overrides still apply) */
  off?: boolean;
  /** multiply every documented limit, e.g. 0.01 turns 1000/min into 10/min */
  scale?: number;
  /** also send the IETF RateLimit and RateLimit-Policy headers (draft-ietf-httpapi-ratelimit-headers) */
  ietf?: boolean;
}

/** A scaled limit stops here: a header of "1e+300" parses as a number in no client. */
const MAX_LIMIT = 1_000_000_000;

// A contract that documents no limits still needs a window shape for per-key overrides.
const undocumented: RateLimits = { window: "fixed", headers: {}, resetFormat: "unix-seconds", retryAfter: true, policies: {} };

interface NamedPolicy {
  name: string;
  policy: RateLimitPolicy;
}

/** Per-key windows for one contract, and the headers the contract documents for them. */
export class RateLimiter {
  private readonly windows = new Map<string, WindowState>();
  /** the documented policies by name, scaled once here rather than on every request */
  private readonly policies = new Map<string, NamedPolicy>();
  private readonly overrides = new Map<string, NamedPolicy>();
  private readonly limits: RateLimits;

  constructor(
    contract: Contract,
    private readonly now: () => number,
    private readonly options: RateLimitOptions = {},
  ) {
    this.limits = contract.rateLimits ?? undocumented;
    const scale = options.scale ?? 1;
    for (const [name, documented] of Object.entries(this.limits.policies)) {
      const limit = scale === 1 ? documented.limit : Math.min(MAX_LIMIT, Math.max(1, Math.round(documented.limit * scale)));
      this.policies.set(name, { name, policy: { ...documented, limit } });
    }
  }

  /** Counts the request; `allowed: false` means the window is exhausted. */
  consume(key: StoredKey): LimitResult {
    const policy = this.policyOf(key);
    if (!policy) return { allowed: true, headers: {} };
    const outcome = consumeWindow(this.windowOf(key.id), policy.policy, this.limits.window, this.now());
    return { allowed: outcome.allowed, headers: this.headersFor(outcome, policy) };
  }

  /** The headers as they stand, without counting the request. */
  peek(key: StoredKey): Record<string, string> {
    const policy = this.policyOf(key);
    if (!policy) return {};
    return this.headersFor(peekWindow(this.windowOf(key.id), policy.policy, this.limits.window, this.now()), policy);
  }

  /** Where a key's window stands now, without counting a request; undefined when the key has no limit. */
  usage(key: StoredKey): WindowUsage | undefined {
    const named = this.policyOf(key);
    if (!named) return undefined;
    const { limit, remaining, resetAt } = peekWindow(this.windowOf(key.id), named.policy, this.limits.window, this.now());
    return { limit, used: limit - remaining, windowSeconds: named.policy.windowSeconds, resetsAt: resetAt, window: this.limits.window, own: named.name === "override" };
  }

  /** A key's own limit, replacing the documented one; its window starts afresh. */
  override(keyId: string, policy: RateLimitPolicy | undefined): void {
    if (policy) this.overrides.set(keyId, { name: "override", policy });
    else this.overrides.delete(keyId);
    this.windows.delete(keyId);
  }

  /** The limit a key is held to now, or undefined when it has none. */
  policyFor(key: StoredKey): RateLimitPolicy | undefined {
    return this.policyOf(key)?.policy;
  }

  reset(): void {
    this.windows.clear();
    this.overrides.clear();
  }

  private policyOf(key: StoredKey): NamedPolicy | undefined {
    const override = this.overrides.get(key.id);
    if (override) return override;
    if (this.options.off) return undefined;
    return (key.environment !== undefined ? this.policies.get(key.environment) : undefined) ?? this.policies.get("default");
  }

  private windowOf(id: string): WindowState {
    let state = this.windows.get(id);
    if (!state) this.windows.set(id, (state = emptyWindow()));
    return state;
  }

  private headersFor(outcome: WindowOutcome, { name, policy }: NamedPolicy): Record<string, string> {
    const headers: Record<string, string> = {};
    const { limit, remaining, reset } = this.limits.headers;
    const secondsLeft = Math.max(0, Math.ceil((outcome.resetAt - this.now()) / 1000));
    const remainingNow = digits(Math.max(0, outcome.remaining));
    if (limit) headers[limit] = digits(outcome.limit);
    if (remaining) headers[remaining] = remainingNow;
    if (reset) headers[reset] = digits(this.limits.resetFormat === "unix-seconds" ? Math.ceil(outcome.resetAt / 1000) : secondsLeft);
    if (this.options.ietf) {
      headers["RateLimit-Policy"] = `"${name}";q=${policy.limit};w=${policy.windowSeconds}`;
      headers["RateLimit"] = `"${name}";r=${remainingNow};t=${secondsLeft}`;
    }
    if (!outcome.allowed && this.limits.retryAfter) headers["Retry-After"] = String(Math.max(1, secondsLeft));
    return headers;
  }
}

/**
 * A whole number as text, outside V8's number-to-string cache: String(n) keeps each new string in that cache, and a
 * remaining count is new on every request, so each one outlived the young generation (bench/RESULTS.md).
 */
const digits = (n: number): string => n.toFixed(0);
