// keymock/express: the mock as an express app to mount inside yours (express is an optional peer dependency).
export { createApp } from "./adapters/express.js";
export type { Mount, AppOptions } from "./adapters/request-listener.js";
