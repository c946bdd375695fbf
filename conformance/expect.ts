// The suite's own reading of what a conforming answer is. It never renders a body as the mock does: it walks the
// contract's envelope template beside the body it got, so a bug in the mock's renderer shows up as a difference.
import type { Segment } from "../src/contract/provenance.js";
import type { Contract, DenialReason, Route } from "../src/contract/schema.js";
import type { Reply } from "./target.js";
import type { Verdict } from "./verdict.js";

export type Vars = Record<string, string | undefined>;

/** Refusals of the key itself: whatever status a contract picks for them, a deployment must not let the call through. */
const keyRefusals = new Set<DenialReason>(["missing_credentials", "malformed_key", "unknown_key", "revoked_key", "expired_key", "forbidden_key_kind", "insufficient_scope", "forbidden_grant"]);

/** The case a reason is answered with: forbidden_grant falls back to insufficient_scope where a contract has none. */
export function caseOf(contract: Contract, reason: DenialReason) {
  const key = contract.errors.cases[reason] ? reason : "insufficient_scope";
  return { key, errorCase: contract.errors.cases[key] ?? contract.errors.cases.insufficient_scope };
}

export interface RefusalExpectation {
  vars?: Vars;
  /** a validation rule, whose own message the contract may state */
  rule?: string;
  /** facts that say this call is refused at all (default: it always is, e.g. a missing key) */
  basis?: Segment[][];
}

/**
 * A refusal: not let through (a key refusal is a 401 or 403 unless the contract says otherwise), then the case's
 * status and its envelope, each compared as strictly as its provenance allows.
 */
export function expectRefusal(contract: Contract, v: Verdict, reason: DenialReason, reply: Reply, expectation: RefusalExpectation = {}): void {
  const { key, errorCase } = caseOf(contract, reason);
  const base = ["errors", "cases", key];
  const refused = keyRefusals.has(reason)
    ? reply.status === errorCase.status || reply.status === 401 || reply.status === 403
    : reason === "rate_limited"
      ? reply.status === 429
      : reply.status >= 400 && reply.status < 500;
  const expectedKind = keyRefusals.has(reason) ? `a refusal (${errorCase.status}, or at least 401/403)` : reason === "rate_limited" ? "429" : `a 4xx (${errorCase.status})`;
  if (!v.requireAll(expectation.basis ?? [], `refused as ${reason}`, refused, expectedKind, `${reply.status} ${excerpt(reply.text)}`)) return;
  v.fact([...base, "status"], `status for ${reason}`, reply.status === errorCase.status, errorCase.status, reply.status);
  const message = (expectation.rule && errorCase.messages?.[expectation.rule]) || errorCase.message;
  const messageFact = message === errorCase.message ? [...base, "message"] : [...base, "messages", expectation.rule as string];
  matchTemplate(v, contract.errors.envelope, reply.body, "body", {
    status: { value: errorCase.status, fact: [...base, "status"] },
    code: { value: errorCase.code, fact: [...base, "code"] },
    message: { template: message, vars: expectation.vars ?? {}, fact: messageFact },
  });
}

type Slot = { value: unknown; fact: Segment[] } | { template: string; vars: Vars; fact: Segment[] };
const ENVELOPE: Segment[] = ["errors", "envelope"];
const wholePlaceholder = /^\{\{(\w+)\}\}$/;

