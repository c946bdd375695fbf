import type { Contract, DenialReason, HttpMethod, Route } from "../src/index.js";
// The renderer alone, not the whole public API: --list must not load the server.
import { errorBody } from "../src/contract/render.js";
import { CheckSkip, expectEqual, expectThat, parseBody, withKey, type Check, type CheckContext } from "./check.js";
import { permissionOf, probeRoute, type KeyRole } from "./key-roles.js";

const header = (headers: Record<string, string>, name: string | undefined) => (name ? headers[name.toLowerCase()] : undefined);

/** Sends a request and compares status and body with the contract's case for a refusal. */
async function expectDenial(context: CheckContext, reason: DenialReason, method: HttpMethod, path: string, routePath: string, key: string | undefined, vars: Record<string, string> = {}) {
  const { contract } = context;
  const test = context.request(method, path);
  const response = await (key === undefined ? test : withKey(contract, test, key)).send(method === "GET" ? undefined : {});
  const errorCase = contract.errors.cases[reason] ?? contract.errors.cases.insufficient_scope;
  expectEqual(`status for ${reason}`, errorCase.status, response.status);
  const expected = errorBody(contract, reason, { method, path: routePath, ...vars });
  expectEqual(`body for ${reason}`, expected, parseBody(response.text));
}

/** Sends a role's key to the route its role names and expects the contract's refusal. */
async function expectRoleDenial(context: CheckContext, role: KeyRole, reason: DenialReason, vars: (route: Route) => Record<string, string>) {
  const route = context.roles[role]?.route;
  if (!route) return;
  const key = context.keys[role] as string;
  await expectDenial(context, reason, route.method, concrete(context.contract, route.path), route.path, key, vars(route));
}

function malformedKey(contract: Contract): string {
  const kind = contract.keyKinds[0];
  return `${kind?.prefix ?? ""}!not-a-key!`;
}

/** A key of the first kind's documented shape that no one was issued: the prefix and zeros. */
function unknownKey(contract: Contract): string {
  const kind = contract.keyKinds.find((k) => !k.publicRoutesOnly) ?? contract.keyKinds[0];
  return `${kind?.prefix ?? ""}${"0".repeat(kind?.issuedLength ?? 32)}`;
}

function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return "array";
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]).sort());
  return typeof value;
}

/**
 * The checks a contract documents, each with a stable id. A behaviour the contract does not state yields no check.
 * @example deriveChecks(contract).map((c) => c.id)
 */
export function deriveChecks(contract: Contract): Check[] {
  const { path: probePath } = probeRoute(contract);
  const checks: Check[] = [];
  const add = (check: Check) => checks.push(check);
  const keyFor = (context: CheckContext, role: KeyRole) => context.keys[role] as string;

  add({
    id: "auth.valid-key",
    title: `a valid key gets 2xx JSON on GET ${probePath}`,
    needs: ["valid"],
    async run(context) {
      const response = await withKey(contract, context.request("GET", probePath), keyFor(context, "valid"));
      expectThat("status", response.status >= 200 && response.status < 300, "2xx", response.status);
      expectThat("content type", /json/.test(response.headers["content-type"] ?? ""), "application/json", response.headers["content-type"]);
    },
  });
  add({
    id: "auth.missing-credential",
    title: "no key: the missing_credentials status and envelope",
    needs: [],
    run: (context) => expectDenial(context, "missing_credentials", "GET", probePath, probePath, undefined),
  });
  add({
    id: "auth.malformed-key",
    title: "a key of no documented format: the malformed_key status and envelope",
    needs: [],
    run: (context) => expectDenial(context, "malformed_key", "GET", probePath, probePath, malformedKey(contract)),
  });
  add({
    id: "auth.unknown-key",
    title: "a well-formed key never issued: the unknown_key status and envelope",
    needs: [],
    run: (context) => expectDenial(context, "unknown_key", "GET", probePath, probePath, unknownKey(contract)),
  });
  for (const [role, reason, title] of [
    ["revoked", "revoked_key", "a revoked key: the revoked_key status and envelope"],
    ["expired", "expired_key", "an expired key: the expired_key status and envelope"],
  ] as const) {
    if (!contract.keys.some((k) => (role === "revoked" ? k.status === "revoked" : k.expiresAt !== undefined))) continue;
    add({
      id: `auth.${role}-key`,
      title,
      needs: [role],
      run: (context) => expectDenial(context, reason, "GET", probePath, probePath, keyFor(context, role)),
    });
  }
  if (contract.keyKinds.some((k) => k.publicRoutesOnly)) {
    add({
      id: "auth.key-kind-forbidden",
      title: "a public key on a secret route: the forbidden_key_kind status and envelope",
      needs: ["public"],
      run: (context) => expectRoleDenial(context, "public", "forbidden_key_kind", () => ({})),
    });
  }
  if (contract.routes.some((r) => permissionOf(contract, r) !== undefined)) {
    add({
      id: "auth.insufficient-scope",
      title: "a key without the route's scope: the insufficient_scope status and envelope",
      needs: ["limited"],
      run: (context) => expectRoleDenial(context, "limited", "insufficient_scope", (route) => ({ permission: permissionOf(contract, route) ?? "" })),
    });
  }
  add({
    id: "envelope.shape",
    title: "an error body has the envelope's shape",
    needs: [],
    async run(context) {
      const response = await context.request("GET", probePath);
      const expected = errorBody(contract, "missing_credentials", { method: "GET", path: probePath });
      expectEqual("envelope shape", shapeOf(expected), shapeOf(parseBody(response.text)));
    },
  });
  add({
    id: "envelope.content-type",
    title: `an error is sent as ${contract.errors.contentType.split(";")[0]}`,
    needs: [],
    async run(context) {
      const response = await context.request("GET", probePath);
      const want = contract.errors.contentType.split(";")[0]?.trim();
      expectEqual("content type", want, response.headers["content-type"]?.split(";")[0]?.trim());
    },
  });
  const exhaust = addRateLimitChecks(contract, probePath, add, keyFor);
  addKeyChecks(contract, add, keyFor);
  if (contract.httpsOnly) {
    add({
      id: "transport.https-only",
      title: "a request known to come over plain HTTP is refused",
      needs: ["valid"],
      async run(context) {
        if (context.target === "mock") {
          const test = context.request("GET", probePath).set("X-Forwarded-Proto", "http");
          const response = await withKey(contract, test, keyFor(context, "valid"));
          expectEqual("status", contract.errors.cases.insecure_transport.status, response.status);
          return;
        }
        const plain = context.baseUrl?.replace(/^https:/, "http:");
        if (!plain || plain === context.baseUrl) return;
        const [location] = contract.credentials;
        const headers = location ? { [location.header]: `${location.scheme ? `${location.scheme} ` : ""}${keyFor(context, "valid")}` } : {};
        const response = await fetch(`${plain}${probePath}`, { headers, redirect: "manual" }).catch(() => undefined);
        expectThat("plain HTTP answered with data", !response || response.status < 200 || response.status >= 300, "no 2xx over http://", response?.status);
      },
    });
  }
  // Last: it uses up the valid key's window, which would refuse every check after it.
  if (exhaust) checks.push(exhaust);
  return checks;
}

