// The conformance suite: checks derived from a contract, run over HTTP against a mock or any deployment.
export { conformance } from "./run.js";
export type { CheckResult, ConformanceOptions } from "./run.js";
export { deriveChecks } from "./checks.js";
export type { Check } from "./check.js";
export { keyRoles } from "./key-roles.js";
export type { KeyRole } from "./key-roles.js";
export { report, summary } from "./reporters.js";
export type { ReporterName } from "./reporters.js";