/** Walks the envelope template beside the body: shape and types against the envelope, each slot against its fact. */
function matchTemplate(v: Verdict, template: unknown, actual: unknown, at: string, slots: Record<string, Slot>): void {
  if (typeof template === "string") {
    const name = wholePlaceholder.exec(template)?.[1];
    const slot = name === undefined ? undefined : slots[name];
    if (name === "details") return void v.fact(ENVELOPE, `${at} is an object`, actual === undefined || (typeof actual === "object" && actual !== null), "an object", actual);
    if (slot && "value" in slot) {
      if (!v.fact(ENVELOPE, `${at} type`, typeof actual === typeof slot.value, typeof slot.value, typeOf(actual))) return;
      return void v.fact(slot.fact, at, actual === slot.value, slot.value, actual);
    }
    if (slot) {
      if (!v.fact(ENVELOPE, `${at} type`, typeof actual === "string", "string", typeOf(actual))) return;
      return void v.fact(slot.fact, at, fits(slot.template, slot.vars, actual as string), fillKnown(slot.template, slot.vars), actual);
    }
    return void v.fact(ENVELOPE, at, typeof actual === "string" && fits(template, {}, actual), template, actual);
  }
  if (Array.isArray(template)) return void v.fact(ENVELOPE, `${at} is an array`, Array.isArray(actual), "an array", typeOf(actual));
  if (template !== null && typeof template === "object") {
    if (!v.fact(ENVELOPE, `${at} is an object`, actual !== null && typeof actual === "object" && !Array.isArray(actual), "a JSON object", typeOf(actual))) return;
    for (const [key, inner] of Object.entries(template)) {
      const value = (actual as Record<string, unknown>)[key];
      if (value === undefined && inner === "{{details}}") continue;
      if (!v.fact(ENVELOPE, `${at}.${key} is present`, value !== undefined, "present", "absent")) continue;
      matchTemplate(v, inner, value, `${at}.${key}`, slots);
    }
    return;
  }
  v.fact(ENVELOPE, at, actual === template, template, actual);
}

/** Whether a text fits a message template: known placeholders must match, unknown ones match anything. */
export function fits(template: string, vars: Vars, text: string): boolean {
  const parts = template.split(/\{\{(\w+)\}\}/);
  const pattern = parts.map((part, i) => (i % 2 === 0 ? escape(part) : vars[part] !== undefined ? escape(vars[part] as string) : "[\\s\\S]*?")).join("");
  return new RegExp(`^${pattern}$`).test(text);
}

const fillKnown = (template: string, vars: Vars) => template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => vars[name] ?? match);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const typeOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : value === undefined ? "absent" : typeof value);
export const excerpt = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);

/** Let through: whatever the route answers, the key was not refused (not 401 or 403). */
export function expectAllowed(v: Verdict, reply: Reply, basis: Segment[][], what: string): boolean {
  const ok = reply.status !== 401 && reply.status !== 403 && reply.status < 500;
  return v.requireAll(basis, what, ok, "not refused (any status but 401, 403 or 5xx)", `${reply.status} ${excerpt(reply.text)}`);
}

/** A success as the route documents it: its status, JSON, and the response fields with their types. */
export function expectSuccess(contract: Contract, v: Verdict, route: Route, reply: Reply): void {
  const index = contract.routes.indexOf(route);
  const status = route.status ?? (route.action.type === "create" ? 201 : 200);
  const statusFact: Segment[] = route.status !== undefined ? ["routes", index, "status"] : ["routes", index];
  if (!v.fact(statusFact, `status of ${route.method} ${route.path}`, reply.status === status, status, `${reply.status} ${excerpt(reply.text)}`)) return;
  const contentType = reply.header("content-type") ?? "";
  v.fact(["routes", index], "content type", /json/i.test(contentType), "application/json", contentType || "(absent)");
  const fields = route.responseFields;
  if (!fields) return;
  const wrap = route.action.type === "list" ? route.action.wrap : undefined;
  const body = reply.body as Record<string, unknown> | null;
  const items = wrap ? (body && Array.isArray(body[wrap]) ? (body[wrap] as unknown[]) : []) : [body];
  for (const item of items.slice(0, 3)) {
    for (const [name, field] of Object.entries(fields)) {
      const value = item && typeof item === "object" ? (item as Record<string, unknown>)[name] : undefined;
      const fact: Segment[] = ["routes", index, "responseFields", name];
      if (value === undefined || value === null) {
        if (field.required) v.fact(fact, `response field ${name}`, false, `a ${field.type}`, value === null ? "null" : "absent");
        continue;
      }
      v.fact(fact, `response field ${name}`, hasType(value, field.type), `a ${field.type}`, typeOf(value));
    }
  }
}

function hasType(value: unknown, type: string): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "array") return Array.isArray(value);
  if (type === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  return typeof value === type;
}
