import request from "supertest";
import { describe, expect, it } from "vitest";
import { appFor, seededKey } from "./helpers.js";

describe("admin API under /__keymock/", () => {
  it("lists every seeded key with kind, status, scopes and its public plaintext", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).get("/__keymock/keys");
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(response.body.map((k: { id: string }) => [k.id, k]));
    expect(byId["key_test_docs"]).toMatchObject({
      kind: "secret_test",
      environment: "test",
      status: "active",
      scopes: ["*"],
      plaintext: "sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r",
    });
    expect(byId["key_test_revoked"].status).toBe("revoked");
    expect(byId["key_test_expired"].status).toBe("expired");
  });

  it("shows MOOD MNKY keys' roles", async () => {
    const { app } = await appFor("moodmnky");
    const response = await request(app).get("/__keymock/keys");
    expect(response.body.find((k: { id: string }) => k.id === "key_dev_writer").role).toBe("writer");
  });

  it("restores the seeded records on reset", async () => {
    const { app } = await appFor("moonkey");
    const auth = `Bearer ${seededKey("moonkey", "key_test_docs")}`;
    const before = (await request(app).get("/v1/auth/users").set("Authorization", auth)).body.data;
    const created = await request(app).post("/v1/auth/users").set("Authorization", auth).send({ email: "x@y.co" });
    expect((await request(app).post("/__keymock/reset")).body).toEqual({ reset: true, contract: "moonkey" });
    expect((await request(app).get(`/v1/auth/users/${created.body.id}`).set("Authorization", auth)).status).toBe(404);
    expect((await request(app).get("/v1/auth/users").set("Authorization", auth)).body.data).toEqual(before);
  });

  it("answers an unknown admin route with 404 listing the admin routes", async () => {
    const { app } = await appFor("moonkey");
    const response = await request(app).get("/__keymock/nope");
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain("GET /__keymock/keys");
  });

  it("is absent with admin switched off", async () => {
    const { app } = await appFor("moonkey", { admin: false });
    const response = await request(app).get("/__keymock/keys");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: "not_found", message: "Resource doesn't exist." } });
  });
});
