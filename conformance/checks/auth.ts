import { environmentsOf } from "../../src/contract/environments.js";
import type { Contract, Route } from "../../src/contract/schema.js";
import { routeName, routeSlug, type Check, type CheckContext } from "../check.js";
import { expectAllowed, expectRefusal, expectSuccess } from "../expect.js";
import { environmentRole, primaryEnvironment } from "../roles.js";
import { preferred, probeRoute, type RouteMap } from "../routes.js";
import { sampleBody } from "../sample-body.js";
import type { Segment } from "../../src/contract/provenance.js";

/** The probe route with a body it accepts, where it takes one. */
export function probe(contract: Contract, map: RouteMap) {
  const { route, id } = probeRoute(contract, map);
  const json = sampleBody(contract, route);
  const call = (context: CheckContext, key?: string, location?: number) => context.call(route, { id, key, json, ...(location === undefined ? {} : { location }) });
  /** the placeholders a refusal's message may name */
  const vars = (context: CheckContext) => ({ method: route.method, path: context.locate(route, id)?.path });
  return { route, id, json, name: routeName(route), call, vars, destructive: route.method !== "GET" };
}

/** A key of no documented format, and one of a documented format that no one was issued. */
const malformedKey = (contract: Contract) => `${contract.keyKinds[0]?.prefix ?? ""}!not-a-key!`;
function unknownKey(contract: Contract): string {
  const kind = contract.keyKinds.find((k) => !k.publicRoutesOnly) ?? contract.keyKinds[0];
  return `${kind?.prefix ?? ""}${"0".repeat(kind?.issuedLength ?? 32)}`;
}

/** Which key a plain request is refused for, and the key it sends. */
export function authChecks(contract: Contract, map: RouteMap): Check[] {
  const p = probe(contract, map);
  const checks: Check[] = [];
  const kindFact = (environment: string): Segment[] => ["keyKinds", Math.max(0, contract.keyKinds.findIndex((k) => k.environment === environment)), "prefix"];
  const routes = [p.route];

  checks.push({
    id: "auth.valid-key",
    title: `a valid key is let through on ${p.name}`,
    needs: ["valid"],
    routes,
    destructive: p.destructive,
    async run(context, v) {
      expectSuccess(contract, v, p.route, await p.call(context, context.keys["valid"]));
    },
  });
  contract.credentials.slice(1).forEach((location, i) => {
    checks.push({
      id: `auth.credential.${location.header.toLowerCase()}`,
      title: `a valid key sent in ${location.header} is let through on ${p.name}`,
      needs: ["valid"],
      routes,
      destructive: p.destructive,
      async run(context, v) {
        expectAllowed(v, await p.call(context, context.keys["valid"], i + 1), [["credentials", i + 1]], `key in ${location.header}`);
      },
    });
  });
  const refusals = [
    ["auth.missing-credential", "no key", "missing_credentials", () => undefined, []],
    ["auth.malformed-key", "a key of no documented format", "malformed_key", () => malformedKey(contract), []],
    ["auth.unknown-key", "a well-formed key never issued", "unknown_key", () => unknownKey(contract), []],
    ["auth.revoked-key", "a revoked key", "revoked_key", (c: CheckContext) => c.keys["revoked"], ["revoked"]],
    ["auth.expired-key", "an expired key", "expired_key", (c: CheckContext) => c.keys["expired"], ["expired"]],
  ] as const;
  for (const [id, what, reason, key, needs] of refusals) {
    if (needs.length > 0 && !contract.keys.some((k) => (reason === "revoked_key" ? k.status === "revoked" : k.expiresAt !== undefined))) continue;
    checks.push({
      id,
      title: `${what}: the ${reason} status and envelope`,
      needs: [...needs],
      routes,
      run: async (context, v) => {
        const reply = await p.call(context, key(context));
        expectRefusal(contract, v, reason, reply, { vars: p.vars(context) });
      },
    });
  }
  for (const environment of environmentsOf(contract).slice(1)) {
    const role = environmentRole(contract, environment);
    if (contract.separateEnvironments) {
      checks.push({
        id: `auth.other-environment.${environment}`,
        title: `a ${environment} key is refused by a ${primaryEnvironment(contract)} deployment: the unknown_key status and envelope`,
        needs: [role],
        routes,
        run: async (context, v) => expectRefusal(contract, v, "unknown_key", await p.call(context, context.keys[role]), { basis: [["separateEnvironments"]], vars: p.vars(context) }),
      });
    } else {
      checks.push({
        id: `auth.environment.${environment}`,
        title: `a ${environment} key is let through on ${p.name}`,
        needs: [role],
        routes,
        destructive: p.destructive,
        run: async (context, v) => void expectAllowed(v, await p.call(context, context.keys[role]), [kindFact(environment)], `${environment} key`),
      });
    }
  }
  checks.push(...scopeChecks(contract, map));
  if (contract.sessions) {
    checks.push({
      id: "auth.session",
      title: `a session JWT is let through on ${p.name}`,
      needs: ["session"],
      routes,
      destructive: p.destructive,
      run: async (context, v) => void expectAllowed(v, await p.call(context, context.keys["session"]), [["sessions"]], "session JWT"),
    });
  }
  return checks;
}

/** Refusals for what a key may not do: a public key off its routes, a key without the route's scope. */
function scopeChecks(contract: Contract, map: RouteMap): Check[] {
  const checks: Check[] = [];
  const publicKind = contract.keyKinds.findIndex((k) => k.publicRoutesOnly);
  if (publicKind !== -1) {
    const secret = preferred(contract, map, contract.routes.filter((r) => !r.public));
    if (secret) {
      checks.push({
        id: "auth.key-kind-forbidden",
        title: `a public key on ${routeName(secret)}: the forbidden_key_kind status and envelope`,
        needs: ["public"],
        routes: [secret],
        run: async (context, v) =>
          expectRefusal(contract, v, "forbidden_key_kind", await callWithBody(context, contract, secret, context.keys["public"]), { basis: [["keyKinds", publicKind, "publicRoutesOnly"]] }),
      });
    }
    for (const route of contract.routes.filter((r) => r.public)) {
      checks.push({
        id: `auth.public-allowed.${routeSlug(route)}`,
        title: `a public key is let through on ${routeName(route)}`,
        needs: ["public"],
        routes: [route],
        destructive: route.method !== "GET",
        run: async (context, v) => void expectAllowed(v, await callWithBody(context, contract, route, context.keys["public"]), [["routes", contract.routes.indexOf(route), "public"]], "public key"),
      });
    }
  }
  return checks;
}

/** A route with a body it accepts and a stated record where it has an :id. */
export function callWithBody(context: CheckContext, contract: Contract, route: Route, key: string | undefined, id?: string) {
  const record = id ?? (route.action.type !== "issue_key" ? contract.models[route.action.model]?.records[0]?.id : undefined);
  return context.call(route, { key, json: sampleBody(contract, route), id: record ?? "keymock-conformance" });
}

