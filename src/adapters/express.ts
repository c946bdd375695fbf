import express, { type Express } from "express";
import { createRequestListener, type AppOptions, type Mount } from "./request-listener.js";

export type { AppOptions, Mount } from "./request-listener.js";

/**
 * The mock as an express app, for mounting inside your own (`yourApp.use("/mock", createApp(mounts))`): the same
 * request listener the standalone server runs on node:http, behind express's mount-path handling.
 * @example const app = createApp([{ prefix: "", engine }]); await request(app).get("/v1/auth/users/user_123")
 */
export function createApp(mounts: Mount[], options: AppOptions = {}): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(createRequestListener(mounts, options));
  return app;
}
