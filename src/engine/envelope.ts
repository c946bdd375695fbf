import type { Contract, DenialReason } from "../contract/schema.js";

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
export function renderDenial(
  contract: Contract,
  reason: DenialReason,
  vars: Vars = {},
  details?: unknown,
  headers: Record<string, string> = {},
): EngineResponse {
  const errorCase = contract.errors.cases[reason];
  const message = messageFor(contract, reason, vars);
  const values: Record<string, unknown> = { ...vars, status: errorCase.status, code: errorCase.code, message, details };
  return {
    status: errorCase.status,
    headers: { "Content-Type": contract.errors.contentType, ...errorCase.headers, ...headers },
    body: JSON.stringify(fill(contract.errors.envelope, values)),
  };
}

/** The case's message with its placeholders filled; a validation rule picks its own message where the contract has one. */
export function messageFor(contract: Contract, reason: DenialReason, vars: Vars): string {
  const errorCase = contract.errors.cases[reason];
  const rule = typeof vars["rule"] === "string" ? vars["rule"] : undefined;
  return interpolate((rule && errorCase.messages?.[rule]) || errorCase.message, vars);
}

const whole = /^\{\{(\w+)\}\}$/;

/** A string that is one placeholder takes the value as it is (a number, an object) or drops out when undefined. */
function fill(template: unknown, values: Record<string, unknown>): unknown {
  if (typeof template === "string") {
    const name = whole.exec(template)?.[1];
    return name !== undefined ? values[name] : interpolate(template, values);
  }
  if (Array.isArray(template)) return template.map((item) => fill(item, values)).filter((item) => item !== undefined);
  if (template !== null && typeof template === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      const filled = fill(value, values);
      if (filled !== undefined) out[key] = filled;
    }
    return out;
  }
  return template;
}

export function interpolate(text: string, values: Record<string, unknown>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (match, name: string) => {
    const value = values[name];
    return value === undefined ? match : String(value);
  });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EngineResponse {
  return { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}
