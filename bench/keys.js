// Is a request O(1) in the number of issued keys? The same authenticated request through engine.handle with the
// 5 seeded keys and with 100,000 more issued through the admin API; alternating rounds, medians compared.
import { bundledContract, createEngine } from "../dist/src/index.js";

const key = "sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r";
const request = { method: "GET", path: "/v1/auth/users/user_123", headers: { authorization: `Bearer ${key}` } };
const options = { rateLimit: { scale: 1_000_000 } };

async function engineWith(extraKeys) {
  // The keys cap (limits.maxKeys, default 1000) raised above what this bench issues.
  const engine = await createEngine({ ...bundledContract("moonkey"), limits: { maxKeys: 200_000 } }, options);
  const body = JSON.stringify({ kind: "secret_test", scopes: ["users:read"] });
  for (let i = 0; i < extraKeys; i++) {
    const response = await engine.handle({ method: "POST", path: "/__keymock/keys", headers: { "content-type": "application/json" }, body });
    if (response.status !== 201) throw new Error(`issuing key ${i} answered ${response.status}`);
  }
  return engine;
}

async function microsPerRequest(engine, n = 20_000) {
  const started = performance.now();
  for (let i = 0; i < n; i++) await engine.handle(request);
  return ((performance.now() - started) * 1000) / n;
}

const small = await engineWith(0);
const large = await engineWith(100_000);
const rounds = { small: [], large: [] };
for (let round = 0; round < 5; round++) {
  rounds.small.push(await microsPerRequest(small));
  rounds.large.push(await microsPerRequest(large));
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const [a, b] = [median(rounds.small), median(rounds.large)];
console.log(`keys: ${small.keys.list().length} → ${a.toFixed(1)} µs/request; ${large.keys.list().length} → ${b.toFixed(1)} µs/request; ratio ${(b / a).toFixed(3)}`);
