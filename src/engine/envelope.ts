import type { Contract, DenialReason, ErrorCase } from "../contract/schema.js";
import { fillTemplate, interpolate } from "./template.js";

export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Vars = Record<string, string | number | undefined>;

/**
 * Renders a refusal from the contract's envelope template: the only place error bodies are built.
 * @example renderDenial(contract, "missing_credentials", { method: "GET", path: "/v1/users" })
 */
/** A reason's case; forbidden_grant is optional and, where a contract leaves it out, insufficient_scope stands in. */
export function caseFor(contract: Contract, reason: DenialReason): ErrorCase {
  return contract.errors.cases[reason] ?? contract.errors.cases.insufficient_scope;
}

export function renderDenial(
  contract: Contract,
  reason: DenialReason,
  vars: Vars = {},
  details?: unknown,
  headers: Record<string, string> = {},
): EngineResponse {
  const errorCase = caseFor(contract, reason);
  const message = messageFor(contract, reason, vars);
  const values: Record<string, unknown> = { ...vars, status: errorCase.status, code: errorCase.code, message, details };
  return {
    status: errorCase.status,
    headers: { "Content-Type": contract.errors.contentType, ...errorCase.headers, ...headers },
    body: JSON.stringify(fillTemplate(contract.errors.envelope, values)),
  };
}

/** The case's message with its placeholders filled; a validation rule picks its own message where the contract has one. */
export function messageFor(contract: Contract, reason: DenialReason, vars: Vars): string {
  const errorCase = caseFor(contract, reason);
  const rule = typeof vars["rule"] === "string" ? vars["rule"] : undefined;
  return interpolate((rule && errorCase.messages?.[rule]) || errorCase.message, vars);
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EngineResponse {
  return { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}
