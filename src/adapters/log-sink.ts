import type { Writable } from "node:stream";

export interface LogSink {
  write(line: string): void;
  /** lines not written: the reader went away (EPIPE) or fell too far behind */
  dropped(): number;
}

export interface LogSinkOptions {
  /** bytes the stream may hold unread before lines are dropped instead of queued */
  maxPendingBytes?: number;
  /** told once, the first time a line is dropped */
  onFirstDrop?: (why: string) => void;
}

/**
 * Log lines to a stream that can never take the server down or grow its memory: once the reader has gone (EPIPE)
 * or holds more than maxPendingBytes unread, lines are counted and dropped, never the requests they describe.
 * @example const log = createLogSink(process.stdout); log.write("GET /v1/users 200")
 */
export function createLogSink(stream: Writable, options: LogSinkOptions = {}): LogSink {
  const maxPending = options.maxPendingBytes ?? 1024 * 1024;
  let broken = false;
  let dropped = 0;
  const drop = (why: string) => {
    if (dropped++ === 0) options.onFirstDrop?.(why);
  };
  stream.on("error", () => {
    if (!broken) drop("the log reader went away");
    broken = true;
  });
  return {
    write(line) {
      if (broken || stream.destroyed) return drop("the log reader went away");
      if (stream.writableLength > maxPending) return drop("the log reader is too slow");
      stream.write(`${line}\n`);
    },
    dropped: () => dropped,
  };
}
