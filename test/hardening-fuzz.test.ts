import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../src/adapters/listen.js";
import { createRequestListener } from "../src/adapters/request-listener.js";
import { bundledContract, bundledNames, type BundledName } from "../src/contract/bundled.js";
import type { Contract } from "../src/contract/schema.js";
import { createEngine, type Engine } from "../src/engine/engine.js";

// Cases per contract: RUNS sequences of up to STEPS requests each, against one server whose state carries over.
const RUNS = 30;
const STEPS = 12;

interface Fuzzed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

const nasty = fc.constantFrom("", "%E0%A4%A", "..", "%00", "a".repeat(5000), "ü", "__proto__", "constructor", "%2F", "x?y=1");
const segment = fc.oneof(fc.string({ maxLength: 12 }).map(encodeURIComponent), nasty);
const jsonValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(`a@${".".repeat(20_000)} `, "x".repeat(10_000), "ada@example.com", "2099-01-01T00:00:00Z", "*"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 5 }),
  fc.constant(Array(1500).fill("read:billing")),
);

function requestsFor(contract: Contract, keys: string[]): fc.Arbitrary<Fuzzed> {
  const routePath = fc.constantFrom(...contract.routes).chain((route) =>
    fc.tuple(fc.constant(route), segment).map(([r, id]) => ({ route: r, path: r.path.replace(/:\w+/g, id || "x") })),
  );
  const admin = fc.constantFrom(
    "/__keymock/keys",
    "/__keymock/keys/%E0%A4%A",
    `/__keymock/keys/${contract.keys[0]?.id ?? "x"}/rotate`,
    `/__keymock/keys/${contract.keys[0]?.id ?? "x"}/rate-limit`,
    "/__keymock/clock",
    "/__keymock/sessions",
    "/__keymock/reset",
  );
  const path = fc.oneof(
    routePath.map((r) => r.path),
    admin,
    fc.array(segment, { maxLength: 4 }).map((s) => `/${s.join("/")}`),
  );
  const query = fc.oneof(fc.constant(""), fc.constantFrom("?limit=2", "?limit=abc", "?offset=99999", "?limit=0", "?api_key=sk_test_leak"));
  const credential = fc.oneof(fc.constant(undefined), fc.constantFrom(...keys), fc.string({ maxLength: 60 }), fc.constant(`sk_test_${"a".repeat(3000)}`));
  const location = fc.constantFrom(...contract.credentials);
  const fields = [...new Set(contract.routes.flatMap((r) => Object.keys(r.body ?? {}))), "kind", "scopes", "advance", "graceSeconds", "limit", "windowSeconds", "member", "set"];
  const adminValues = fc.oneof(jsonValue, fc.constantFrom("100000000d", "90d", 1e300, 5, 60, ...contract.keyKinds.map((k) => k.id), ...contract.members.map((m) => m.id)));
  const body = fc.oneof(
    fc.constant(undefined),
    fc.dictionary(fc.constantFrom(...fields), adminValues, { maxKeys: 5 }).map((o) => JSON.stringify(o)),
    fc.constantFrom("{not json", "[]", "null", '"text"'),
  );
  return fc
    .record({
      method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
      path,
      query,
      credential,
      location,
      origin: fc.option(fc.constantFrom("https://evil.example", "http://localhost:5173", "null"), { nil: undefined }),
      contentType: fc.constantFrom("application/json", "text/plain", undefined),
      body,
    })
    .map(({ method, path: p, query: q, credential: c, location: l, origin, contentType, body: b }) => {
      const headers: Record<string, string> = {};
      if (c !== undefined) headers[l.header] = l.scheme ? `${l.scheme} ${c}` : c;
      if (origin) headers["Origin"] = origin;
      if (contentType && b !== undefined) headers["Content-Type"] = contentType;
      const bodyless = method === "GET" || method === "HEAD" || method === "OPTIONS";
      return { method, path: `${p}${q}`, headers, body: bodyless ? undefined : b };
    });
}

const seededPlaintexts = (contract: Contract) => contract.keys.map((k) => k.plaintext);
const issuedPlaintexts = (body: unknown): string[] => {
  if (body === null || typeof body !== "object") return [];
  const record = body as Record<string, unknown>;
  return ["plaintext", "plaintextKey", "token"].map((f) => record[f]).filter((v): v is string => typeof v === "string");
};

describe.each(bundledNames)("fuzzing %s over HTTP", (name: BundledName) => {
  const contract = bundledContract(name);
  const lines: string[] = [];
  let engine: Engine;
  let server: Server;
  let origin: string;
  let clock = Date.parse("2026-06-01T00:00:00Z");
  beforeAll(async () => {
    engine = await createEngine(contract, { now: () => clock });
    server = await listen(createRequestListener([{ prefix: "", engine }], { log: (line) => lines.push(line) }), 0, "127.0.0.1");
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it(`answers ${RUNS} runs of up to ${STEPS} random requests: no 5xx, none slower than 1 s, errors in the envelope, no issued key leaked`, async () => {
    const envelopeKeys = Object.keys(contract.errors.envelope as Record<string, unknown>);
    const issued = new Set<string>();
    const keys = seededPlaintexts(contract);
    await fc.assert(
      fc.asyncProperty(fc.array(requestsFor(contract, keys), { minLength: 1, maxLength: STEPS }), async (requests) => {
        for (const r of requests) {
          clock += 1000;
          const response = await fetch(`${origin}${r.path}`, { method: r.method, headers: r.headers, body: r.body, signal: AbortSignal.timeout(1000) });
          const text = await response.text();
          expect(response.status, `${r.method} ${r.path}: ${text.slice(0, 300)}`).toBeLessThan(500);
          const leaked = [...issued].find((plaintext) => text.includes(plaintext) || [...response.headers.values()].some((v) => v.includes(plaintext)));
          expect(leaked, `${r.method} ${r.path} echoed an issued key`).toBeUndefined();
          if (response.status >= 400 && r.method !== "HEAD") {
            const body = JSON.parse(text) as Record<string, unknown>;
            const adminShape = typeof (body["error"] as { code?: unknown } | undefined)?.code === "string";
            const inEnvelope = Object.keys(body).length > 0 && Object.keys(body).every((k) => envelopeKeys.includes(k));
            expect(inEnvelope || (r.path.startsWith("/__keymock") && adminShape), `${r.method} ${r.path}: ${text.slice(0, 300)}`).toBe(true);
          }
          if (response.status < 300 && text.startsWith("{")) for (const p of issuedPlaintexts(JSON.parse(text))) issued.add(p);
        }
      }),
      { numRuns: RUNS },
    );
    const secrets = [...issued, ...keys];
    expect(lines.find((line) => secrets.some((s) => line.includes(s)))).toBeUndefined();
  });
});
