// The in-process msw path: msw's own getResponse with a bare handler doing the same key check (the baseline any
// msw mock pays), against getResponse over handlersFor("moonkey"), with the defaults a msw/node test gets.
// Alternating rounds of the same authenticated request; medians compared. Usage: node bench/msw.js
import { createHash, timingSafeEqual } from "node:crypto";
import { getResponse, http, HttpResponse } from "msw";
import { handlersFor } from "../dist/src/handlers/index.js";

const key = "sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r";
const url = "https://api.moonkey.fun/v1/auth/users/user_123";
const expected = createHash("sha256").update(key).digest();
const user = { id: "user_123", email: "user@example.com", created_at: "2024-01-15T10:30:00Z" };

const bare = [
  http.get("https://api.moonkey.fun/v1/auth/users/:id", ({ request }) => {
    const given = (request.headers.get("authorization") ?? "").replace(/^Bearer /, "");
    const ok = timingSafeEqual(createHash("sha256").update(given).digest(), expected);
    return ok ? HttpResponse.json(user) : HttpResponse.json({ error: { code: "unauthorized" } }, { status: 401 });
  }),
];
// The documented limit raised so the limiter runs on every request but never trips, as in bench/run.js.
const keymock = handlersFor("moonkey", { rateLimit: { scale: 1_000_000 } });

async function microsPerRequest(handlers, n) {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const response = await getResponse(handlers, new Request(url, { headers: { authorization: `Bearer ${key}` } }));
    if (response?.status !== 200) throw new Error(`answered ${response?.status}`);
    await response.text();
  }
  return ((performance.now() - started) * 1000) / n;
}

await microsPerRequest(bare, 2_000);
await microsPerRequest(keymock, 2_000);
const rounds = { bare: [], keymock: [] };
for (let round = 0; round < 7; round++) {
  rounds.bare.push(await microsPerRequest(bare, 5_000));
  rounds.keymock.push(await microsPerRequest(keymock, 5_000));
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const [a, b] = [median(rounds.bare), median(rounds.keymock)];
console.log(`msw getResponse: bare handler ${a.toFixed(1)} µs/request; handlersFor("moonkey") ${b.toFixed(1)} µs/request; ratio ${(b / a).toFixed(3)}`);
