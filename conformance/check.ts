import type { Contract, Route } from "../src/contract/schema.js";
import type { Reply, SendOptions, Transport } from "./target.js";
import type { Verdict } from "./verdict.js";

/** The admin API of a keymock target, when the target is one: its clock, so windows can be tested exactly. */
export interface MockControl {
  now(): Promise<number>;
  setClock(ms: number): Promise<void>;
}

/** What a check sees: the contract, the target, the keys and routes it was given. */
export interface CheckContext {
  contract: Contract;
  transport: Transport;
  keys: Partial<Record<string, string>>;
  /** "mock": a keymock (its admin API answered); "url": any deployment */
  target: "mock" | "url";
  mock: MockControl | undefined;
  /** where a fixture route is on this target; undefined where it is neither documented, named, nor a mock */
  locate(route: Route, id?: string): { method: string; path: string } | undefined;
  /** sends to a fixture route on the target (the runner made sure it can be located) */
  call(route: Route, options?: SendOptions & { id?: string }): Promise<Reply>;
}

export interface Check {
  id: string;
  title: string;
  /** key roles it needs (see keyRoles) */
  needs: string[];
  /** fixture routes it calls; where one is not documented the user names it with --route */
  routes: Route[];
  /** uses up quota or creates resources on the target */
  destructive?: boolean;
  run(context: CheckContext, verdict: Verdict): Promise<void>;
}

/** "GET /v1/users/:id": how a fixture route is named on the command line and in reports. */
export const routeName = (route: Route) => `${route.method} ${route.path}`;

/** A stable, space-free piece of a check id for a route: "get-v1-users-id". */
export const routeSlug = (route: Route) => `${route.method}${route.path}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-+$/, "");
