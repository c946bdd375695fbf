import { describe, expect, it } from "vitest";
import { consumeWindow, emptyWindow, peekWindow } from "./rate-limit.js";

const policy = { limit: 3, windowSeconds: 60 };

describe("fixed windows", () => {
  it("align to the minute, count down to 0 and refuse the request after the limit until the next minute", () => {
    const state = emptyWindow();
    const t = Date.parse("2026-01-01T10:00:45Z");
    const remaining = [0, 1, 2, 3].map(() => consumeWindow(state, policy, "fixed", t));
    expect(remaining.map((o) => [o.allowed, o.remaining])).toEqual([[true, 2], [true, 1], [true, 0], [false, 0]]);
    expect(remaining[3]?.resetAt).toBe(Date.parse("2026-01-01T10:01:00Z"));
    expect(consumeWindow(state, policy, "fixed", Date.parse("2026-01-01T10:01:00Z"))).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("peek does not count", () => {
    const state = emptyWindow();
    consumeWindow(state, policy, "fixed", 0);
    expect(peekWindow(state, policy, "fixed", 1).remaining).toBe(2);
    expect(peekWindow(state, policy, "fixed", 1).remaining).toBe(2);
  });
});

describe("sliding windows", () => {
  it("free a slot when the oldest request is one window old, not at a boundary", () => {
    const state = emptyWindow();
    for (const t of [0, 10_000, 20_000]) expect(consumeWindow(state, policy, "sliding", t).allowed).toBe(true);
    const refused = consumeWindow(state, policy, "sliding", 59_999);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetAt: 60_000 });
    expect(consumeWindow(state, policy, "sliding", 60_000)).toMatchObject({ allowed: true, remaining: 0, resetAt: 70_000 });
  });
});

describe("a sliding window with a large limit", () => {
  it("keeps exact counts while requests keep leaving it, and holds only the requests still inside", () => {
    const large = { limit: 5_000, windowSeconds: 1 };
    const state = emptyWindow();
    // 20,000 requests, one a tenth of a millisecond: 10,000 fall in any one-second window, so half are refused.
    let allowed = 0;
    for (let i = 0; i < 20_000; i++) if (consumeWindow(state, large, "sliding", i / 10).allowed) allowed++;
    expect(allowed).toBe(10_000);
    expect(peekWindow(state, large, "sliding", 1_999.9).remaining).toBe(0);
    expect(state.times.length - state.head).toBe(5_000);
    expect(state.times.length).toBeLessThanOrEqual(10_000);
    expect(peekWindow(state, large, "sliding", 3_000).remaining).toBe(5_000);
  });
});
