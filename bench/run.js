// Starts bare node:http, bare express and keymock (and, with --peers, Prism and WireMock) in one run and prints cold
// start, req/s, p99 and peak RSS with ratios to the baselines. Servers are pinned to core 0 and the load generator
// to core 1 where taskset exists. Usage: npm run bench [-- --duration 5 --starts 5 --connections 50 --peers]
// `--compare <dir>` adds the keymock built in another checkout (e.g. a clone at an earlier commit) to the same run.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { peerSystems } from "./peers/install.js";

const argv = process.argv.slice(2);
const flag = (name, fallback) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
const duration = flag("duration", 5);
const starts = flag("starts", 5);
const connections = flag("connections", 50);
const compare = argv.includes("--compare") ? argv[argv.indexOf("--compare") + 1] : undefined;
const key = "sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r";
const path = "/v1/auth/users/user_123";
const benchDir = fileURLToPath(new URL(".", import.meta.url));
const pin = spawnSync("taskset", ["-c", "0", "true"]).status === 0 && cpus().length > 1;
if (pin) spawnSync("taskset", ["-cp", "1", String(process.pid)]);

let port = 0;
const node = (script) => () => [process.execPath, script];
const keymock = (bin) => () => [process.execPath, bin, "--fixture", "moonkey", "--port", String(port), "--rate-limit", "scale=100000"];
const systems = [
  { name: "bare node:http (same check)", command: node("bench/baselines/node-http.js") },
  { name: "bare express 5 (same check)", command: node("bench/baselines/express.js") },
  // Limit raised (scale) so the rate limiter runs on every request but never trips.
  { name: "keymock --fixture moonkey", command: keymock("bin/mock-server.js") },
  ...(compare ? [{ name: `keymock at ${compare}`, command: keymock(`${compare}/bin/mock-server.js`) }] : []),
  ...(argv.includes("--peers") ? peerSystems(benchDir, () => port) : []),
];

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Spawn → first authenticated 200, polling the port: the same measure whether or not a server prints anything. */
async function start(system) {
  port = await freePort();
  const command = system.command();
  const argv = pin ? ["taskset", "-c", "0", ...command] : command;
  const began = performance.now();
  const child = spawn(argv[0], argv.slice(1), { env: { ...process.env, BENCH_KEY: key, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });
  let exited = false;
  child.once("exit", () => (exited = true));
  const url = `http://127.0.0.1:${port}${path}`;
  for (;;) {
    if (exited) throw new Error(`${system.name} exited before answering`);
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } }).catch(() => undefined);
    if (response?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return { child, url, coldStart: performance.now() - began };
}

const stop = (child) => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGKILL")));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const peakRss = (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

async function measure(system) {
  const coldStarts = [];
  for (let i = 0; i < starts; i++) {
    const { child, coldStart } = await start(system);
    coldStarts.push(coldStart);
    await stop(child);
  }
  const { child, url } = await start(system);
  const load = (authorization) => autocannon({ url, connections, duration, headers: { authorization } });
  const ok = await load(`Bearer ${key}`);
  const denied = await load("Bearer sk_test_000000000000000000000000000000");
  const rss = peakRss(child.pid);
  await stop(child);
  return {
    name: system.name,
    coldStart: median(coldStarts),
    rps: ok.requests.average,
    p99: ok.latency.p99,
    non2xx: ok.non2xx,
    deniedRps: denied.requests.average,
    deniedAllowed: denied.non2xx === 0,
    rss,
  };
}

const results = [];
for (const system of systems) {
  process.stderr.write(`measuring ${system.name} …\n`);
  results.push(await measure(system));
}
const [floor, express] = results;
const fmt = (n, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(`\n${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}, servers ${pin ? "pinned to core 0, load on core 1" : "not pinned"}`);
console.log(`${connections} connections, ${duration} s per load, cold start = median of ${starts} (spawn → first authenticated 200)\n`);
console.log("| system | cold start | ×express | auth GET req/s | ×express | ×node | p99 | wrong-key req/s | peak RSS |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  const denied = r.deniedAllowed ? `${fmt(r.deniedRps)} (answered 200)` : fmt(r.deniedRps);
  console.log(
    `| ${r.name} | ${fmt(r.coldStart)} ms | ${fmt(r.coldStart / express.coldStart, 2)} | ${fmt(r.rps)} | ${fmt(r.rps / express.rps, 2)} | ${fmt(r.rps / floor.rps, 2)} | ${r.p99} ms | ${denied} | ${fmt(r.rss)} MB |`,
  );
  if (r.non2xx > 0) console.log(`  ! ${r.name}: ${r.non2xx} non-2xx answers during the authenticated load`);
}
