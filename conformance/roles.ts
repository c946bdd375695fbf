import { environmentsOf, seededEnvironment } from "../src/contract/environments.js";
import type { Contract, Route, SeededKey } from "../src/contract/schema.js";
import { preferred, probeRoute, type RouteMap } from "./routes.js";

/** A key the checks need, what it must be, and how the mock provides it. */
export interface RoleSpec {
  role: string;
  /** what the key must be, for --list and skip reasons */
  description: string;
  /** the seeded key of the fixture that plays this role against the mock */
  seededId?: string | undefined;
  /** a session JWT the mock issues for this org member (POST /__keymock/sessions) */
  sessionMember?: string | undefined;
}

const grantsOf = (contract: Contract, key: SeededKey) => new Set([...(key.scopes ?? []), ...(key.role ? (contract.permissions.roles[key.role] ?? []) : [])]);
const kindOf = (contract: Contract, key: SeededKey) => contract.keyKinds.find((k) => k.id === key.kind);
const usable = (key: SeededKey) => key.status === "active" && key.expiresAt === undefined;

/** The scope a route needs: its own, else the one its method needs. */
export const permissionOf = (contract: Contract, route: Route): string | undefined => route.permission ?? contract.permissions.byMethod[route.method];

/** Whether a set of grants covers a permission, the wildcard included. */
export function grants(contract: Contract, held: Iterable<string>, permission: string): boolean {
  const set = new Set(held);
  const { wildcard } = contract.permissions;
  return set.has(permission) || (wildcard !== undefined && set.has(wildcard));
}

/** Whether the contract lets a seeded key call a route: its kind, then its scopes. */
export function allows(contract: Contract, key: SeededKey, route: Route): boolean {
  if (kindOf(contract, key)?.publicRoutesOnly && !route.public) return false;
  const permission = permissionOf(contract, route);
  return permission === undefined || grants(contract, grantsOf(contract, key), permission);
}

/** The environment the `valid` key is of: the first the contract names. */
export const primaryEnvironment = (contract: Contract) => environmentsOf(contract)[0];

/** How much a key may do: the wildcard counts as everything. */
function breadth(contract: Contract, key: SeededKey): number {
  const held = grantsOf(contract, key);
  const { wildcard } = contract.permissions;
  return wildcard !== undefined && held.has(wildcard) ? Number.POSITIVE_INFINITY : held.size;
}

/** The usable key with the widest grants among those that pass `filter`. */
function widest(contract: Contract, filter: (key: SeededKey) => boolean): SeededKey | undefined {
  return contract.keys.filter((k) => usable(k) && filter(k)).sort((a, b) => breadth(contract, b) - breadth(contract, a))[0];
}

/** The role that holds a key of an environment: `valid` for the first, `env-<name>` for the others. */
export const environmentRole = (contract: Contract, environment: string) => (environment === primaryEnvironment(contract) ? "valid" : `env-${environment}`);

/** Roles that keys hold (permissions.roles held by a seeded key), each with its `role-<name>` key role. */
export function keyHeldRoles(contract: Contract): string[] {
  return Object.keys(contract.permissions.roles).filter((role) => contract.keys.some((k) => usable(k) && k.role === role));
}

/**
 * The key roles a contract's checks need, each with the seeded key (or session) that plays it on the mock.
 * @example keyRoles(contract).map((r) => `key ${r.role}  ${r.description}`)
 */
export function keyRoles(contract: Contract, map: RouteMap = {}): RoleSpec[] {
  const { route: probe } = probeRoute(contract, map);
  const probeName = `${probe.method} ${probe.path}`;
  const primary = primaryEnvironment(contract);
  const inPrimary = (k: SeededKey) => !contract.separateEnvironments || seededEnvironment(contract, k) === primary;
  const roles: RoleSpec[] = [];
  const valid = widest(contract, (k) => allows(contract, k, probe) && (primary === undefined || seededEnvironment(contract, k) === primary));
  roles.push({ role: "valid", description: `an active ${primary ? `${primary} ` : ""}key allowed on ${probeName}`, seededId: valid?.id });
  for (const environment of environmentsOf(contract).slice(1)) {
    const key = widest(contract, (k) => seededEnvironment(contract, k) === environment && allows(contract, k, probe));
    roles.push({ role: `env-${environment}`, description: `an active ${environment} key allowed on ${probeName}`, seededId: key?.id });
  }
  const revoked = contract.keys.find((k) => k.status === "revoked" && inPrimary(k));
  if (revoked) roles.push({ role: "revoked", description: "a revoked (deleted) key", seededId: revoked.id });
  const expired = contract.keys.find((k) => k.status === "active" && k.expiresAt !== undefined && inPrimary(k));
  if (expired) roles.push({ role: "expired", description: "a key past its expiry", seededId: expired.id });
  const limited = limitedRoute(contract, map);
  if (limited) roles.push({ role: "limited", description: `an active key without the ${permissionOf(contract, limited.route)} scope (${limited.route.method} ${limited.route.path})`, seededId: limited.key.id });
  for (const role of keyHeldRoles(contract)) {
    const key = contract.keys.find((k) => usable(k) && k.role === role && inPrimary(k));
    roles.push({ role: `role-${role}`, description: `an active key with the ${role} role`, seededId: key?.id });
  }
  const publicKinds = new Set(contract.keyKinds.filter((k) => k.publicRoutesOnly).map((k) => k.id));
  if (publicKinds.size > 0) {
    const key = contract.keys.find((k) => usable(k) && publicKinds.has(k.kind) && inPrimary(k));
    roles.push({ role: "public", description: "an active public key (limited to public routes)", seededId: key?.id });
  }
  const ownerRole = issueKeyRoute(contract)?.wildcardRequiresRole;
  if (ownerRole) {
    const nonOwners = new Set(contract.members.filter((m) => m.role !== ownerRole).map((m) => m.id));
    const member = contract.keys.find((k) => usable(k) && k.member !== undefined && nonOwners.has(k.member));
    roles.push({ role: "member", description: `a key of an org member who is not the ${ownerRole}`, seededId: member?.id });
  }
  if (contract.sessions) {
    const owner = contract.members.find((m) => grants(contract, contract.permissions.roles[m.role] ?? [], contract.permissions.wildcard ?? "")) ?? contract.members[0];
    roles.push({ role: "session", description: `a session JWT of an org member${owner ? ` (${owner.role})` : ""}`, sessionMember: owner?.id });
  }
  return roles;
}

/** A route that needs a scope and a usable key that lacks it; documented or named routes first. */
export function limitedRoute(contract: Contract, map: RouteMap): { route: Route; key: SeededKey } | undefined {
  const candidates = contract.routes.filter((r) => permissionOf(contract, r) !== undefined);
  const ordered: Route[] = [];
  for (let next = preferred(contract, map, candidates); next; next = preferred(contract, map, candidates.filter((r) => !ordered.includes(r)))) ordered.push(next);
  for (const route of ordered) {
    const key = contract.keys.find((k) => usable(k) && !kindOf(contract, k)?.publicRoutesOnly && !k.role && !allows(contract, k, route));
    if (key) return { route, key };
  }
  return undefined;
}

export function issueKeyRoute(contract: Contract) {
  const route = contract.routes.find((r) => r.action.type === "issue_key");
  return route?.action.type === "issue_key" ? Object.assign({ route }, route.action) : undefined;
}
