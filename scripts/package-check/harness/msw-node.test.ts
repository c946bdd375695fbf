import { afterAll, expect, it } from "vitest";

afterAll(() => server.close());

it("answers the README's msw/node request with the seeded user", async () => {
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ id: "user_123", email: "user@example.com" });
});
