import request from "supertest";
import { describe, expect, it } from "vitest";
import { appFor, seededKey } from "./helpers.js";

const startedAt = Date.parse("2026-06-01T12:00:30Z");

type Seeded = { id: string; kind: string; environment: string; prefix: string; last4: string; label: string; plaintext: string };
type Optional = { scopes?: string[]; role?: string; status?: string; expiresAt?: string };

/** A seeded secret key as GET /__keymock/keys shows it; what a row leaves out is the fixture's default. */
const seeded = (key: Seeded & Optional) => ({
  id: key.id,
  kind: key.kind,
  type: "secret",
  environment: key.environment,
  prefix: key.prefix,
  last4: key.last4,
  scopes: key.scopes ?? [],
  role: key.role ?? null,
  member: null,
  label: key.label,
  status: key.status ?? "active",
  createdAt: "2026-06-01T12:00:30.000Z",
  expiresAt: key.expiresAt ?? null,
  plaintext: key.plaintext,
});

describe("admin API under /__keymock/", () => {
  it("lists every seeded MoonKey key with its kind, scopes, status and public plaintext", async () => {
    const { app } = await appFor("moonkey", { now: () => startedAt });
    const response = await request(app).get("/__keymock/keys");
    expect(response.status).toBe(200);
    const test = { kind: "secret_test", environment: "test", prefix: "sk_test_" };
    expect(response.body).toEqual([
      seeded({ id: "key_test_docs", ...test, last4: "3p1r", scopes: ["*"], label: "the document's example test key", plaintext: "sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r" }),
      seeded({ id: "key_live", kind: "secret_live", environment: "live", prefix: "sk_live_", last4: "isAj", scopes: ["*"], label: "live key", plaintext: "sk_live_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAj" }),
      seeded({ id: "key_test_readonly", ...test, last4: "F4vU", scopes: ["users:read"], label: "restricted: reads users only", plaintext: "sk_test_IhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vU" }),
      seeded({ id: "key_test_revoked", ...test, last4: "StPK", scopes: ["*"], status: "revoked", label: "revoked", plaintext: "sk_test_CsMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPK" }),
      seeded({ id: "key_test_expired", ...test, last4: "wR4y", scopes: ["*"], status: "expired", expiresAt: "2025-01-01T00:00:00.000Z", label: "expired 2025-01-01", plaintext: "sk_test_R0CsTy4Qwb8DwkNhFdnXsiVpzz63FfkCzJr4i0B3JrTAwR4y" }),
    ]);
  });

  it("lists every seeded MOOD MNKY key with its role (or its own scopes), status and public plaintext", async () => {
    const { app } = await appFor("moodmnky", { now: () => startedAt });
    const response = await request(app).get("/__keymock/keys");
    expect(response.status).toBe(200);
    const dev = { kind: "development", environment: "development", prefix: "DEV_API_" };
    expect(response.body).toEqual([
      seeded({ id: "key_dev_admin", ...dev, last4: "7G5I", role: "admin", label: "Admin", plaintext: "DEV_API_PofbciOx9gy1CJdObOIRpFqaDZeV7G5I" }),
      seeded({ id: "key_dev_writer", ...dev, last4: "XcNO", role: "writer", label: "Writer", plaintext: "DEV_API_fQHeVVEqZe2qpUWnoVPDF2yeE6RsXcNO" }),
      seeded({ id: "key_dev_reader", ...dev, last4: "sDDD", role: "reader", label: "Reader", plaintext: "DEV_API_PmeMjvqPVStNKiaEdFrRgSnRFsTHsDDD" }),
      seeded({ id: "key_dev_custom", ...dev, last4: "VHq8", scopes: ["read", "delete"], label: "Custom: read and delete", plaintext: "DEV_API_Xh5Jmtf7EbsDe0G9Cryn687neLfjVHq8" }),
      seeded({ id: "key_prod_admin", kind: "production", environment: "production", prefix: "PROD_API_", last4: "Awyu", role: "admin", label: "Admin", plaintext: "PROD_API_xiM0OGr4hTxoF54Fzbka8FRCztUjAwyu" }),
      seeded({ id: "key_dev_revoked", ...dev, last4: "BWr2", role: "admin", status: "revoked", label: "revoked", plaintext: "DEV_API_h1vauWv1zh87mTa5Vsqxezy3Lex7BWr2" }),
      seeded({ id: "key_dev_expired", ...dev, last4: "48JJ", role: "admin", status: "expired", expiresAt: "2025-01-01T00:00:00.000Z", label: "expired 2025-01-01", plaintext: "DEV_API_drgd1QsO7jprBGumXxY9B4bZWOz648JJ" }),
    ]);
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
