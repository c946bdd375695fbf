import type { Contract } from "../../src/contract/schema.js";
import type { Check } from "../check.js";
import type { RouteMap } from "../routes.js";
import { authChecks } from "./auth.js";
import { envelopeChecks, transportChecks } from "./envelope.js";
import { keyChecks } from "./keys.js";
import { permissionChecks } from "./permissions.js";
import { rateLimitChecks } from "./rate-limits.js";
import { routeChecks } from "./routes.js";

export interface DeriveOptions {
  /** fixture routes named on the target (--route), for contracts whose document names none */
  routes?: RouteMap;
}

/**
 * The checks a contract documents, each with a stable id. A behaviour the contract does not state yields no check.
 * @example deriveChecks(contract).map((c) => c.id)
 */
export function deriveChecks(contract: Contract, options: DeriveOptions = {}): Check[] {
  const map = options.routes ?? {};
  const limits = rateLimitChecks(contract, map);
  return [
    ...authChecks(contract, map),
    ...permissionChecks(contract, map),
    ...envelopeChecks(contract, map),
    ...routeChecks(contract, map),
    ...limits.checks,
    ...keyChecks(contract, map),
    ...transportChecks(contract, map),
    // Last: they use up windows, which would refuse every check after them.
    ...limits.exhausting,
  ];
}
