import type { Problem } from "./contract-error.js";
import type { Contract } from "./schema.js";
import { didYouMean } from "./did-you-mean.js";


/** Checks what the schema cannot: names that must refer to something defined elsewhere in the contract. */
export function checkReferences(contract: Contract): Problem[] {
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string) => problems.push({ path, message });
  const { permissions } = contract;
  const grantable = grantableScopes(contract);
  const kindIds = new Set<string>();
  const formats = new Map<string, RegExp>();

  contract.keyKinds.forEach((kind, i) => {
    if (kindIds.has(kind.id)) report(["keyKinds", i, "id"], `duplicate key kind "${kind.id}"`);
    kindIds.add(kind.id);
    try {
      const format = new RegExp(`^${escapeRegExp(kind.prefix)}(?:${kind.pattern})$`);
      formats.set(kind.id, format);
      if (!format.test(`${kind.prefix}${"a1".repeat(kind.issuedLength).slice(0, kind.issuedLength)}`)) {
        report(["keyKinds", i, "issuedLength"], `keys of ${kind.issuedLength} letters and digits after the prefix would not match the pattern`);
      }
    } catch (error) {
      report(["keyKinds", i, "pattern"], `expected a regular expression (${(error as Error).message})`);
    }
  });

  for (const [role, scopes] of Object.entries(permissions.roles)) {
    scopes.forEach((scope, i) => {
      if (!grantable.has(scope)) report(["permissions", "roles", role, i], expectedOneOf(scope, grantable, "permissions.scopes"));
    });
  }
  for (const [method, scope] of Object.entries(permissions.byMethod)) {
    if (!grantable.has(scope)) report(["permissions", "byMethod", method], expectedOneOf(scope, grantable, "permissions.scopes"));
  }

  const memberIds = new Set(contract.members.map((m) => m.id));
  contract.members.forEach((member, i) => {
    if (contract.sessions && !(member.role in permissions.roles)) {
      report(["members", i, "role"], `sessions act with the member's role, so "${member.role}" must be one of permissions.roles: ${list(Object.keys(permissions.roles))}`);
    }
  });
  const keyIds = new Set<string>();
  const plaintexts = new Set<string>();
  contract.keys.forEach((key, i) => {
    if (keyIds.has(key.id)) report(["keys", i, "id"], `duplicate key id "${key.id}"`);
    keyIds.add(key.id);
    if (plaintexts.has(key.plaintext)) report(["keys", i, "plaintext"], "the same plaintext is seeded twice");
    plaintexts.add(key.plaintext);
    const format = formats.get(key.kind);
    if (!kindIds.has(key.kind)) report(["keys", i, "kind"], expectedOneOf(key.kind, kindIds, "keyKinds"));
    else if (format && !format.test(key.plaintext)) {
      report(["keys", i, "plaintext"], `does not match the format of key kind "${key.kind}" (${format.source})`);
    }
    key.scopes?.forEach((scope, j) => {
      if (!grantable.has(scope)) report(["keys", i, "scopes", j], expectedOneOf(scope, grantable, "permissions.scopes"));
    });
    if (key.role !== undefined && !(key.role in permissions.roles)) {
      report(["keys", i, "role"], expectedOneOf(key.role, Object.keys(permissions.roles), "permissions.roles"));
    }
    if (key.member !== undefined && !memberIds.has(key.member)) {
      report(["keys", i, "member"], expectedOneOf(key.member, memberIds, "members"));
    }
  });

  const seenRoutes = new Set<string>();
  contract.routes.forEach((route, i) => {
    const signature = `${route.method} ${route.path.replace(/:[^/]+/g, ":")}`;
    if (seenRoutes.has(signature)) report(["routes", i], `duplicate route ${route.method} ${route.path}`);
    seenRoutes.add(signature);
    const { action } = route;
    if (action.type === "issue_key") {
      for (const [value, kind] of Object.entries(action.kind.map)) {
        if (!kindIds.has(kind)) report(["routes", i, "action", "kind", "map", value], expectedOneOf(kind, kindIds, "keyKinds"));
      }
      if (!(action.kind.default in action.kind.map)) {
        report(["routes", i, "action", "kind", "default"], expectedOneOf(action.kind.default, Object.keys(action.kind.map), "action.kind.map"));
      }
      if (!contract.errors.cases.forbidden_grant) {
        report(["errors", "cases", "forbidden_grant"], "an issue_key route needs this case: the answer when a caller may not grant the scopes asked for");
      }
    } else if (!(action.model in contract.models)) {
      report(["routes", i, "action", "model"], expectedOneOf(action.model, Object.keys(contract.models), "models"));
    }
    if (route.permission !== undefined && !grantable.has(route.permission)) {
      report(["routes", i, "permission"], expectedOneOf(route.permission, grantable, "permissions.scopes"));
    }
    const needsId = action.type !== "issue_key" && ["get", "update", "delete"].includes(action.type) && action.id === undefined;
    if (needsId && !route.path.includes("/:id")) {
      report(["routes", i, "path"], `a ${action.type} route needs an ":id" parameter or action.id`);
    }
  });
  return problems;
}

/** Every scope a key may hold: the contract's vocabulary plus its wildcard. */
export function grantableScopes(contract: Contract): Set<string> {
  const { scopes, wildcard } = contract.permissions;
  return new Set([...scopes, ...(wildcard ? [wildcard] : [])]);
}

/** `"a", "b"` for messages, or "(none defined)". */
export function list(values: Iterable<string>): string {
  const all = [...values].map((v) => `"${v}"`);
  return all.length > 0 ? all.join(", ") : "(none defined)";
}

/** `expected one of "a", "b"; got "c" (did you mean "a"?)`, or where nothing is defined, where to define it. */
export function expectedOneOf(value: string, candidates: Iterable<string>, where: string): string {
  const all = [...candidates];
  if (all.length === 0) return `"${value}" is not defined: ${where} is empty; add it there`;
  return `expected one of ${list(all)}; got "${value}"${didYouMean(value, all)}`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
