import SwaggerParser from "@apidevtools/swagger-parser";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .js script of the bench, without declarations
import { installPrism } from "../bench/peers/install.js";
import { bundledContract, bundledNames } from "../src/contract/bundled.js";
import { toOpenApi } from "../src/contract/openapi.js";
import { createEngine } from "../src/engine/engine.js";

describe("mock-server openapi: a contract as OpenAPI 3.1", () => {
  it.each(bundledNames)("%s validates as OpenAPI 3.1", async (name) => {
    const doc = toOpenApi(bundledContract(name));
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("states security schemes, per-route scopes, request bodies, every refusal with examples, and rate-limit headers", () => {
    const doc = toOpenApi(bundledContract("moonkey")) as any;
    expect(doc.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: "http", scheme: "bearer" }) });
    const create = doc.paths["/v1/auth/users"].post;
    expect(create.security).toEqual([{ bearer: ["users:write"] }]);
    expect(create.requestBody.content["application/json"].schema.required).toEqual(["email"]);
    expect(Object.keys(create.responses)).toEqual(["201", "400", "401", "403", "413", "415", "429"]);
    expect(create.responses["401"].content["application/json"].examples.missing_credentials.value).toEqual({
      error: { code: "unauthorized", message: "Missing API key. Include it in the Authorization header using the Bearer scheme: Authorization: Bearer sk_test_..." },
    });
    expect(Object.keys(create.responses["201"].headers)).toEqual(["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"]);
    expect(doc.paths["/v1/auth/users/{id}"].get.parameters).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string" } }]);
    const monei = toOpenApi(bundledContract("monei")) as any;
    expect(monei.components.securitySchemes["x-api-key"]).toEqual(expect.objectContaining({ type: "apiKey", in: "header", name: "x-api-key" }));
  });

  it("Prism's mock, run on the export, answers a request without a key with the contract's own 401 envelope", async () => {
    const prism = installPrism() as string;
    const file = join(mkdtempSync(join(tmpdir(), "keymock-openapi-")), "moonkey.json");
    writeFileSync(file, JSON.stringify(toOpenApi(bundledContract("moonkey"))));
    const port = await freePort();
    const child = spawn(process.execPath, [prism, "mock", file, "-h", "127.0.0.1", "-p", String(port), "-v", "info"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      await listening(child);
      const response = await fetch(`http://127.0.0.1:${port}/v1/auth/users/user_123`);
      const engine = await createEngine(bundledContract("moonkey"));
      const ours = await engine.handle({ method: "GET", path: "/v1/auth/users/user_123", headers: {} });
      expect(response.status).toBe(ours.status);
      expect(await response.json()).toEqual(JSON.parse(ours.body));
    } finally {
      child.kill("SIGTERM");
    }
  }, 90_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when Prism says it is listening (it takes seconds to start); rejects with its output if it exits first. */
function listening(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Prism is listening/.test(output)) resolve();
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`Prism exited with ${code} before listening: ${output}`)));
  });
}
