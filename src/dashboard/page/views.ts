import type { DecisionRecord } from "../../engine/activity.js";
import { el } from "./dom.js";

export interface ContractView {
  name: string;
  title: string;
  baseUrl: string;
  environment: string | null;
  credentials: { header: string; scheme: string | null }[];
  keyKinds: { id: string; prefix: string; type: string; environment: string | null }[];
  roles: string[];
  scopes: string[];
  rateLimits: { window: string; policies: Record<string, { limit: number; windowSeconds: number }> } | null;
}

export interface KeyView {
  id: string;
  kind: string;
  environment: string | null;
  prefix: string;
  last4: string;
  scopes: string[];
  role: string | null;
  label: string | null;
  status: string;
  expiresAt: string | null;
  plaintext?: string;
}

export type WindowView = { id: string; limit: null } | { id: string; limit: number; used: number; windowSeconds: number; resetsAt: string; own: boolean };

/** A decision as the admin API and the live stream send it. */
export type DecisionView = DecisionRecord;

export interface KeyActions {
  revoke(id: string): void;
  rotate(id: string, graceSeconds: number): void;
  limit(id: string, limit: number, windowSeconds: number): void;
  clearLimit(id: string): void;
}

/** "2026-06-01T12:00:30.000Z" → "2026-06-01 12:00:30 UTC": the mock's clock, never the browser's. */
export const showTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

export const per = (seconds: number) => (seconds === 60 ? "minute" : seconds === 3600 ? "hour" : seconds === 86_400 ? "day" : `${seconds} s`);

export function contractRows(contract: ContractView): Node[] {
  const pair = (term: string, ...value: (Node | string)[]) => [el("dt", {}, term), el("dd", {}, ...value)];
  const limits = contract.rateLimits
    ? Object.entries(contract.rateLimits.policies).map(([name, p]) => `${name}: ${p.limit} per ${per(p.windowSeconds)}`).join("; ") + ` (${contract.rateLimits.window} window)`
    : "none documented";
  return [
    ...pair("Name", `${contract.title} (${contract.name})`),
    ...pair("Stands in for", el("code", {}, contract.baseUrl), contract.environment ? ` (its ${contract.environment} environment)` : ""),
    ...pair("Credential", ...contract.credentials.map((c, i) => el("code", {}, `${i > 0 ? " or " : ""}${c.header}: ${c.scheme ? `${c.scheme} ` : ""}<key>`))),
    ...pair("Key kinds", contract.keyKinds.map((k) => `${k.id} (${k.type}, ${k.prefix}…${k.environment ? `, ${k.environment}` : ""})`).join("; ")),
    ...pair("Documented limits", limits),
  ];
}

export function keyRow(key: KeyView, window: WindowView | undefined, actions: KeyActions): HTMLTableRowElement {
  const row = el("tr", { "data-key-id": key.id }, ...keyCells(key, window), el("td", {}, actionsCell(key, actions)));
  enableActions(row, key);
  return row;
}

/**
 * Updates a row in place: its actions cell stays, so focus, an open "Rotate or limit" and what is being typed there
 * survive the refresh every request brings.
 */
export function updateKeyRow(row: HTMLTableRowElement, key: KeyView, window: WindowView | undefined): void {
  keyCells(key, window).forEach((cell, i) => row.cells[i]?.replaceWith(cell));
  enableActions(row, key);
}

/** aria-disabled, not disabled: a disabled button drops keyboard focus to the page's start right after it is used. */
function enableActions(row: HTMLTableRowElement, key: KeyView): void {
  for (const button of row.querySelectorAll("button[data-active-only]")) button.setAttribute("aria-disabled", String(key.status !== "active"));
}

const usable = (event: Event) => (event.currentTarget as HTMLElement | null)?.getAttribute("aria-disabled") !== "true";

function keyCells(key: KeyView, window: WindowView | undefined): HTMLTableCellElement[] {
  const grants = key.role ? `role ${key.role}` : key.scopes.join(", ") || "none";
  const shown = key.plaintext ?? `${key.prefix}…${key.last4}`;
  const active = key.status === "active";
  return [
    el("td", {}, el("code", {}, key.id), key.label ? el("div", { class: "hint" }, key.label) : null),
    el("td", {}, key.kind),
    el("td", {}, key.environment ?? "—"),
    el("td", {}, grants),
    el("td", { class: "status" }, key.status, key.expiresAt ? el("div", { class: "hint" }, `${active ? "expires" : "expired"} ${showTime(key.expiresAt)}`) : null),
    el("td", {}, el("code", {}, shown), key.plaintext ? el("div", { class: "hint" }, "seeded: public in the fixture") : null),
    el("td", {}, windowCell(key.id, window)),
  ];
}

function windowCell(id: string, window: WindowView | undefined): Node {
  if (!window || window.limit === null) return el("span", { class: "window" }, "no limit");
  const text = `${window.used} / ${window.limit} used, resets ${showTime(window.resetsAt)}${window.own ? " (own limit)" : ""}`;
  return el(
    "div",
    {},
    el("meter", { min: "0", max: String(window.limit), value: String(window.used), "aria-label": `window of ${id}` }),
    el("span", { class: "window" }, text),
  );
}

function actionsCell(key: KeyView, actions: KeyActions): Node {
  const number = (name: string, label: string, value: string, min: string) =>
    el("label", {}, `${label} `, el("input", { name, type: "number", min, value, required: true }));
  const rotate = el("form", { class: "inline", "aria-label": `rotate ${key.id}` }, number("grace", "Grace (s)", "3600", "0"), el("button", { type: "submit", "data-active-only": true }, "Rotate"));
  rotate.addEventListener("submit", (event) => {
    event.preventDefault();
    if (rotate.querySelector("button")?.getAttribute("aria-disabled") === "true") return;
    actions.rotate(key.id, Number(new FormData(rotate).get("grace")));
  });
  const limit = el(
    "form",
    { class: "inline", "aria-label": `rate limit of ${key.id}` },
    number("limit", "Limit", "5", "1"),
    number("window", "per (s)", "60", "1"),
    el("button", { type: "submit" }, "Set limit"),
    el("button", { type: "button", onclick: () => actions.clearLimit(key.id) }, "Clear"),
  );
  limit.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(limit);
    actions.limit(key.id, Number(data.get("limit")), Number(data.get("window")));
  });
  return el(
    "div",
    {},
    el("button", { type: "button", "data-active-only": true, onclick: (event) => usable(event) && actions.revoke(key.id) }, "Revoke"),
    el("details", {}, el("summary", {}, "Rotate or limit"), rotate, limit),
  );
}

export function logRow(d: DecisionView): HTMLTableRowElement {
  const refused = d.decision !== "allowed";
  return el(
    "tr",
    { class: refused ? "refused" : "allowed", "data-seq": String(d.seq) },
    el("td", {}, el("time", { datetime: d.at, title: showTime(d.at) }, d.at.slice(11, 19))),
    el("td", {}, d.method),
    el("td", { class: "mono" }, d.path),
    el("td", { class: "status" }, String(d.status)),
    el("td", { class: "mono" }, d.keyHint ?? "none"),
    el("td", { class: "decision" }, refused ? `refused: ${d.decision}` : "allowed"),
    el("td", { class: "case" }, d.case ? `errors.cases.${d.case}` : "—"),
  );
}
