import type { DataAction, Route } from "../contract/schema.js";
import type { Page } from "./page.js";
import type { RecordStore } from "./records.js";
import { andThen, type MaybePromise } from "./maybe-promise.js";

export type ActionResult = { found: true; status: number; body: unknown } | { found: false; full?: boolean };

/** Runs a route's action on the records: get, list, create, update or delete one model. Reads answer at once once seeded. */
export function runAction(
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
      return andThen(records.list(action.model, page.offset, page.limit), (rows) => ok(200, wrap ? { [wrap]: rows } : rows));
    }
    case "get":
      return andThen(records.get(action.model, id), (row) => (row ? ok(200, row) : { found: false }));
    case "create":
      return records.create(action.model, body).then((row) => (row ? ok(201, row) : { found: false, full: true }));
    case "update":
      return records.update(action.model, id, body).then((row) => (row ? ok(200, row) : { found: false }));
    case "delete":
      return records.delete(action.model, id).then((deleted) => (deleted ? ok(200, { id, deleted: true }) : { found: false }));
  }
}
