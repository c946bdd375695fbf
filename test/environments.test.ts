import request from "supertest";
import { describe, expect, it } from "vitest";
import { appFor, seededKey } from "./helpers.js";

const sandbox = seededKey("monei", "key_sandbox_full");
const production = seededKey("monei", "key_production_full");
const documented401 = { statusCode: 401, message: "Invalid API key", error: "Unauthorized" };

describe("a contract whose environments are separate deployments (Monei: sandbox vs production)", () => {
  it("serves its first environment by default and refuses the other's keys with the documented 401", async () => {
    const { app, engine } = await appFor("monei");
    expect(engine.environment).toBe("sandbox");
    expect((await request(app).get("/api/v1/user/me").set("x-api-key", sandbox)).status).toBe(200);
    const refused = await request(app).get("/api/v1/user/me").set("x-api-key", production);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(documented401);
  });

  it("serves the environment it is given, and names the environments for one it does not have", async () => {
    const { app } = await appFor("monei", { environment: "production" });
    expect((await request(app).get("/api/v1/user/me").set("x-api-key", production)).status).toBe(200);
    expect((await request(app).get("/api/v1/user/me").set("x-api-key", sandbox)).body).toEqual(documented401);
    await expect(appFor("monei", { environment: "staging" })).rejects.toThrow('[keymock] The Monei contract has no environment "staging"; environments: sandbox, production.');
  });

  it("accepts every environment's keys where the contract serves them from one deployment (MoonKey)", async () => {
    const { app, engine } = await appFor("moonkey");
    expect(engine.environment).toBeUndefined();
    const live = await request(app).get("/v1/auth/users/user_123").set("Authorization", `Bearer ${seededKey("moonkey", "key_live")}`);
    expect(live.status).toBe(200);
  });
});
