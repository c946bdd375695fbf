import type { Contract, Route } from "../../src/contract/schema.js";
import { routeName, routeSlug, type Check } from "../check.js";
import { expectRefusal, expectSuccess } from "../expect.js";
import { allows, issueKeyRoute } from "../roles.js";
import { statedId, type RouteMap } from "../routes.js";
import { violations } from "../sample-body.js";
import { callWithBody } from "./auth.js";

/** What each route promises: its success, its 404 for an unknown record, its 400 for each broken body rule. */
export function routeChecks(contract: Contract, _map: RouteMap): Check[] {
  const checks: Check[] = [];
  const validKey = contract.keys.find((k) => k.status === "active" && k.expiresAt === undefined);
  const issue = issueKeyRoute(contract)?.route;
  contract.routes.forEach((route, index) => {
    const slug = routeSlug(route);
    // The key-issuing route's success is the keys checks' business; it needs a body per environment.
    if (route !== issue && (route.status !== undefined || route.responseFields !== undefined)) {
      const id = statedId(contract, route, true);
      if (!route.path.includes(":") || id !== undefined) {
        checks.push({
          id: `response.${slug}`,
          title: `${routeName(route)} answers ${route.status ?? 200}${route.responseFields ? ` with ${Object.keys(route.responseFields).join(", ")}` : ""}`,
          needs: ["valid"],
          routes: [route],
          destructive: route.method !== "GET",
          run: async (context, v) => expectSuccess(contract, v, route, await callWithBody(context, contract, route, context.keys["valid"], id)),
        });
      }
    }
    if (route.method === "GET" && route.path.includes(":") && route.action.type === "get" && route.action.id === undefined) {
      checks.push({
        id: `not-found.${slug}`,
        title: `${routeName(route)} for an unknown id: the not_found status and envelope`,
        needs: ["valid"],
        routes: [route],
        async run(context, v) {
          const reply = await context.call(route, { key: context.keys["valid"], id: "keymock-unknown-0" });
          expectRefusal(contract, v, "not_found", reply, { vars: { method: route.method, path: context.locate(route, "keymock-unknown-0")?.path }, basis: [["routes", index]] });
        },
      });
    }
    // Validation is checked with the valid key, so only on routes the contract lets it call.
    if (validKey && !allows(contract, validKey, route)) return;
    for (const broken of violations(contract, route)) {
      checks.push({
        id: `validation.${slug}.${broken.field}.${broken.ruleKey}`,
        title: `${routeName(route)} with ${broken.field} breaking ${broken.ruleKey}: the validation_failed status and envelope`,
        needs: ["valid"],
        routes: [route],
        async run(context, v) {
          const id = statedId(contract, route, true) ?? "keymock-conformance";
          const reply = await context.call(route, { key: context.keys["valid"], json: broken.body, id });
          expectRefusal(contract, v, "validation_failed", reply, {
            rule: broken.rule,
            vars: broken.messageField === undefined ? {} : { field: broken.messageField },
            basis: [["routes", index, "body", broken.field, broken.ruleKey]],
          });
        },
      });
    }
  });
  return checks;
}