/** The most requests the 429 check sends, so a run stays short and bounded. */
const MAX_REQUESTS = 1000;

function concrete(contract: Contract, path: string): string {
  if (!path.includes(":")) return path;
  return path.replace(/:(\w+)/g, "keymock-conformance");
}

function addRateLimitChecks(contract: Contract, probePath: string, add: (c: Check) => void, keyFor: (c: CheckContext, r: KeyRole) => string): Check | undefined {
  const limits = contract.rateLimits;
  if (!limits) return undefined;
  const names = limits.headers;
  const get = (context: CheckContext) => withKey(contract, context.request("GET", probePath), keyFor(context, "valid"));
  if (names.limit || names.remaining || names.reset) {
    add({
      id: "ratelimit.headers",
      title: `a success carries ${[names.limit, names.remaining, names.reset].filter(Boolean).join(", ")} as whole numbers`,
      needs: ["valid"],
      async run(context) {
        const response = await get(context);
        for (const name of [names.limit, names.remaining, names.reset]) {
          if (!name) continue;
          const value = header(response.headers, name);
          expectThat(`${name} header`, value !== undefined && /^\d+$/.test(value), "a whole number", value ?? "(absent)");
        }
      },
    });
  }
  if (names.remaining) {
    add({
      id: "ratelimit.remaining-decrements",
      title: `${names.remaining} goes down by one a request`,
      needs: ["valid"],
      async run(context) {
        const first = Number(header((await get(context)).headers, names.remaining));
        const second = Number(header((await get(context)).headers, names.remaining));
        expectEqual(`${names.remaining} after one more request`, first - 1, second);
      },
    });
  }
  if (names.reset) {
    add({
      id: "ratelimit.reset-in-future",
      title: `${names.reset} is ${limits.resetFormat === "unix-seconds" ? "a Unix time in seconds" : "seconds"} within the window`,
      needs: ["valid"],
      async run(context) {
        const response = await get(context);
        const value = Number(header(response.headers, names.reset));
        const longest = Math.max(...Object.values(limits.policies).map((p) => p.windowSeconds));
        const dateHeader = Date.parse(response.headers["date"] ?? "");
        const now = Math.floor((Number.isNaN(dateHeader) ? Date.now() : dateHeader) / 1000);
        const [low, high] = limits.resetFormat === "unix-seconds" ? [now - 1, now + longest + 1] : [0, longest + 1];
        expectThat(`${names.reset}`, value >= low && value <= high, `${low}..${high}`, header(response.headers, names.reset));
      },
    });
  }
  return {
    id: "ratelimit.429-after-limit",
    title: "the request after the limit answers 429 in the envelope with Retry-After",
    needs: ["valid"],
    destructive: true,
    async run(context) {
      let last;
      const largest = Math.max(...Object.values(limits.policies).map((p) => p.limit));
      if (largest > MAX_REQUESTS) {
        throw new CheckSkip(`the documented limit (${largest}) is above the ${MAX_REQUESTS} requests this check may send; hold the key to a smaller limit on the target (keymock: POST /__keymock/keys/:id/rate-limit) to check it`);
      }
      for (let i = 0; i <= largest; i++) {
        last = await get(context);
        if (last.status === 429) break;
      }
      expectEqual("status after the limit", 429, last?.status);
      expectEqual("body", errorBody(contract, "rate_limited", { method: "GET", path: probePath }), parseBody(last?.text ?? ""));
      if (limits.retryAfter) {
        const retry = last?.headers["retry-after"];
        expectThat("Retry-After", retry !== undefined && /^\d+$/.test(retry), "seconds", retry ?? "(absent)");
      }
    },
  };
}

