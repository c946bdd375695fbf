// Real headless Chromium (test/chromium.ts finds one) driven by playwright-core.
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRequestListener } from "../src/adapters/request-listener.js";
import { listen } from "../src/adapters/listen.js";
import { bundledContract } from "../src/contract/bundled.js";
import { createEngine } from "../src/engine/engine.js";
import { findChromium, launchChromium, skipWithoutChromium } from "./chromium.js";
import { origin, serveStatic } from "./static-site.js";

const found = findChromium();
const appDir = "examples/web-app/dist";
describe.skipIf(skipWithoutChromium(found))("the example web app in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let site: Server;
  let api: Server;

  beforeAll(async () => {
    await build({ configFile: "examples/web-app/vite.config.ts", logLevel: "error" });
    site = await serveStatic(appDir);
    api = await listen(createRequestListener([{ prefix: "", engine: await createEngine(bundledContract("moonkey")) }]), 0, "127.0.0.1");
    browser = await launchChromium(found);
  }, 60_000);

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page) {
      mkdirSync("test-results", { recursive: true });
      await page.screenshot({ path: `test-results/${context.task.name.replace(/\W+/g, "-")}.png` });
    }
    await page?.close();
  });

  afterAll(async () => {
    await browser?.close();
    site?.close();
    api?.close();
    api?.closeAllConnections();
  });

  async function open(query: string): Promise<Page> {
    page = await browser.newPage();
    await page.goto(`${origin(site)}/?${query}`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
    return page;
  }

  it("intercepts the real base URL with the MSW worker and renders the seeded user and the 401 envelope", async () => {
    await open("mock=msw");
    expect(await page.textContent("#api")).toBe("https://api.moonkey.fun");
    expect(await page.textContent("#mode")).toBe("MSW service worker");
    await page.click("#load-user");
    await page.waitForFunction(() => document.getElementById("user")?.textContent !== "");
    expect(JSON.parse((await page.textContent("#user")) as string)).toEqual({ id: "user_123", email: "user@example.com", name: "Ada Example", created_at: "2024-01-15T10:30:00Z" });
    await page.click("#bad-key");
    await page.waitForFunction(() => document.getElementById("error")?.textContent !== "");
    expect(await page.textContent("#error")).toBe('401 {"error":{"code":"unauthorized","message":"Invalid API key. MoonKey keys look like sk_test_... or sk_live_..."}}');
  });

  it("calls the standalone server on another origin, and CORS lets it read bodies and X-RateLimit headers", async () => {
    await open(`api=${encodeURIComponent(origin(api))}`);
    await page.click("#load-user");
    await page.waitForFunction(() => document.getElementById("user")?.textContent !== "");
    expect(JSON.parse((await page.textContent("#user")) as string).email).toBe("user@example.com");
    expect(await page.textContent("#limit")).toBe("100");
    expect(Number(await page.textContent("#remaining"))).toBeLessThan(100);
    await page.click("#bad-key");
    await page.waitForFunction(() => document.getElementById("error")?.textContent !== "");
    expect(await page.textContent("#error")).toMatch(/^401 \{"error":\{"code":"unauthorized"/);
  });

  it("counts the rate limit down to a 429 in the contract's envelope", async () => {
    await open("mock=msw");
    await page.click("#count-down");
    await page.waitForFunction(() => document.getElementById("limited")?.textContent !== "", undefined, { timeout: 15_000 });
    expect(await page.textContent("#remaining")).toBe("0");
    expect(await page.textContent("#limited")).toMatch(/^429 Retry-After=\d+ \{"error":\{"code":"rate_limit_exceeded","message":"Rate limit exceeded\. Retry after the time given in X-RateLimit-Reset\."\}\}$/);
  });
});
