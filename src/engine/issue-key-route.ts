import type { Contract, IssueKeyAction } from "../contract/schema.js";
import { renderDenial, json, type EngineResponse } from "./envelope.js";
import { issueKey } from "./issue-key.js";
import type { KeyStore, StoredKey } from "./key-store.js";
import { allows } from "./permissions.js";
import { fillTemplate } from "../contract/render.js";

/**
 * A contract's own key-issuing endpoint (Moonborn's POST /v1/api-keys), on the same mechanism as the admin API.
 * The caller may grant only scopes it holds, and the wildcard only where its member has the role the contract names.
 */
export function issueKeyFromRoute(
  contract: Contract,
  keys: KeyStore,
  action: IssueKeyAction,
  caller: StoredKey,
  body: Record<string, unknown>,
  now: number,
  status: number,
): EngineResponse {
  const kindValue = String(body[action.kind.field] ?? action.kind.default);
  const kind = contract.keyKinds.find((k) => k.id === action.kind.map[kindValue]);
  if (!kind) {
    const expected = Object.keys(action.kind.map).join(", ");
    return renderDenial(contract, "validation_failed", { field: action.kind.field, rule: "enum", expected }, { fields: { [action.kind.field]: `expected one of ${expected}` } });
  }
  const scopes = (body[action.fields.scopes] as string[] | undefined) ?? [];
  const { wildcard } = contract.permissions;
  const callerRole = contract.members.find((m) => m.id === caller.member)?.role;
  const ownerOnly = (scope: string) => scope === wildcard && action.wildcardRequiresRole !== undefined;
  const refused = scopes.filter((scope) => (ownerOnly(scope) ? callerRole !== action.wildcardRequiresRole : !allows(contract, caller, scope)));
  if (refused.length > 0) {
    return renderDenial(contract, "forbidden_grant", { scopes: refused.join(", "), role: action.wildcardRequiresRole ?? "" }, { scopes: refused });
  }
  const expiresAtText = body[action.fields.expiresAt];
  const label = body[action.fields.label];
  const { key, plaintext } = issueKey(
    contract,
    keys,
    {
      kind,
      scopes: [...new Set(scopes)],
      member: caller.member,
      label: typeof label === "string" ? label : undefined,
      expiresAt: typeof expiresAtText === "string" ? Date.parse(expiresAtText) : lifetimeEnd(action, now),
    },
    now,
  );
  const values = {
    id: key.id,
    prefix: key.prefix,
    plaintext,
    scopes: key.scopes,
    environment: key.environment ?? null,
    label: key.label ?? null,
    createdAt: new Date(key.createdAt).toISOString(),
    expiresAt: key.expiresAt === undefined ? null : new Date(key.expiresAt).toISOString(),
  };
  return json(status, fillTemplate(action.response, values));
}

/** Where the contract gives issued keys a default lifetime, when a key asked for without an expiry expires. */
function lifetimeEnd(action: IssueKeyAction, now: number): number | undefined {
  return action.defaultLifetimeSeconds === undefined ? undefined : now + action.defaultLifetimeSeconds * 1000;
}