function addKeyChecks(contract: Contract, add: (c: Check) => void, keyFor: (c: CheckContext, r: KeyRole) => string) {
  const route = contract.routes.find((r) => r.action.type === "issue_key");
  if (!route || route.action.type !== "issue_key") return;
  const action = route.action;
  const scope = contract.permissions.scopes[0] ?? contract.permissions.wildcard ?? "";
  const post = (context: CheckContext, role: KeyRole, body: unknown) =>
    withKey(contract, context.request("POST", route.path), keyFor(context, role)).set("Content-Type", "application/json").send(JSON.stringify(body));
  const plaintextOf = (body: unknown) => {
    const values = Object.values((body ?? {}) as Record<string, unknown>);
    return values.find((v): v is string => typeof v === "string" && contract.keyKinds.some((k) => k.prefix !== "" && v.startsWith(k.prefix) && v.length > k.prefix.length + 8));
  };
  add({
    id: "keys.issue-once",
    title: `POST ${route.path} returns the plaintext once; later reads never show it`,
    needs: ["valid"],
    destructive: true,
    async run(context) {
      const created = await post(context, "valid", { [action.fields.label]: "keymock conformance", [action.fields.scopes]: [scope] });
      expectEqual("status", route.status ?? 201, created.status);
      const body = parseBody(created.text) as Record<string, unknown>;
      const plaintext = plaintextOf(body);
      expectThat("plaintext in the create response", plaintext !== undefined, "a key with a documented prefix", body);
      const id = typeof body["id"] === "string" ? body["id"] : undefined;
      for (const path of [route.path, ...(id ? [`${route.path}/${encodeURIComponent(id)}`] : [])]) {
        const read = await withKey(contract, context.request("GET", path), keyFor(context, "valid"));
        expectThat(`GET ${path} shows the plaintext again`, !read.text.includes(plaintext as string), "no plaintext", read.text);
      }
    },
  });
  add({
    id: "keys.prefix",
    title: "an issued key starts with its kind's documented prefix",
    needs: ["valid"],
    destructive: true,
    async run(context) {
      for (const [value, kindId] of Object.entries(action.kind.map)) {
        const kind = contract.keyKinds.find((k) => k.id === kindId);
        const created = await post(context, "valid", { [action.fields.label]: "keymock conformance", [action.fields.scopes]: [scope], [action.kind.field]: value });
        const plaintext = plaintextOf(parseBody(created.text)) ?? "";
        expectThat(`${action.kind.field}=${value}`, kind !== undefined && plaintext.startsWith(kind.prefix), `${kind?.prefix}…`, plaintext.slice(0, 12));
      }
    },
  });
  add({
    id: "keys.validation-400",
    title: `POST ${route.path} without required fields answers the validation_failed status and envelope shape`,
    needs: ["valid"],
    async run(context) {
      const response = await post(context, "valid", {});
      expectEqual("status", contract.errors.cases.validation_failed.status, response.status);
      const expected = errorBody(contract, "validation_failed", {}, {});
      expectEqual("envelope shape", Object.keys(shapeOf(expected) as object).sort(), Object.keys(shapeOf(parseBody(response.text)) as object).sort());
    },
  });
  if (action.wildcardRequiresRole && contract.permissions.wildcard) {
    add({
      id: "keys.wildcard-owner-only",
      title: `only the org ${action.wildcardRequiresRole} may issue ${contract.permissions.wildcard} keys`,
      needs: ["member"],
      async run(context) {
        const response = await post(context, "member", { [action.fields.label]: "keymock conformance", [action.fields.scopes]: [contract.permissions.wildcard] });
        expectEqual("status", (contract.errors.cases.forbidden_grant ?? contract.errors.cases.insufficient_scope).status, response.status);
      },
    });
  }
}
