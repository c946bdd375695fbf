import type { Contract, Route } from "../src/index.js";

export type KeyRole = "valid" | "revoked" | "expired" | "limited" | "public" | "member";

export interface RoleSpec {
  role: KeyRole;
  /** what the key must be, for --list and skip reasons */
  description: string;
  /** the seeded key of the fixture that plays this role against the mock */
  seededId: string | undefined;
  /** the route a check sends this key to */
  route: Route;
}

type Seeded = Contract["keys"][number];

const grantsOf = (contract: Contract, key: Seeded) =>
  new Set([...(key.scopes ?? []), ...(key.role ? (contract.permissions.roles[key.role] ?? []) : [])]);
/** The scope a route needs: its own, else the one its method needs. */
export const permissionOf = (contract: Contract, route: Route): string | undefined => route.permission ?? contract.permissions.byMethod[route.method];
const kindOf = (contract: Contract, key: Seeded) => contract.keyKinds.find((k) => k.id === key.kind);
const usable = (key: Seeded) => key.status === "active" && key.expiresAt === undefined;

export function allows(contract: Contract, key: Seeded, route: Route): boolean {
  const kind = kindOf(contract, key);
  if (kind?.publicRoutesOnly && !route.public) return false;
  const permission = permissionOf(contract, route);
  if (permission === undefined) return true;
  const grants = grantsOf(contract, key);
  const { wildcard } = contract.permissions;
  return grants.has(permission) || (wildcard !== undefined && grants.has(wildcard));
}

/** The route plain checks call: a GET whose path needs no record id, or one with a record stated in the fixture. */
export function probeRoute(contract: Contract): { route: Route; path: string } {
  const gets = contract.routes.filter((r) => r.method === "GET");
  const fixed = gets.find((r) => !r.path.includes(":"));
  if (fixed) return { route: fixed, path: fixed.path };
  for (const route of gets) {
    const model = route.action.type !== "issue_key" ? contract.models[route.action.model] : undefined;
    const id = model?.records[0]?.id;
    if (id) return { route, path: route.path.replace(/:id\b/, encodeURIComponent(id)) };
  }
  throw new Error(`[keymock] The ${contract.title} contract has no GET route a conformance check can call without a record id.`);
}

/**
 * The key roles a contract's checks need, each with the seeded key that plays it on the mock.
 * @example keyRoles(contract).map((r) => `key ${r.role}  ${r.description}`)
 */
export function keyRoles(contract: Contract): RoleSpec[] {
  const { route: probe, path } = probeRoute(contract);
  const roles: RoleSpec[] = [];
  const valid = contract.keys.filter((k) => usable(k) && allows(contract, k, probe));
  const best = valid.sort((a, b) => grantsOf(contract, b).size - grantsOf(contract, a).size)[0];
  roles.push({ role: "valid", description: `an active key allowed on GET ${path}`, seededId: best?.id, route: probe });
  const revoked = contract.keys.find((k) => k.status === "revoked");
  if (revoked) roles.push({ role: "revoked", description: "a revoked (deleted) key", seededId: revoked.id, route: probe });
  const expired = contract.keys.find((k) => k.status === "active" && k.expiresAt !== undefined);
  if (expired) roles.push({ role: "expired", description: "a key past its expiry", seededId: expired.id, route: probe });

  for (const route of contract.routes.filter((r) => permissionOf(contract, r) !== undefined)) {
    const limited = contract.keys.find((k) => usable(k) && !kindOf(contract, k)?.publicRoutesOnly && !allows(contract, k, route));
    if (limited) {
      roles.push({ role: "limited", description: `an active key without the ${permissionOf(contract, route)} scope (${route.method} ${route.path})`, seededId: limited.id, route });
      break;
    }
  }
  const publicKinds = new Set(contract.keyKinds.filter((k) => k.publicRoutesOnly).map((k) => k.id));
  const secretRoute = contract.routes.find((r) => !r.public && r.method === "GET") ?? contract.routes.find((r) => !r.public);
  const publicKey = contract.keys.find((k) => usable(k) && publicKinds.has(k.kind));
  if (publicKinds.size > 0 && secretRoute) {
    roles.push({ role: "public", description: `a public key (refused on ${secretRoute.method} ${secretRoute.path})`, seededId: publicKey?.id, route: secretRoute });
  }
  const issue = contract.routes.find((r) => r.action.type === "issue_key");
  const ownerRole = issue?.action.type === "issue_key" ? issue.action.wildcardRequiresRole : undefined;
  if (issue && ownerRole) {
    const nonOwners = new Set(contract.members.filter((m) => m.role !== ownerRole).map((m) => m.id));
    const member = contract.keys.find((k) => usable(k) && k.member !== undefined && nonOwners.has(k.member));
    roles.push({ role: "member", description: `a key of an org member who is not the ${ownerRole}`, seededId: member?.id, route: issue });
  }
  return roles;
}
