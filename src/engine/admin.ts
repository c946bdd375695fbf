import type { Clock } from "./clock.js";
import { json, type EngineResponse } from "./envelope.js";
import { describeKey } from "./key-view.js";
import type { KeyStore } from "./key-store.js";

export const ADMIN_PREFIX = "/__keymock";

export interface AdminContext {
  contractName: string;
  keys: KeyStore;
  clock: Clock;
  reset(): Promise<void>;
}

export interface AdminRequest {
  method: string;
  /** the path below /__keymock, e.g. "/keys" */
  path: string;
  body: string | undefined;
}

type AdminHandler = (context: AdminContext, request: AdminRequest, params: string[]) => Promise<EngineResponse> | EngineResponse;

const routes: { method: string; pattern: RegExp; handle: AdminHandler }[] = [
  {
    method: "GET",
    pattern: /^\/keys$/,
    handle: ({ keys, clock }) => json(200, keys.list().map((key) => describeKey(key, clock.now()))),
  },
  {
    method: "POST",
    pattern: /^\/reset$/,
    handle: async (context) => {
      await context.reset();
      return json(200, { reset: true, contract: context.contractName });
    },
  },
];

/** keymock's own API beside a contract, for tests and tools; never part of the contract itself. */
export async function handleAdmin(context: AdminContext, request: AdminRequest): Promise<EngineResponse> {
  const sameRoute = routes.filter((route) => route.pattern.test(request.path));
  const route = sameRoute.find((r) => r.method === request.method);
  if (route) return route.handle(context, request, route.pattern.exec(request.path)?.slice(1) ?? []);
  if (sameRoute.length > 0) {
    return adminError(405, "method_not_allowed", `${request.method} is not supported on ${ADMIN_PREFIX}${request.path}; use ${sameRoute.map((r) => r.method).join(" or ")}.`);
  }
  const known = routes.map((r) => `${r.method} ${ADMIN_PREFIX}${r.pattern.source.slice(1, -1).replace(/\\\//g, "/")}`);
  return adminError(404, "not_found", `No admin route ${request.method} ${ADMIN_PREFIX}${request.path}. Admin routes: ${known.join(", ")}.`);
}

export function adminError(status: number, code: string, message: string): EngineResponse {
  return json(status, { error: { code, message } });
}
