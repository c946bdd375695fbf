import { ServerResponse, type IncomingMessage } from "node:http";

export interface InFlight {
  /** the response class to create the server with (`createServer({ ServerResponse })`): it counts what is open */
  ServerResponse: typeof ServerResponse;
  /** requests received whose response has not closed yet */
  count(): number;
  /** from now on every response asks its connection to close, and those in flight too where headers are unsent */
  drain(): void;
  /** resolves when no request is in flight */
  idle(): Promise<void>;
}

/**
 * Knows what is in flight, so shutdown can wait for it instead of cutting it. The server's own response class does
 * the counting: a listener and a set entry per request kept every response alive longer and grew the heap under
 * load (bench/RESULTS.md).
 * @example const inFlight = trackInFlight(); createServer({ ServerResponse: inFlight.ServerResponse }, listener)
 */
export function trackInFlight(): InFlight {
  let open = 0;
  let draining = false;
  let waiters: (() => void)[] = [];

  class TrackedResponse extends ServerResponse {
    constructor(req: IncomingMessage) {
      super(req);
      open++;
    }

    // Node emits "close" once per response: when it has been sent, or when its connection went away first.
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event === "close" && --open === 0) {
        for (const resolve of waiters) resolve();
        waiters = [];
      }
      return super.emit(event, ...args);
    }
  }
  // Every response passes here, whether its handler called writeHead or Node did for it (end without writeHead).
  const writeHead = ServerResponse.prototype.writeHead;
  TrackedResponse.prototype.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (draining && !this.headersSent) this.setHeader("Connection", "close");
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof writeHead;

  return {
    ServerResponse: TrackedResponse as typeof ServerResponse,
    count: () => open,
    drain() {
      draining = true;
    },
    idle: () => (open === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
