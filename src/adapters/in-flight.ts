import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

export interface InFlight {
  listener: RequestListener;
  /** requests received whose response has not closed yet */
  count(): number;
  /** from now on every response asks its connection to close, and those in flight too where headers are unsent */
  drain(): void;
  /** resolves when no request is in flight */
  idle(): Promise<void>;
}

/**
 * Wraps a request listener to know what is in flight, so shutdown can wait for it instead of cutting it.
 * @example const inFlight = trackInFlight(listener); createServer(inFlight.listener)
 */
export function trackInFlight(listener: RequestListener): InFlight {
  const active = new Set<ServerResponse>();
  let draining = false;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (active.size > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };
  return {
    listener(req: IncomingMessage, res: ServerResponse) {
      active.add(res);
      if (draining) res.setHeader("Connection", "close");
      res.once("close", () => {
        active.delete(res);
        settle();
      });
      listener(req, res);
    },
    count: () => active.size,
    drain() {
      draining = true;
      for (const res of active) if (!res.headersSent) res.setHeader("Connection", "close");
    },
    idle: () => (active.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
