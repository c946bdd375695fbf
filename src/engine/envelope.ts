import type { Contract, DenialReason, ErrorCase } from "../contract/schema.js";
import { caseFor, errorBody, fillTemplate, interpolate, type Vars } from "../contract/render.js";

export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Renders a refusal from the contract's envelope template: the only place the engine builds error responses.
 * @example renderDenial(contract, "missing_credentials", { method: "GET", path: "/v1/users" })
 */
export function renderDenial(
  contract: Contract,
  reason: DenialReason,
  vars: Vars = {},
  details?: unknown,
  headers: Record<string, string> = {},
): EngineResponse {
  const errorCase = caseFor(contract, reason);
  return {
    status: errorCase.status,
    headers: Object.assign({ "Content-Type": contract.errors.contentType }, errorCase.headers, headers),
    body: JSON.stringify(errorBody(contract, reason, vars, details)),
  };
}

/**
 * Renders a case that is not one of the denial reasons (a full store) in the contract's own envelope.
 * @example renderCase(contract, { status: 400, code: "invalid_request", message: "Too many records." })
 */
export function renderCase(contract: Contract, errorCase: ErrorCase, vars: Vars = {}): EngineResponse {
  const values: Record<string, unknown> = { ...vars, status: errorCase.status, code: errorCase.code, message: interpolate(errorCase.message, vars) };
  return {
    status: errorCase.status,
    headers: Object.assign({ "Content-Type": contract.errors.contentType }, errorCase.headers),
    body: JSON.stringify(fillTemplate(contract.errors.envelope, values)),
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EngineResponse {
  return { status, headers: Object.assign({ "Content-Type": "application/json; charset=utf-8" }, headers), body: JSON.stringify(body) };
}
