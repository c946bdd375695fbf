import type { Contract, Route } from "../../src/contract/schema.js";
import { routeName, type Check } from "../check.js";
import { expectAllowed, expectRefusal } from "../expect.js";
import { grants, keyHeldRoles, limitedRoute, permissionOf } from "../roles.js";
import { preferred, type RouteMap } from "../routes.js";
import { callWithBody } from "./auth.js";

/** What a key may and may not do by its scopes: the limited key, and each role against each permission a route needs. */
export function permissionChecks(contract: Contract, map: RouteMap): Check[] {
  const checks: Check[] = [];
  const limited = limitedRoute(contract, map);
  if (limited) {
    const { route } = limited;
    const permission = permissionOf(contract, route) as string;
    checks.push({
      id: "auth.insufficient-scope",
      title: `a key without ${permission} on ${routeName(route)}: the insufficient_scope status and envelope`,
      needs: ["limited"],
      routes: [route],
      run: async (context, v) =>
        expectRefusal(contract, v, "insufficient_scope", await callWithBody(context, contract, route, context.keys["limited"]), {
          vars: { permission, method: route.method, path: context.locate(route)?.path },
          basis: [["routes", contract.routes.indexOf(route), "permission"]],
        }),
    });
  }
  const byPermission = new Map<string, Route[]>();
  for (const route of contract.routes) {
    const permission = permissionOf(contract, route);
    if (permission !== undefined) byPermission.set(permission, [...(byPermission.get(permission) ?? []), route]);
  }
  for (const role of keyHeldRoles(contract)) {
    const held = contract.permissions.roles[role] ?? [];
    for (const [permission, routes] of byPermission) {
      const route = preferred(contract, map, routes) as Route;
      const allowed = grants(contract, held, permission);
      const basis = [["permissions", "roles", role, permission], ...(route.permission === undefined ? [["permissions", "byMethod", route.method]] : [])];
      checks.push({
        id: `permissions.${role}.${permission.replace(/[^A-Za-z0-9_:-]+/g, "-")}`,
        title: `a key with the ${role} role is ${allowed ? "let through" : "refused"} on ${routeName(route)} (needs ${permission})`,
        needs: [`role-${role}`],
        routes: [route],
        destructive: allowed && route.method !== "GET",
        async run(context, v) {
          const reply = await callWithBody(context, contract, route, context.keys[`role-${role}`]);
          if (allowed) expectAllowed(v, reply, basis, `${role} key on ${routeName(route)}`);
          else expectRefusal(contract, v, "insufficient_scope", reply, { vars: { permission, method: route.method, path: context.locate(route)?.path }, basis });
        },
      });
    }
  }
  return checks;
}
