// The floor: bare node:http doing the same key check (constant-time compare of a SHA-256) and a fixed JSON body.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const expected = createHash("sha256").update(process.env.BENCH_KEY ?? "").digest();
const body = JSON.stringify({ id: "user_123", email: "user@example.com", created_at: "2024-01-15T10:30:00Z" });
const server = createServer((req, res) => {
  const key = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  const ok = timingSafeEqual(createHash("sha256").update(key).digest(), expected);
  res.writeHead(ok ? 200 : 401, { "Content-Type": "application/json" });
  res.end(ok ? body : '{"error":{"code":"unauthorized","message":"Invalid API key."}}');
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
