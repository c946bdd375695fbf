// Records a page creates through the MSW worker survive a reload with handlersFor(name, { persist: true }), in real
// headless Chromium (test/chromium.ts finds one) driving examples/web-app.
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findChromium, launchChromium, skipWithoutChromium } from "./chromium.js";
import { origin, serveStatic } from "./static-site.js";

const found = findChromium();
const root = "examples/web-app/dist-persist";
describe.skipIf(skipWithoutChromium(found))("records in the browser with { persist: true }", () => {
  let browser: Browser;
  let site: Server;

  beforeAll(async () => {
    // Its own output folder: test/browser.test.ts builds the same app into dist/ at the same time.
    await build({ configFile: "examples/web-app/vite.config.ts", logLevel: "error", build: { outDir: "dist-persist", emptyOutDir: true } });
    site = await serveStatic(root);
    browser = await launchChromium(found);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    site?.close();
  });

  async function createThenReload(query: string): Promise<{ id: string; afterReload: string; page: Page }> {
    const page = await browser.newPage();
    await page.goto(`${origin(site)}/?${query}`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
    await page.click("#create-user");
    await page.waitForFunction(() => document.getElementById("created")?.textContent !== "");
    const [status, id = ""] = ((await page.textContent("#created")) ?? "").split(" ");
    expect(status).toBe("201");
    await page.reload();
    await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
    await page.click("#list-users");
    await page.waitForFunction(() => document.getElementById("users")?.textContent !== "");
    return { id, afterReload: (await page.textContent("#users")) ?? "", page };
  }

  it("keeps a created user across a reload with persist=1", async () => {
    const { id, afterReload, page } = await createThenReload("mock=msw&persist=1");
    expect(id).toMatch(/^user_/);
    expect(afterReload.split(" ")).toContain(id);
    expect(afterReload.split(" ")[0]).toBe("user_123");
    await page.close();
  });

  it("starts from the seed again after a reload without it", async () => {
    const { id, afterReload, page } = await createThenReload("mock=msw");
    expect(afterReload.split(" ")).not.toContain(id);
    expect(afterReload.split(" ")).toContain("user_123");
    await page.close();
  });
});
