// Soak: 200,000 requests (a mix of authorised GETs, wrong keys, list pages, creates and admin reads) against
// `mock-server --fixture moonkey`, printing the server's RSS at start, at the end of the load and after it has idled,
// and the same with a log reader that never reads (lines are dropped, not queued). Loopback only, bounded.
// Usage: npm run build && node bench/soak.js [--requests 200000 --rounds 4 --connections 50] (RSS after each round)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

const argv = process.argv.slice(2);
const flag = (name, fallback) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
const amount = flag("requests", 200_000);
const connections = flag("connections", 50);
const rounds = flag("rounds", 4);
const key = "sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r";

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const idle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function startServer(readLog) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/mock-server.js", "--fixture", "moonkey", "--port", "0", "--rate-limit", "off"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    const onData = (chunk) => {
      out += chunk;
      const match = /keymock listening on (http:\/\/\S+)/.exec(out);
      if (!match) return;
      if (!readLog) {
        child.stdout.off("data", onData);
        child.stdout.pause();
      } else out = "";
      resolve({ child, origin: match[1], stderr: () => stderr });
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
}

const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
const requests = [
  { method: "GET", path: "/v1/auth/users/user_123", headers: auth },
  { method: "GET", path: "/v1/auth/users/user_123", headers: { authorization: `Bearer sk_test_${"0".repeat(48)}` } },
  { method: "GET", path: "/v1/wallets?limit=50", headers: auth },
  { method: "POST", path: "/v1/auth/users", headers: auth, body: JSON.stringify({ email: "soak@example.com" }) },
  { method: "GET", path: "/__keymock/keys" },
];

for (const readLog of [true, false]) {
  const server = await startServer(readLog);
  await fetch(`${server.origin}/v1/auth/users/user_123`, { headers: auth });
  const pid = server.child.pid;
  const atStart = rssMb(pid);
  let peak = atStart;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
  const runs = [];
  const afterRound = [];
  for (let i = 0; i < rounds; i++) {
    runs.push(await autocannon({ url: server.origin, connections, amount: Math.round(amount / rounds), requests }));
    afterRound.push(rssMb(pid).toFixed(1));
  }
  const atEnd = rssMb(pid);
  clearInterval(sampler);
  await idle(3000);
  const after = rssMb(pid);
  const exit = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  const code = await exit;
  const dropped = /(\d+) log line\(s\) were dropped/.exec(server.stderr())?.[1] ?? "0";
  const counts = {};
  for (const run of runs) for (const [s, v] of Object.entries(run.statusCodeStats ?? {})) counts[s] = (counts[s] ?? 0) + v.count;
  const statuses = Object.entries(counts).map(([s, n]) => `${s}:${n}`).join(" ");
  console.log(
    `soak (${readLog ? "log read" : "log reader stalled"}): ${runs.reduce((n, r) => n + r.requests.total, 0)} requests in ${runs.reduce((n, r) => n + r.duration, 0).toFixed(1)} s, ` +
      `socket errors ${runs.reduce((n, r) => n + r.errors, 0)}, statuses ${statuses}; RSS start ${atStart.toFixed(1)} MB, after each round ${afterRound.join(" / ")} MB, peak ${peak.toFixed(1)} MB, ` +
      `after 3 s idle ${after.toFixed(1)} MB; log lines dropped ${dropped}; exit ${code}`,
  );
}
