// The dashboard in real headless Chromium (test/chromium.ts finds one): the mock's clock runs only when the page
// moves it, so nothing here depends on the wall clock.
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../src/adapters/listen.js";
import { createRequestListener, type Mount } from "../src/adapters/request-listener.js";
import { bundledContract, bundledNames } from "../src/contract/bundled.js";
import { createEngine, type EngineOptions } from "../src/engine/engine.js";
import { findChromium, launchChromium, skipWithoutChromium } from "./chromium.js";

const found = findChromium();
const startedAt = Date.parse("2026-06-01T12:00:30Z");
const frozen: EngineOptions = { now: () => startedAt };
const token = "dashboard-token-123";

async function serve(mounts: Mount[]): Promise<{ server: Server; origin: string }> {
  const server = await listen(createRequestListener(mounts), 0, "127.0.0.1");
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.skipIf(skipWithoutChromium(found))("the dashboard in Chromium", () => {
  let browser: Browser;
  let page: Page;
  const servers: Server[] = [];

  beforeAll(async () => {
    browser = await launchChromium(found);
  }, 60_000);

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page) {
      mkdirSync("test-results", { recursive: true });
      await page.screenshot({ path: `test-results/dashboard-${context.task.name.replace(/\W+/g, "-")}.png`, fullPage: true });
    }
    await page?.close();
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      server.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(url: string): Promise<Page> {
    page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
    await page.goto(url);
    await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
    expect(errors).toEqual([]);
    return page;
  }

  /** Waits for the element to read `expected` (the page updates as events arrive), then asserts it, so a failure shows what it read. */
  async function expectText(selector: string, expected: string): Promise<void> {
    await page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, expected] as const, { timeout: 5000 }).catch(() => undefined);
    expect(await page.locator(selector).first().textContent({ timeout: 1000 })).toBe(expected);
  }

  type LogCells = { method: string; path: string; status: string; key: string; decision: string; case: string };

  /** The newest log row that contains `text`, once the live log has one, as its cells. */
  async function logRow(text: string): Promise<LogCells> {
    const handle = await page.waitForFunction(
      (t) => {
        const row = [...document.querySelectorAll("#log tr")].find((r) => r.textContent?.includes(t));
        if (!row) return undefined;
        const [, method, path, status, key, decision, errorCase] = [...row.querySelectorAll("td")].map((td) => td.textContent ?? "");
        return { method, path, status, key, decision, case: errorCase };
      },
      text,
      { timeout: 5000 },
    );
    return (await handle.jsonValue()) as LogCells;
  }

  it("issues a key, logs its 200, revokes it, logs the 401 with revoked_key, and shows the window reset a day later", async () => {
    const engine = await createEngine(bundledContract("moonkey"), frozen);
    const { server, origin } = await serve([{ prefix: "", engine }]);
    servers.push(server);
    await open(`${origin}/__keymock/`);
    expect(await page.textContent("#contract")).toContain("https://api.moonkey.fun");

    await page.selectOption("#issue-kind", "secret_test");
    await page.getByRole("button", { name: "Issue key" }).click();
    const shown = page.locator("#new-key-value");
    await shown.waitFor();
    await page.waitForFunction(() => document.getElementById("new-key-value")?.textContent !== "");
    const plaintext = (await shown.textContent()) as string;
    expect(plaintext).toMatch(/^sk_test_[A-Za-z0-9]{48}$/);
    const id = ((await page.textContent("#new-key-title")) as string).trim();
    const row = `#keys tr[data-key-id="${id}"]`;
    await expectText(`${row} .status`, "active");
    const hint = `sk_test_…${plaintext.slice(-4)}`;

    const call = () => fetch(`${origin}/v1/auth/users/user_123`, { headers: { Authorization: `Bearer ${plaintext}` } });
    expect((await call()).status).toBe(200);
    expect(await logRow(hint)).toEqual({ method: "GET", path: "/v1/auth/users/user_123", status: "200", key: hint, decision: "allowed", case: "—" });
    await expectText(`${row} .window`, "1 / 100 used, resets 2026-06-01 12:01:00 UTC");

    // Once dismissed, the plaintext is nowhere in the page, and a reload does not bring it back.
    await page.getByRole("button", { name: "Done" }).click();
    expect(await page.content()).not.toContain(plaintext);

    await page.locator(row).getByRole("button", { name: "Revoke" }).focus();
    await page.keyboard.press("Enter");
    await expectText(`${row} .status`, "revoked");
    // Keyboard focus stays on the button just used, now marked unusable, not thrown back to the page's start.
    expect(await page.evaluate(() => [document.activeElement?.textContent, document.activeElement?.getAttribute("aria-disabled")])).toEqual(["Revoke", "true"]);
    expect((await call()).status).toBe(401);
    expect(await logRow("revoked_key")).toEqual({ method: "GET", path: "/v1/auth/users/user_123", status: "401", key: hint, decision: "refused: revoked_key", case: "errors.cases.revoked_key" });

    await page.getByRole("button", { name: "+1 day" }).focus();
    await page.keyboard.press("Enter");
    await expectText("#clock", "2026-06-02 12:00:30 UTC");
    await expectText(`${row} .window`, "0 / 100 used, resets 2026-06-02 12:01:00 UTC");

    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.content()).not.toContain(plaintext);
  });

  it("rotates with a grace period, sets and clears a key's own limit, sets the clock to a date and resets, all from the page", async () => {
    const engine = await createEngine(bundledContract("moonkey"), frozen);
    const { server, origin } = await serve([{ prefix: "", engine }]);
    servers.push(server);
    await open(`${origin}/__keymock/`);
    const docs = '#keys tr[data-key-id="key_test_docs"]';

    await page.locator(`${docs} summary`).click();
    // A request arrives while the form is half filled in: the refresh it brings keeps the form open, typed and focused.
    await page.locator(`${docs} input[name=limit]`).fill("2");
    const docsKey = bundledContract("moonkey").keys.find((k) => k.id === "key_test_docs")?.plaintext as string;
    expect((await fetch(`${origin}/v1/auth/users/user_123`, { headers: { Authorization: `Bearer ${docsKey}` } })).status).toBe(200);
    await expectText(`${docs} .window`, "1 / 100 used, resets 2026-06-01 12:01:00 UTC");
    expect(await page.evaluate((row) => {
      const input = document.querySelector<HTMLInputElement>(`${row} input[name=limit]`);
      return [input?.value, document.activeElement === input, document.querySelector<HTMLDetailsElement>(`${row} details`)?.open];
    }, docs)).toEqual(["2", true, true]);
    await page.locator(`${docs} input[name=grace]`).fill("60");
    await page.locator(docs).getByRole("button", { name: "Rotate" }).click();
    await page.waitForFunction(() => document.getElementById("new-key-value")?.textContent !== "");
    expect(await page.textContent("#new-key-title")).toMatch(/^key_\w+, replacing key_test_docs$/);
    const successor = (await page.textContent("#new-key-value")) as string;
    await expectText(`${docs} .status`, "activeexpires 2026-06-01 12:01:30 UTC");
    expect((await fetch(`${origin}/v1/auth/users/user_123`, { headers: { Authorization: `Bearer ${successor}` } })).status).toBe(200);

    await page.locator(`${docs} input[name=window]`).fill("3600");
    await page.locator(docs).getByRole("button", { name: "Set limit" }).click();
    await expectText(`${docs} .window`, "0 / 2 used, resets 2026-06-01 13:00:00 UTC (own limit)");
    await page.locator(docs).getByRole("button", { name: "Clear" }).click();
    await expectText(`${docs} .window`, "0 / 100 used, resets 2026-06-01 12:01:00 UTC");
    expect(await page.locator(`${docs} input[name=limit]`).inputValue()).toBe("2");

    await page.fill("#clock-value", "2027-01-01T00:00:00Z");
    await page.keyboard.press("Enter");
    await expectText("#clock", "2027-01-01 00:00:00 UTC");
    await expectText(`${docs} .status`, "expiredexpired 2026-06-01 12:01:30 UTC");

    await page.getByRole("button", { name: "Reset the mock" }).click();
    await expectText("#clock", "2026-06-01 12:00:30 UTC");
    await page.waitForFunction((n) => document.querySelectorAll("#keys tr").length === n, bundledContract("moonkey").keys.length, { timeout: 5000 });
    await expectText(`${docs} .status`, "active");
    expect(await page.isHidden("#new-key")).toBe(true);
  });

  it("works for every bundled contract under its prefix: its keys, a key issued of each kind, and the decision it got", async () => {
    const mounts = await Promise.all(bundledNames.map(async (name) => ({ prefix: `/${name}`, engine: await createEngine(bundledContract(name), { ...frozen, explain: true }) })));
    const { server, origin } = await serve(mounts);
    servers.push(server);
    for (const name of bundledNames) {
      const contract = bundledContract(name);
      await open(`${origin}/${name}/__keymock/`);
      expect(await page.title()).toBe(`keymock: ${contract.title}`);
      expect(await page.locator("#keys tr").count()).toBe(contract.keys.length);
      for (const kind of contract.keyKinds) {
        await page.selectOption("#issue-kind", kind.id);
        await page.getByRole("button", { name: "Issue key" }).click();
        await page.waitForFunction((prefix) => document.getElementById("new-key-value")?.textContent?.startsWith(prefix), kind.prefix);
      }
      await page.waitForFunction((n) => document.querySelectorAll("#keys tr").length === n, contract.keys.length + contract.keyKinds.length, { timeout: 5000 });
      const plaintext = (await page.textContent("#new-key-value")) as string;
      const [credential] = contract.credentials;
      const value = credential?.scheme ? `${credential.scheme} ${plaintext}` : plaintext;
      const response = await fetch(`${origin}/${name}/dashboard-check`, { headers: { [credential?.header ?? "Authorization"]: value } });
      const decision = (response.headers.get("X-Keymock-Decision") as string).split(";")[0] as string;
      const row = await logRow("dashboard-check");
      expect([row.status, row.decision]).toEqual([String(response.status), decision === "allowed" ? "allowed" : `refused: ${decision}`]);
      await page.close();
    }
  });

  it("asks for the admin token when the mock has one, and takes it from #token= without keeping it in the address", async () => {
    const engine = await createEngine(bundledContract("moonkey"), { ...frozen, adminToken: token });
    const { server, origin } = await serve([{ prefix: "", engine }]);
    servers.push(server);
    page = await browser.newPage();
    await page.goto(`${origin}/__keymock/`);
    await page.locator("#token-form").waitFor({ state: "visible" });
    expect(await page.textContent("#problem")).toContain("Authorization: Bearer <token>");
    await page.fill("#token", token);
    await page.keyboard.press("Enter");
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator("#keys tr").count()).toBe(bundledContract("moonkey").keys.length);
    await page.close();

    await open(`${origin}/__keymock/#token=${token}`);
    expect(new URL(page.url()).hash).toBe("");
    expect((await fetch(`${origin}/v1/auth/users/user_123`)).status).toBe(401);
    expect((await logRow("missing_credentials")).status).toBe("401");
  });
});
