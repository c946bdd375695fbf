// Starts bare node:http, bare express and keymock in one run and prints cold start, req/s, p99 and peak RSS,
// with ratios to the baselines. Servers are pinned to core 0 and the load generator to core 1 where taskset exists.
// Usage: npm run bench [-- --duration 5 --starts 5 --connections 50]
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import autocannon from "autocannon";

const args = Object.fromEntries(process.argv.slice(2).join(" ").split("--").filter(Boolean).map((a) => a.trim().split(/\s+/)));
const duration = Number(args.duration ?? 5);
const starts = Number(args.starts ?? 5);
const connections = Number(args.connections ?? 50);
const key = "sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r";
const path = "/v1/auth/users/user_123";
const pin = spawnSync("taskset", ["-c", "0", "true"]).status === 0 && cpus().length > 1;
if (pin) spawnSync("taskset", ["-cp", "1", String(process.pid)]);

const systems = [
  { name: "bare node:http (same check)", command: ["bench/baselines/node-http.js"] },
  { name: "bare express 5 (same check)", command: ["bench/baselines/express.js"] },
  // Limit raised (scale) so the rate limiter runs on every request but never trips.
  { name: "keymock --fixture moonkey", command: ["bin/mock-server.js", "--fixture", "moonkey", "--port", "0", "--rate-limit", "scale=100000"] },
];

function start(command) {
  const argv = pin ? ["taskset", "-c", "0", process.execPath, ...command] : [process.execPath, ...command];
  const began = performance.now();
  const child = spawn(argv[0], argv.slice(1), { env: { ...process.env, BENCH_KEY: key }, stdio: ["ignore", "pipe", "inherit"] });
  const origin = new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`${command.join(" ")} exited ${code}`)));
  });
  return { child, began, origin };
}

async function firstOk(origin) {
  for (;;) {
    const response = await fetch(origin + path, { headers: { authorization: `Bearer ${key}` } }).catch(() => undefined);
    if (response?.status === 200) return;
  }
}

const stop = (child) => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGKILL")));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const peakRss = (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

async function measure(system) {
  const coldStarts = [];
  for (let i = 0; i < starts; i++) {
    const { child, began, origin } = start(system.command);
    await firstOk(await origin);
    coldStarts.push(performance.now() - began);
    await stop(child);
  }
  const { child, origin } = start(system.command);
  const url = (await origin) + path;
  await firstOk(await origin);
  const load = (authorization) =>
    autocannon({ url, connections, duration, headers: { authorization } });
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
    rss,
  };
}

const results = [];
for (const system of systems) results.push(await measure(system));
const [node, express] = results;
const fmt = (n, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(`\n${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}, servers ${pin ? "pinned to core 0, load on core 1" : "not pinned"}`);
console.log(`${connections} connections, ${duration} s per load, cold start = median of ${starts} (spawn → first authenticated 200)\n`);
console.log("| system | cold start | ×express | auth GET req/s | ×express | ×node | p99 | 401 req/s | peak RSS |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.name} | ${fmt(r.coldStart)} ms | ${fmt(r.coldStart / express.coldStart, 2)} | ${fmt(r.rps)} | ${fmt(r.rps / express.rps, 2)} | ${fmt(r.rps / node.rps, 2)} | ${r.p99} ms | ${fmt(r.deniedRps)} | ${fmt(r.rss)} MB |`,
  );
  if (r.non2xx > 0) console.log(`  ! ${r.name}: ${r.non2xx} non-2xx answers during the authenticated load`);
}
