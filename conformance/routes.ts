import { isDocumented } from "../src/contract/provenance.js";
import type { Contract, Route } from "../src/contract/schema.js";
import { routeName } from "./check.js";

/** Fixture routes named on the target: "POST /v1/transactions" → "POST /api/transfers" (or just a path). */
export type RouteMap = Record<string, string>;

export const routeIndex = (contract: Contract, route: Route) => contract.routes.indexOf(route);
export const routeDocumented = (contract: Contract, route: Route) => isDocumented(contract, ["routes", routeIndex(contract, route)]);

/** A route the suite may call on any target: documented, or named by the user. */
export function knownEverywhere(contract: Contract, route: Route, map: RouteMap): boolean {
  return routeDocumented(contract, route) || Object.hasOwn(map, routeName(route));
}

/** Checks each --route names a fixture route and a METHOD and/or path; returns the map or throws with the fix. */
export function parseRouteMap(contract: Contract, pairs: RouteMap): RouteMap {
  const names = contract.routes.map(routeName);
  for (const [name, target] of Object.entries(pairs)) {
    if (!names.includes(name)) {
      throw new Error(`[keymock] --route "${name}": the ${contract.title} contract has no route ${name}; routes: ${names.join(", ")}.`);
    }
    if (!/^(?:[A-Z]+ )?\/\S*$/.test(target)) {
      throw new Error(`[keymock] --route "${name}=${target}": expected the route on the target as "METHOD /path" or "/path".`);
    }
  }
  return pairs;
}

/** The record id a route's `:id` takes: a record the contract states (documented ones on any target). */
export function statedId(contract: Contract, route: Route, anyRecord: boolean): string | undefined {
  if (!route.path.includes(":") || route.action.type === "issue_key") return undefined;
  const model = route.action.model;
  const records = contract.models[model]?.records ?? [];
  const index = records.findIndex((_, i) => anyRecord || isDocumented(contract, ["models", model, "records", i]));
  return index === -1 ? undefined : records[index]?.id;
}

/**
 * Where a fixture route is on the target: as the user named it, else as the contract states it where it is
 * documented or the target is the mock itself.
 */
export function locateRoute(contract: Contract, map: RouteMap, isMock: boolean, route: Route, id?: string): { method: string; path: string } | undefined {
  const named = map[routeName(route)];
  const fill = (path: string) => path.replace(/:(\w+)/g, (match) => encodeURIComponent(id ?? match));
  if (named) {
    const [method, path] = named.startsWith("/") ? [route.method, named] : (named.split(" ", 2) as [string, string]);
    return { method, path: fill(path) };
  }
  if (isMock || routeDocumented(contract, route)) return { method: route.method, path: fill(route.path) };
  return undefined;
}

/**
 * The route plain checks call, chosen from the contract alone so --list and every target agree: documented before
 * named before assumed; a GET before other methods; one with no path parameter, or a stated record, before others.
 */
export function probeRoute(contract: Contract, map: RouteMap = {}): { route: Route; id: string | undefined } {
  const tiers = [(r: Route) => routeDocumented(contract, r), (r: Route) => Object.hasOwn(map, routeName(r)), () => true];
  for (const tier of tiers) {
    const candidates = contract.routes.filter(tier);
    for (const method of ["GET", undefined]) {
      for (const route of candidates.filter((r) => method === undefined || r.method === method)) {
        if (!route.path.includes(":")) return { route, id: undefined };
        const id = statedId(contract, route, !routeDocumented(contract, route));
        if (id !== undefined && (method === "GET" || route.action.type !== "delete")) return { route, id };
      }
    }
  }
  throw new Error(`[keymock] The ${contract.title} contract has no route a conformance check can call without a record id.`);
}

/** The first of some routes by preference: documented, then named by the user, then the rest; GET first within each. */
export function preferred(contract: Contract, map: RouteMap, routes: Route[]): Route | undefined {
  const rank = (r: Route) => (routeDocumented(contract, r) ? 0 : Object.hasOwn(map, routeName(r)) ? 2 : 4) + (r.method === "GET" ? 0 : 1);
  return [...routes].sort((a, b) => rank(a) - rank(b))[0];
}
