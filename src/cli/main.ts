import { run } from "./run.js";
import { stdoutPolicy } from "./stdout-policy.js";

// `mock-server conformance --list | head`: the reader went away; stop quietly, as Unix tools do, not with a trace.
// The server keeps serving instead: its log sink drops the lines (src/adapters/log-sink.ts).
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  if (stdoutPolicy.exitOnEpipe) process.exit(0);
});

await run(process.argv.slice(2));
