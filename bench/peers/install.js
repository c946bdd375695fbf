// Installs the peers compared in `npm run bench -- --peers` into a temp folder, once: Prism from the npm registry,
// and WireMock's standalone jar from the npm package that ships it (run only where `java` is on the PATH).
// Nothing here is a keymock dependency.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const folder = join(tmpdir(), "keymock-bench-peers");
const versions = { prism: "@stoplight/prism-cli@5.16.0", wiremock: "wiremock@3.13.2" };

function install(spec, marker) {
  if (existsSync(join(folder, "node_modules", marker))) return;
  mkdirSync(folder, { recursive: true });
  console.log(`installing ${spec} into ${folder} …`);
  execFileSync("npm", ["install", "--prefix", folder, "--no-audit", "--no-fund", "--loglevel=error", spec], { stdio: "inherit" });
}

/** Prism's CLI, installed into the temp folder on first use (the OpenAPI export test runs it too). */
export function installPrism() {
  install(versions.prism, "@stoplight/prism-cli");
  return join(folder, "node_modules/@stoplight/prism-cli/dist/index.js");
}

/** The peers' commands, each told its port; WireMock only when Java runs here. */
export function peerSystems(benchDir, port) {
  const prism = installPrism();
  const systems = [
    {
      name: "Prism 5.16 mock, -v error (presence check only)",
      command: () => [process.execPath, prism, "mock", join(benchDir, "peers/moonkey.openapi.yaml"), "-h", "127.0.0.1", "-p", String(port()), "-v", "error"],
    },
  ];
  if (spawnSync("java", ["-version"]).status === 0) {
    install(versions.wiremock, "wiremock");
    const build = join(folder, "node_modules/wiremock/build");
    const jar = join(build, readdirSync(build).find((f) => f.endsWith(".jar")));
    systems.push({
      name: "WireMock 3.13, no request journal",
      command: () => ["java", "-jar", jar, "--port", String(port()), "--bind-address", "127.0.0.1", "--root-dir", join(benchDir, "peers/wiremock"), "--no-request-journal", "--disable-banner"],
    });
  } else console.log("java not found: WireMock left out");
  return systems;
}
