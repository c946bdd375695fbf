import type { RateLimitPolicy } from "../contract/schema.js";

/** One key's usage: a fixed window's start and count, or a sliding window's request times from `head` on. */
export interface WindowState {
  start: number;
  count: number;
  times: number[];
  /** index of the oldest time still in the window; times before it have left */
  head: number;
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
export function consumeWindow(state: WindowState, policy: RateLimitPolicy, mode: Mode, now: number): WindowOutcome {
  advance(state, policy, mode, now);
  const allowed = used(state, mode) < policy.limit;
  if (allowed) {
    if (mode === "fixed") state.count++;
    else state.times.push(now);
  }
  return figures(state, policy, mode, now, allowed);
}

/** The same figures without counting: for responses refused before the rate-limit step. */
export function peekWindow(state: WindowState, policy: RateLimitPolicy, mode: Mode, now: number): WindowOutcome {
  advance(state, policy, mode, now);
  return figures(state, policy, mode, now, used(state, mode) < policy.limit);
}

type Mode = "fixed" | "sliding";

/** Forgets what has left the window: a fixed window rolls over, a sliding one drops requests older than its length. */
function advance(state: WindowState, policy: RateLimitPolicy, mode: Mode, now: number): void {
  const windowMs = policy.windowSeconds * 1000;
  if (mode === "fixed") {
    // Windows align to multiples of their length since the epoch: a minute window resets on the minute, a day at 00:00 UTC.
    const start = now - (now % windowMs);
    if (state.start !== start) {
      state.start = start;
      state.count = 0;
    }
    return;
  }
  // Moving an index, not splicing, keeps a request O(1) however many requests the window holds.
  while (state.head < state.times.length && (state.times[state.head] as number) <= now - windowMs) state.head++;
  if (state.head > 1024 && state.head * 2 > state.times.length) {
    state.times = state.times.slice(state.head);
    state.head = 0;
  }
}

function used(state: WindowState, mode: Mode): number {
  return mode === "fixed" ? state.count : state.times.length - state.head;
}

function figures(state: WindowState, policy: RateLimitPolicy, mode: Mode, now: number, allowed: boolean): WindowOutcome {
  const windowMs = policy.windowSeconds * 1000;
  const resetAt = mode === "fixed" ? state.start + windowMs : (state.times[state.head] ?? now) + windowMs;
  return { allowed, limit: policy.limit, remaining: policy.limit - used(state, mode), resetAt };
}

export function emptyWindow(): WindowState {
  return { start: -1, count: 0, times: [], head: 0 };
}
