// How each independent server's keys and routes play the conformance suite's roles: what a user passes as
// --key role=… and --route "contract route=route on the target".
import type { MoneiServer } from "./monei-server.js";
import type { MoonKeyServer } from "./moonkey-server.js";

export const moonkeyKeys = (s: MoonKeyServer) => ({ valid: s.keys.test, "env-live": s.keys.live, revoked: s.keys.revoked, expired: s.keys.expired, limited: s.keys.restricted });

export const moneiKeys = (s: MoneiServer) => ({
  valid: s.keys.sandboxFull,
  "env-production": s.keys.productionFull,
  revoked: s.keys.revoked,
  expired: s.keys.expired,
  "role-read_only": s.keys.readOnly,
  "role-transactions": s.keys.transactions,
  "role-account_management": s.keys.accountManagement,
  "role-full_access": s.keys.sandboxFull,
});

export const moneiRoutes = (s: MoneiServer) => ({
  "GET /api/v1/user/me": s.routes.read,
  "POST /api/v1/transactions": s.routes.transact,
  "PATCH /api/v1/user/me": s.routes.account,
});
