import type { DataAction, Route } from "../contract/schema.js";
import type { Page } from "./page.js";
import type { BrokenRef, RecordStore } from "./records.js";
import type { Contract } from "../contract/schema.js";
import { andThen, type MaybePromise } from "./maybe-promise.js";

export type ActionResult =
  | { found: true; status: number; body: unknown }
  | { found: false; full?: boolean; brokenRef?: BrokenRef };

/** Runs a route's action on the records: get, list, create, update or delete one model. Reads answer at once once seeded. */
export function runAction(
  contract: Contract,
  records: RecordStore,
  route: Route,
  action: DataAction,
  params: Record<string, string>,
  body: Record<string, unknown>,
  page: Page = { limit: Number.MAX_SAFE_INTEGER, offset: 0 },
): MaybePromise<ActionResult> {
  const id = action.id ?? params["id"] ?? "";
  const ok = (status: number, value: unknown): ActionResult => ({ found: true, status: route.status ?? status, body: value });
  switch (action.type) {
    case "list": {
      const { wrap } = action;
      const where = action.where && filterOf(action.where, params);
      const rows = () => andThen(records.list(action.model, page.offset, page.limit, where), (rows) => ok(200, wrap ? { [wrap]: rows } : rows));
      const parent = where && parentOf(contract, action.model, where);
      // /users/:id/wallets for a user that does not exist is not found, not an empty list.
      return parent ? andThen(records.get(parent.model, parent.id), (found) => (found ? rows() : { found: false })) : rows();
    }
    case "get":
      return andThen(records.get(action.model, id), (row) => (row ? ok(200, row) : { found: false }));
    case "create":
      return andThen(records.brokenRef(action.model, body), (brokenRef) =>
        brokenRef ? { found: false, brokenRef } : records.create(action.model, body).then((row) => (row ? ok(201, row) : { found: false, full: true })),
      );
    case "update":
      return andThen(records.brokenRef(action.model, body), (brokenRef) =>
        brokenRef ? { found: false, brokenRef } : records.update(action.model, id, body).then((row) => (row ? ok(200, row) : { found: false })),
      );
    case "delete":
      return records.delete(action.model, id).then((deleted) => (deleted ? ok(200, { id, deleted: true }) : { found: false }));
  }
}

/** The where clause with ":name" values taken from the path. */
function filterOf(where: Record<string, string>, params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(where).map(([field, value]) => [field, value.startsWith(":") ? (params[value.slice(1)] ?? "") : value]));
}

/** The record a filtered list hangs under: the first where field that is a ref, with the id asked for. */
function parentOf(contract: Contract, modelName: string, where: Record<string, string>): { model: string; id: string } | undefined {
  const fields = contract.models[modelName]?.fields ?? {};
  for (const [field, id] of Object.entries(where)) {
    const spec = fields[field];
    if (spec && "ref" in spec) return { model: spec.ref, id };
  }
  return undefined;
}
