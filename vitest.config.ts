import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "conformance/**/*.test.ts"],
    testTimeout: 20_000,
    // vitest's default, one worker fewer than the cores, runs every file in turn on a 2-core machine; many of these
    // files mostly wait on sockets, child processes and Chromium.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
