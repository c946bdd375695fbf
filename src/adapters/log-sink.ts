import type { Writable } from "node:stream";

export interface LogSink {
  write(line: string): void;
  /** writes what is batched now; the server calls it on exit */
  flush(): void;
  /** lines not written: the reader went away (EPIPE) or fell too far behind */
  dropped(): number;
}

/** About a dozen request lines. */
const BATCH_CHARS = 1024;

export interface LogSinkOptions {
  /** bytes the stream may hold unread before lines are dropped instead of queued */
  maxPendingBytes?: number;
  /** told once, the first time a line is dropped */
  onFirstDrop?: (why: string) => void;
}

/**
 * Log lines to a stream that can never take the server down or grow its memory: once the reader has gone (EPIPE)
 * or holds more than maxPendingBytes unread, lines are counted and dropped, never the requests they describe.
 * Lines go out together, at the end of the event loop's turn or once BATCH_CHARS have gathered: a write per line was
 * a system call per request, and a whole turn's lines held until its end outlived the young generation (bench/RESULTS.md).
 * @example const log = createLogSink(process.stdout); log.write("GET /v1/users 200")
 */
export function createLogSink(stream: Writable, options: LogSinkOptions = {}): LogSink {
  const maxPending = options.maxPendingBytes ?? 1024 * 1024;
  let broken = false;
  let dropped = 0;
  let batch = "";
  let scheduled = false;
  const drop = (why: string) => {
    if (dropped++ === 0) options.onFirstDrop?.(why);
  };
  stream.on("error", () => {
    if (!broken) drop("the log reader went away");
    broken = true;
  });
  const flush = () => {
    const text = batch;
    batch = "";
    if (text === "") return;
    if (broken || stream.destroyed) {
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) drop("the log reader went away");
      return;
    }
    stream.write(text);
  };
  return {
    write(line) {
      if (broken || stream.destroyed) return drop("the log reader went away");
      if (stream.writableLength + batch.length > maxPending) return drop("the log reader is too slow");
      batch += `${line}\n`;
      if (batch.length >= BATCH_CHARS) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          flush();
        });
      }
    },
    flush,
    dropped: () => dropped,
  };
}
