import type { CheckResult } from "./run.js";

export type ReporterName = "terminal" | "junit" | "json";

const mark = { pass: "✓", fail: "✗", warn: "!", skip: "-" } as const;
const show = (value: unknown) => JSON.stringify(value);

/** A readable report: a line per check, each difference under it (failures, then warnings), a count at the end. */
export function terminalReport(contract: string, results: CheckResult[]): string {
  const lines = [`keymock conformance: ${contract}`, ""];
  const width = Math.max(0, ...results.map((r) => r.id.length));
  for (const r of results) {
    lines.push(`${mark[r.status]} ${r.status.padEnd(4)}  ${r.id.padEnd(width)}  ${r.title}`);
    if (r.status === "skip") lines.push(`        skipped: ${r.reason}`);
    if (r.status === "fail" && !r.findings?.length) lines.push(`        ${r.reason}`);
    for (const f of r.findings ?? []) {
      const what = f.level === "warn" ? `assumption differs: ${f.what}` : f.what;
      lines.push(`        ${f.level === "fail" ? "fail" : "warn"}  ${what}: expected ${show(f.expected)}, got ${show(f.actual)}${f.fact ? ` (${f.fact})` : ""}`);
    }
  }
  lines.push("", summary(results));
  return `${lines.join("\n")}\n`;
}

/** The counts as one line, in the form test runners print. */
export function summary(results: CheckResult[]): string {
  const count = (status: CheckResult["status"]) => results.filter((r) => r.status === status).length;
  return `${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped, ${count("warn")} warned`;
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const detail = (r: CheckResult, level: "fail" | "warn") =>
  (r.findings ?? [])
    .filter((f) => f.level === level)
    .map((f) => `${f.what}: expected ${show(f.expected)}, got ${show(f.actual)}${f.fact ? ` (${f.fact})` : ""}`)
    .join("\n");

/** JUnit XML; a warning passes, with the difference as a property and in system-out. */
export function junitReport(contract: string, results: CheckResult[]): string {
  const failures = results.filter((r) => r.status === "fail").length;
  const skipped = results.filter((r) => r.status === "skip").length;
  const total = results.reduce((sum, r) => sum + r.ms, 0) / 1000;
  const cases = results.map((r) => {
    const open = `    <testcase classname="keymock.${escape(contract)}" name="${escape(r.id)}: ${escape(r.title)}" time="${(r.ms / 1000).toFixed(3)}"`;
    if (r.status === "pass") return `${open}/>`;
    if (r.status === "skip") return `${open}>\n      <skipped message="${escape(r.reason ?? "")}"/>\n    </testcase>`;
    if (r.status === "warn") {
      const text = detail(r, "warn");
      return `${open}>\n      <properties><property name="warning" value="${escape(`assumption differs: ${text}`)}"/></properties>\n      <system-out>${escape(`assumption differs: ${text}`)}</system-out>\n    </testcase>`;
    }
    const text = detail(r, "fail") || `expected: ${show(r.expected)}\nactual: ${show(r.actual)}`;
    return `${open}>\n      <failure message="${escape(r.reason ?? "")}">${escape(text)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${results.length}" failures="${failures}" skipped="${skipped}" time="${total.toFixed(3)}">`,
    `  <testsuite name="keymock conformance: ${escape(contract)}" tests="${results.length}" failures="${failures}" skipped="${skipped}" time="${total.toFixed(3)}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

export function jsonReport(contract: string, results: CheckResult[]): string {
  return `${JSON.stringify({ contract, summary: summary(results), results }, null, 2)}\n`;
}

export function report(name: ReporterName, contract: string, results: CheckResult[]): string {
  return name === "junit" ? junitReport(contract, results) : name === "json" ? jsonReport(contract, results) : terminalReport(contract, results);
}
