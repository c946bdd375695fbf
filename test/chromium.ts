// Headless Chromium for the browser tests, without root and without a system package: CHROMIUM_PATH, then
// /usr/bin/chromium, else the Chromium that @sparticuz/chromium ships inside its npm package (Linux x64).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";

export type Chromium = { executablePath: string; source: string; env?: Record<string, string> };
export type NoChromium = { unavailable: string };

const systemPath = "/usr/bin/chromium";
const enable = "Set CHROMIUM_PATH to a Chromium or Chrome executable to run them.";

/** Where a Chromium to drive is, or why there is none on this machine. */
export function findChromium(): Chromium | NoChromium {
  const fromEnv = process.env["CHROMIUM_PATH"];
  if (fromEnv) {
    // Asked for by name: a wrong path is a mistake to report, not a reason to skip.
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is ${fromEnv}, which does not exist.`);
    return { executablePath: fromEnv, source: "CHROMIUM_PATH" };
  }
  if (existsSync(systemPath)) return { executablePath: systemPath, source: systemPath };
  if (process.platform !== "linux" || process.arch !== "x64") {
    return { unavailable: `no ${systemPath}, and @sparticuz/chromium ships Chromium for Linux x64 only (this is ${process.platform} ${process.arch})` };
  }
  return bundledChromium();
}

/**
 * The package's Chromium and the NSS libraries it links against, decompressed once per install into
 * node_modules/.cache. Not the package's executablePath(): that writes /tmp/chromium in place, shared by every
 * checkout and version, so a second process can launch a half-written binary.
 */
function bundledChromium(): Chromium | NoChromium {
  const require = createRequire(import.meta.url);
  let root: string;
  try {
    root = join(dirname(require.resolve("@sparticuz/chromium")), "..", "..");
  } catch {
    return { unavailable: "no /usr/bin/chromium and @sparticuz/chromium is not installed (npm install)" };
  }
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const dir = join(root, "..", "..", ".cache", "keymock-chromium", version);
  if (!existsSync(join(dir, "chromium"))) extract(join(root, "bin"), dir);
  // The binary links against NSS, which a slim Linux image may lack; the package ships it (built for Amazon Linux).
  const libraries = [join(dir, "lib"), process.env["LD_LIBRARY_PATH"]].filter(Boolean).join(":");
  return { executablePath: join(dir, "chromium"), source: `@sparticuz/chromium ${version}`, env: { LD_LIBRARY_PATH: libraries } };
}

/** Decompresses into a folder of this process's own, then renames it into place: concurrent test files never see half a binary. */
function extract(bin: string, dir: string): void {
  const partial = `${dir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, "chromium"), brotliDecompressSync(readFileSync(join(bin, "chromium.br"))), { mode: 0o755 });
  execFileSync("tar", ["-x", "-C", partial], { input: brotliDecompressSync(readFileSync(join(bin, "al2023.tar.br"))) });
  try {
    renameSync(partial, dir);
  } catch (error) {
    // Another process got there first with the same files.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(dir, "chromium"))) throw error;
  }
}

/** Launches the Chromium findChromium() found; throws where there is none. */
export async function launchChromium(found: Chromium | NoChromium = findChromium()): Promise<Browser> {
  if ("unavailable" in found) throw new Error(`No Chromium: ${found.unavailable}. ${enable}`);
  return chromium
    .launch({
      executablePath: found.executablePath,
      env: { ...process.env, ...found.env },
      // No sandbox: CI and containers run as root, where Chromium's sandbox refuses to start.
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    })
    .catch((error: Error) => {
      throw new Error(`Chromium from ${found.source} (${found.executablePath}) did not start: ${error.message}`);
    });
}

/**
 * For describe.skipIf: true where no Chromium can run, after one line saying how to enable the tests.
 * REQUIRE_CHROMIUM=1 (set in .ci/run) makes that a failure instead, so CI never passes without them. Not KEYMOCK_…:
 * the CLI takes KEYMOCK_<FLAG> variables as its flags, and the tests spawn it.
 */
export function skipWithoutChromium(found: Chromium | NoChromium): boolean {
  if (!("unavailable" in found)) return false;
  if (process.env["REQUIRE_CHROMIUM"] === "1") throw new Error(`[keymock] REQUIRE_CHROMIUM=1 but ${found.unavailable}. ${enable}`);
  console.warn(`[keymock] Browser tests SKIPPED: ${found.unavailable}. ${enable}`);
  return true;
}
