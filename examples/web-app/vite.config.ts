import { copyFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// MSW's worker script must be served from the page's origin; copied from the installed msw so it matches its version.
mkdirSync(here("./public"), { recursive: true });
copyFileSync(here("../../node_modules/msw/lib/mockServiceWorker.js"), here("./public/mockServiceWorker.js"));

export default defineConfig({
  root: here("."),
  // In your own app, `npm install keymock` makes "keymock/msw" resolve; this example uses the source beside it.
  resolve: { alias: { "keymock/msw": here("../../src/handlers/index.ts") } },
  build: { outDir: here("./dist"), emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 1024 },
});
