/** The mock's time: a source (real time by default) plus an offset the admin API and --clock move. */
export interface Clock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
  /** back to where it started: startAt, or the time source itself */
  reset(): void;
}

/**
 * Creates a clock that runs on from wherever it is set.
 * @example const clock = createClock(() => 0); clock.advance(60_000); clock.now() // 60000
 */
export function createClock(source: () => number = () => Date.now(), startAt?: number): Clock {
  const initial = () => (startAt === undefined ? 0 : startAt - source());
  let offset = initial();
  return {
    now: () => source() + offset,
    set: (ms) => {
      offset = ms - source();
    },
    advance: (ms) => {
      offset += ms;
    },
    reset: () => {
      offset = initial();
    },
  };
}

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses "90d", "15m", "30s", "2h" or "500ms" into milliseconds; undefined when it is none of those. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * (units[match[2] as string] as number);
}
