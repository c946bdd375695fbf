import type { RateLimitPolicy } from "../contract/schema.js";

/** One key's usage: a fixed window's start and count, or a sliding window's request times. */
export interface WindowState {
  start: number;
  count: number;
  times: number[];
}

export interface WindowOutcome {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** when the window frees a request again, in ms since the epoch */
  resetAt: number;
}

/**
 * Counts one request against a window, or refuses it; the check and the count happen in one synchronous step,
 * so concurrent requests cannot both take the last slot.
 * @example consumeWindow(state, { limit: 100, windowSeconds: 60 }, "fixed", Date.now())
 */
export function consumeWindow(
  state: WindowState,
  policy: RateLimitPolicy,
  mode: "fixed" | "sliding",
  now: number,
): WindowOutcome {
  const windowMs = policy.windowSeconds * 1000;
  if (mode === "fixed") {
    // Windows align to multiples of their length since the epoch: a minute window resets on the minute, a day at 00:00 UTC.
    const start = now - (now % windowMs);
    if (state.start !== start) {
      state.start = start;
      state.count = 0;
    }
    const allowed = state.count < policy.limit;
    if (allowed) state.count++;
    return { allowed, limit: policy.limit, remaining: policy.limit - state.count, resetAt: start + windowMs };
  }
  const cutoff = now - windowMs;
  let drop = 0;
  while (drop < state.times.length && (state.times[drop] as number) <= cutoff) drop++;
  if (drop > 0) state.times.splice(0, drop);
  const allowed = state.times.length < policy.limit;
  if (allowed) state.times.push(now);
  const oldest = state.times[0] ?? now;
  return { allowed, limit: policy.limit, remaining: policy.limit - state.times.length, resetAt: oldest + windowMs };
}

/** The same figures without counting: for responses refused before the rate-limit step. */
export function peekWindow(
  state: WindowState,
  policy: RateLimitPolicy,
  mode: "fixed" | "sliding",
  now: number,
): WindowOutcome {
  const windowMs = policy.windowSeconds * 1000;
  if (mode === "fixed") {
    const start = now - (now % windowMs);
    const used = state.start === start ? state.count : 0;
    return { allowed: used < policy.limit, limit: policy.limit, remaining: policy.limit - used, resetAt: start + windowMs };
  }
  const live = state.times.filter((t) => t > now - windowMs);
  return {
    allowed: live.length < policy.limit,
    limit: policy.limit,
    remaining: policy.limit - live.length,
    resetAt: (live[0] ?? now) + windowMs,
  };
}

export function emptyWindow(): WindowState {
  return { start: -1, count: 0, times: [] };
}
