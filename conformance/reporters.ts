import type { CheckResult } from "./run.js";

export type ReporterName = "terminal" | "junit" | "json";

const mark = { pass: "✓", fail: "✗", skip: "-" } as const;

/** A readable report: a line per check, expected vs actual under each failure, a count at the end. */
export function terminalReport(contract: string, results: CheckResult[]): string {
  const lines = [`keymock conformance: ${contract}`, ""];
  for (const r of results) {
    lines.push(`${mark[r.status]} ${r.status.padEnd(4)}  ${r.id.padEnd(32)} ${r.title}`);
    if (r.status === "skip") lines.push(`        skipped: ${r.reason}`);
    if (r.status === "fail") {
      lines.push(`        ${r.reason}`);
      if (r.expected !== undefined || r.actual !== undefined) {
        lines.push(`        expected: ${JSON.stringify(r.expected)}`, `        actual:   ${JSON.stringify(r.actual)}`);
      }
    }
  }
  lines.push("", summary(results));
  return `${lines.join("\n")}\n`;
}

/** The counts as one line, in the form test runners print. */
export function summary(results: CheckResult[]): string {
  const count = (status: CheckResult["status"]) => results.filter((r) => r.status === status).length;
  return `${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped`;
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function junitReport(contract: string, results: CheckResult[]): string {
  const failures = results.filter((r) => r.status === "fail").length;
  const skipped = results.filter((r) => r.status === "skip").length;
  const total = results.reduce((sum, r) => sum + r.ms, 0) / 1000;
  const cases = results.map((r) => {
    const open = `    <testcase classname="keymock.${escape(contract)}" name="${escape(r.id)}: ${escape(r.title)}" time="${(r.ms / 1000).toFixed(3)}"`;
    if (r.status === "pass") return `${open}/>`;
    if (r.status === "skip") return `${open}>\n      <skipped message="${escape(r.reason ?? "")}"/>\n    </testcase>`;
    const detail = `expected: ${JSON.stringify(r.expected)}\nactual: ${JSON.stringify(r.actual)}`;
    return `${open}>\n      <failure message="${escape(r.reason ?? "")}">${escape(detail)}</failure>\n    </testcase>`;
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
