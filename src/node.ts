// keymock/node: what needs Node — the standalone server's node:http request listener, listening, fixture files.
export { createRequestListener } from "./adapters/request-listener.js";
export type { Mount, AppOptions } from "./adapters/request-listener.js";
export { listen, ListenError } from "./adapters/listen.js";
export { loadFixture, validateFixtureFile } from "./adapters/fixture-file.js";
