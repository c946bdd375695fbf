import type { DataAction, Route } from "../contract/schema.js";
import type { Page } from "./page.js";
import type { RecordStore } from "./records.js";

export type ActionResult = { found: true; status: number; body: unknown } | { found: false; full?: boolean };

/** Runs a route's action on the records: get, list, create, update or delete one model. */
export async function runAction(
  records: RecordStore,
  route: Route,
  action: DataAction,
  params: Record<string, string>,
  body: Record<string, unknown>,
  page: Page = { limit: Number.MAX_SAFE_INTEGER, offset: 0 },
): Promise<ActionResult> {
  const id = action.id ?? params["id"] ?? "";
  const ok = (status: number, value: unknown): ActionResult => ({ found: true, status: route.status ?? status, body: value });
  switch (action.type) {
    case "list": {
      const rows = await records.list(action.model, page.offset, page.limit);
      return ok(200, action.wrap ? { [action.wrap]: rows } : rows);
    }
    case "get": {
      const row = await records.get(action.model, id);
      return row ? ok(200, row) : { found: false };
    }
    case "create": {
      const row = await records.create(action.model, body);
      return row ? ok(201, row) : { found: false, full: true };
    }
    case "update": {
      const row = await records.update(action.model, id, body);
      return row ? ok(200, row) : { found: false };
    }
    case "delete":
      return (await records.delete(action.model, id)) ? ok(200, { id, deleted: true }) : { found: false };
  }
}
