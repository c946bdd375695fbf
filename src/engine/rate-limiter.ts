import type { Contract, RateLimitPolicy, RateLimits } from "../contract/schema.js";
import type { StoredKey } from "./key-store.js";
import { consumeWindow, emptyWindow, peekWindow, type WindowOutcome, type WindowState } from "./rate-limit.js";

export interface LimitResult {
  allowed: boolean;
  headers: Record<string, string>;
}

/** Per-key windows for one contract, and the headers the contract documents for them. */
export class RateLimiter {
  private readonly windows = new Map<string, WindowState>();

  constructor(
    private readonly limits: RateLimits | undefined,
    private readonly now: () => number,
  ) {}

  static for(contract: Contract, now: () => number): RateLimiter {
    return new RateLimiter(contract.rateLimits, now);
  }

  /** Counts the request; `allowed: false` means the window is exhausted. */
  consume(key: StoredKey): LimitResult {
    const policy = this.policyOf(key);
    if (!policy || !this.limits) return { allowed: true, headers: {} };
    const outcome = consumeWindow(this.windowOf(key.id), policy, this.limits.window, this.now());
    return { allowed: outcome.allowed, headers: this.headersFor(outcome) };
  }

  /** The headers as they stand, without counting the request. */
  peek(key: StoredKey): Record<string, string> {
    const policy = this.policyOf(key);
    if (!policy || !this.limits) return {};
    return this.headersFor(peekWindow(this.windowOf(key.id), policy, this.limits.window, this.now()));
  }

  reset(): void {
    this.windows.clear();
  }

  private policyOf(key: StoredKey): RateLimitPolicy | undefined {
    const policies = this.limits?.policies;
    if (!policies) return undefined;
    return (key.environment !== undefined ? policies[key.environment] : undefined) ?? policies["default"];
  }

  private windowOf(id: string): WindowState {
    let state = this.windows.get(id);
    if (!state) this.windows.set(id, (state = emptyWindow()));
    return state;
  }

  private headersFor(outcome: WindowOutcome): Record<string, string> {
    const limits = this.limits as RateLimits;
    const headers: Record<string, string> = {};
    const { limit, remaining, reset } = limits.headers;
    const resetSeconds =
      limits.resetFormat === "unix-seconds"
        ? Math.ceil(outcome.resetAt / 1000)
        : Math.max(0, Math.ceil((outcome.resetAt - this.now()) / 1000));
    if (limit) headers[limit] = String(outcome.limit);
    if (remaining) headers[remaining] = String(Math.max(0, outcome.remaining));
    if (reset) headers[reset] = String(resetSeconds);
    if (!outcome.allowed && limits.retryAfter) {
      headers["Retry-After"] = String(Math.max(1, Math.ceil((outcome.resetAt - this.now()) / 1000)));
    }
    return headers;
  }
}
