// Bare express 5 with the same check as node-http.js: what any express-based mock pays at least.
import { createHash, timingSafeEqual } from "node:crypto";
import express from "express";

const expected = createHash("sha256").update(process.env.BENCH_KEY ?? "").digest();
const body = { id: "user_123", email: "user@example.com", created_at: "2024-01-15T10:30:00Z" };
const app = express();
app.get("/v1/auth/users/:id", (req, res) => {
  const key = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  const ok = timingSafeEqual(createHash("sha256").update(key).digest(), expected);
  if (ok) res.json(body);
  else res.status(401).json({ error: { code: "unauthorized", message: "Invalid API key." } });
});
const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
