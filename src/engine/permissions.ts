import type { Contract, Route } from "../contract/schema.js";
import type { StoredKey } from "./key-store.js";

/** The scope a route needs: its own, else the one the contract assigns to its method. */
export function requiredPermission(contract: Contract, route: Route): string | undefined {
  return route.permission ?? contract.permissions.byMethod[route.method];
}

/** A key's scopes: those it lists plus those its role grants. */
export function grantsFor(contract: Contract, scopes: string[], role: string | undefined): Set<string> {
  const fromRole = role === undefined ? [] : (contract.permissions.roles[role] ?? []);
  return new Set([...scopes, ...fromRole]);
}

export function allows(contract: Contract, key: StoredKey, permission: string): boolean {
  const { wildcard } = contract.permissions;
  return key.grants.has(permission) || (wildcard !== undefined && key.grants.has(wildcard));
}
