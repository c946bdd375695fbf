// Writes docs/dashboard.png, the README's picture of the dashboard: the built mock (npm run build first) on a
// frozen clock, a key issued and used, another revoked and refused, in the Chromium the browser tests use.
import { mkdirSync } from "node:fs";
import { build } from "esbuild";
import { listen } from "../dist/src/adapters/listen.js";
import { createRequestListener } from "../dist/src/adapters/request-listener.js";
import { createEngine } from "../dist/src/engine/engine.js";

// test/chromium.ts is TypeScript: bundled on its own, its packages left to node_modules.
const helper = new URL("../node_modules/.cache/keymock-screenshot/chromium.mjs", import.meta.url);
mkdirSync(new URL(".", helper), { recursive: true });
await build({ entryPoints: [new URL("../test/chromium.ts", import.meta.url).pathname], outfile: helper.pathname, bundle: true, packages: "external", format: "esm", platform: "node", logLevel: "warning" });
const { launchChromium } = await import(helper.href);

const startedAt = Date.parse("2026-06-01T12:00:30Z");
const engine = await createEngine("moonkey", { now: () => startedAt });
const server = await listen(createRequestListener([{ prefix: "", engine }]), 0, "127.0.0.1");
const origin = `http://127.0.0.1:${server.address().port}`;
const call = (key, path = "/v1/auth/users/user_123") => fetch(`${origin}${path}`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
const admin = (path, body) => fetch(`${origin}/__keymock/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${origin}/__keymock/`);
await page.waitForSelector("body[data-ready=true]");
const docs = engine.contract.keys.find((k) => k.id === "key_test_docs").plaintext;
for (let i = 0; i < 3; i++) await call(docs);
await call(undefined);
await page.selectOption("#issue-kind", "secret_test");
await page.fill("#issue-label", "frontend dev");
await page.click("text=Issue key");
await page.waitForFunction(() => document.getElementById("new-key-value")?.textContent !== "");
const issued = await page.textContent("#new-key-value");
await call(issued);
await admin("keys/key_test_readonly/rate-limit", { limit: 1, windowSeconds: 60 });
const readonly = engine.contract.keys.find((k) => k.id === "key_test_readonly").plaintext;
await call(readonly);
await call(readonly);
await call(engine.contract.keys.find((k) => k.id === "key_test_revoked").plaintext);
await page.waitForFunction(() => document.querySelectorAll("#log tr").length >= 8, undefined, { timeout: 5000 }).catch(() => console.error("log rows:", engine.activity.recent().length));
await page.screenshot({ path: "docs/dashboard.png", fullPage: true });
await browser.close();
server.closeAllConnections();
server.close();
console.log("Wrote docs/dashboard.png");
