// Bundled for a browser by esbuild (--platform=browser), then run: the root entry answers a request with no Node API.
import { bundledContract, createEngine } from "keymock";

const engine = await createEngine(bundledContract("moonkey"));
const result = await engine.handle({
  method: "GET",
  path: "/v1/auth/users/user_123",
  headers: { authorization: "Bearer sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r" },
  secure: true,
});
if (result.status !== 200) throw new Error(`expected 200 from the browser bundle, got ${result.status}: ${result.body}`);
console.log(`browser bundle: GET /v1/auth/users/user_123 -> ${result.status}`);
