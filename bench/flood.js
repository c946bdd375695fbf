// Flood: creates as fast as it can, each with the largest string the capped store accepts (4096 characters) and one
// 1 MiB body, against `mock-server --fixture moonkey --rate-limit off`; prints how many were stored, the server's
// RSS, and how long the largest list page and the ReDoS email of issue 15 take. Loopback only, bounded.
// Usage: npm run build && node bench/flood.js [--posts 20000]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

const argv = process.argv.slice(2);
const posts = argv.includes("--posts") ? Number(argv[argv.indexOf("--posts") + 1]) : 20_000;
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

const child = spawn(process.execPath, ["bin/mock-server.js", "--fixture", "moonkey", "--port", "0", "--rate-limit", "off"], { stdio: ["ignore", "pipe", "inherit"] });
const origin = await new Promise((resolve) => {
  let out = "";
  child.stdout.on("data", (c) => {
    out += c;
    const match = /keymock listening on (http:\/\/\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
});
child.stdout.resume();
const keys = await (await fetch(`${origin}/__keymock/keys`)).json();
const live = keys.find((k) => k.id === "key_live")?.plaintext;
const auth = { authorization: `Bearer ${live}`, "content-type": "application/json" };
const timed = async (label, path, init) => {
  const began = performance.now();
  const response = await fetch(`${origin}${path}`, init);
  const text = await response.text();
  console.log(`  ${label}: ${response.status} in ${(performance.now() - began).toFixed(1)} ms, ${text.length} bytes`);
};

const before = rssMb(child.pid);
const result = await autocannon({
  url: `${origin}/v1/wallets`,
  method: "POST",
  headers: auth,
  body: JSON.stringify({ user_id: "u".repeat(4096) }),
  connections: 20,
  amount: posts,
});
const statuses = Object.entries(result.statusCodeStats ?? {}).map(([s, v]) => `${s}:${v.count}`).join(" ");
console.log(`flood: ${posts} creates of 4 KB wallets in ${result.duration.toFixed(1)} s, statuses ${statuses}; RSS before ${before.toFixed(1)} MB, after ${rssMb(child.pid).toFixed(1)} MB`);
await timed("one 1 MiB wallet", "/v1/wallets", { method: "POST", headers: auth, body: JSON.stringify({ user_id: "u".repeat(1024 * 1024 - 100) }) });
await timed("GET /v1/wallets (default page)", "/v1/wallets", { headers: auth });
await timed("GET /v1/wallets?limit=1000 (largest page)", "/v1/wallets?limit=1000", { headers: auth });
await timed('POST /v1/auth/users {"email": "a@" + "."*80000 + " "}', "/v1/auth/users", { method: "POST", headers: auth, body: JSON.stringify({ email: `a@${".".repeat(80_000)} ` }) });
console.log(`  RSS at the end ${rssMb(child.pid).toFixed(1)} MB`);
child.kill("SIGTERM");
