import { run } from "./run.js";

// `mock-server conformance --list | head`: the reader went away; stop quietly, as Unix tools do, not with a trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

await run(process.argv.slice(2));
