import { describe, expect, it } from "vitest";
import { starterContract } from "../src/cli/starter-contract.js";
import { parseContract, validateContract } from "../src/contract/load.js";
import { createEngine, type EngineRequest } from "../src/engine/engine.js";

/** The starter contract plus reviews that belong to items: a ref field, a nested list route and a create route. */
function withReviews(change: (data: Record<string, any>) => void = () => {}) {
  const data = starterContract({ name: "shop", baseUrl: "https://api.shop.example", header: "Authorization", scheme: "Bearer", prefixes: { test: "sk_test_" }, schemaRef: "x" }) as Record<string, any>;
  // Declared before the model it refers to: seeding must order them itself.
  data["models"] = {
    reviews: { idPrefix: "rev_", count: 12, fields: { item_id: { ref: "items" }, stars: { oneOf: [1, 2, 3, 4, 5] } } },
    ...data["models"],
  };
  data["routes"].push(
    { method: "GET", path: "/v1/reviews", permission: "items:read", action: { type: "list", model: "reviews", wrap: "data" } },
    { method: "GET", path: "/v1/items/:id/reviews", permission: "items:read", action: { type: "list", model: "reviews", wrap: "data", where: { item_id: ":id" } } },
    { method: "POST", path: "/v1/reviews", permission: "items:write", status: 201, body: { item_id: { type: "string" }, stars: { type: "integer", required: true } }, action: { type: "create", model: "reviews" } },
  );
  change(data);
  return data;
}

async function engineFor(data: Record<string, any>) {
  const contract = parseContract(data, "shop.json");
  const engine = await createEngine(contract, { rateLimit: { off: true } });
  const key = (contract.keys[0] as { plaintext: string }).plaintext;
  const call = async (method: string, path: string, body?: unknown) => {
    const request: EngineRequest = { method, path, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) };
    const response = await engine.handle(request);
    return { status: response.status, body: JSON.parse(response.body) as any };
  };
  return { engine, call };
}

describe("relations: a field that refers to another model's records", () => {
  it("seeds every ref with the id of a seeded record of that model, the same for the same seed", async () => {
    const { call } = await engineFor(withReviews());
    const items = new Set(((await call("GET", "/v1/items")).body.data as { id: string }[]).map((item) => item.id));
    const reviews = (await call("GET", "/v1/reviews")).body.data as { item_id: string }[];
    expect(reviews).toHaveLength(12);
    for (const review of reviews) expect(items).toContain(review.item_id);
    expect(new Set(reviews.map((r) => r.item_id)).size).toBeGreaterThan(1);
    const again = (await (await engineFor(withReviews())).call("GET", "/v1/reviews")).body.data;
    expect(again).toEqual(reviews);
  });

  it("lists a parent's records through a where route, answered not found for a parent that does not exist", async () => {
    const { call } = await engineFor(withReviews());
    const reviews = (await call("GET", "/v1/reviews")).body.data as { id: string; item_id: string }[];
    const items = (await call("GET", "/v1/items")).body.data as { id: string }[];
    for (const item of items) {
      const listed = await call("GET", `/v1/items/${item.id}/reviews`);
      expect(listed.status).toBe(200);
      expect(listed.body.data).toEqual(reviews.filter((review) => review.item_id === item.id));
    }
    const missing = await call("GET", "/v1/items/item_nope/reviews");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
  });

  it("keeps a created record's ref when it names an existing record, refuses one that names none, and picks one when left out", async () => {
    const { call } = await engineFor(withReviews());
    const created = await call("POST", "/v1/reviews", { item_id: "item_1", stars: 5 });
    expect(created.status).toBe(201);
    expect(created.body.item_id).toBe("item_1");
    expect((await call("GET", "/v1/items/item_1/reviews")).body.data.map((r: { id: string }) => r.id)).toContain(created.body.id);

    const dangling = await call("POST", "/v1/reviews", { item_id: "item_nope", stars: 5 });
    expect(dangling.status).toBe(400);
    expect(dangling.body.error.code).toBe("validation_failed");
    expect(dangling.body.error.message).toContain("item_id");

    const picked = await call("POST", "/v1/reviews", { stars: 3 });
    expect(picked.status).toBe(201);
    const items = ((await call("GET", "/v1/items")).body.data as { id: string }[]).map((item) => item.id);
    expect(items).toContain(picked.body.item_id);
  });
});

describe("relations are checked when the contract loads", () => {
  const problems = (data: Record<string, any>) => {
    const result = validateContract(data, "shop.json");
    return "error" in result ? result.error.problems.map((p) => `${p.path.join(".")}: ${p.message}`) : [];
  };

  it.each([
    ["a model that does not exist, with the one meant", (d: any) => (d.models.reviews.fields.item_id = { ref: "itemz" }), /models\.reviews\.fields\.item_id\.ref: expected one of "reviews", "items"; got "itemz" \(did you mean "items"\?\)/],
    ["a model that refers to itself", (d: any) => (d.models.reviews.fields.parent = { ref: "reviews" }), /models\.reviews\.fields\.parent\.ref: a model cannot refer to itself/],
    ["a cycle", (d: any) => (d.models.items.fields.top_review = { ref: "reviews" }), /models refer to each other in a cycle \((reviews → items → reviews|items → reviews → items)\)/],
    ["a model with nothing to refer to", (d: any) => ((d.models.items.count = 0), (d.models.items.records = [])), /"items" has no records for the 12 seeded reviews to refer to/],
    ["where on a route that is not a list", (d: any) => (d.routes[1].action.where = { name: "x" }), /routes\.1\.action\.where: only list routes filter by "where"; this is a get route/],
    ["where on a field the model lacks", (d: any) => (d.routes.at(-2).action.where = { itemid: ":id" }), /action\.where\.itemid: expected one of "id", "item_id", "stars"; got "itemid" \(did you mean "item_id"\?\)/],
    ["where on a parameter the path lacks", (d: any) => (d.routes.at(-2).action.where = { item_id: ":item" }), /action\.where\.item_id: expected one of ":id"; got ":item"/],
  ])("names %s", (_, change, message) => {
    expect(problems(withReviews(change)).join("\n")).toMatch(message);
  });

  it("accepts the contract with its relations as written", () => {
    expect(problems(withReviews())).toEqual([]);
  });
});

describe("conformance on a contract with relations", () => {
  it("sends a required ref field the id of a record the contract states, so the create passes against a faithful mock", async () => {
    const { conformance } = await import("../conformance/index.js");
    const { fetchHandler } = await import("../src/adapters/fetch-handler.js");
    const data = withReviews((d) => (d.routes.at(-1).body.item_id.required = true));
    const contract = parseContract(data, "shop.json");
    const results = await conformance({ contract, target: fetchHandler(await createEngine(contract)), strict: true });
    const create = results.find((r) => r.id === "response.post-v1-reviews");
    expect(create?.status).toBe("pass");
    expect(results.filter((r) => r.status !== "pass")).toEqual([]);
  });
});
