// The conformance suite: checks derived from a contract, run over fetch against a mock or any deployment.
export { conformance, keyEnvName } from "./run.js";
export type { CheckResult, ConformanceOptions } from "./run.js";
export { deriveChecks } from "./checks/index.js";
export type { DeriveOptions } from "./checks/index.js";
export type { Check } from "./check.js";
export type { Finding } from "./verdict.js";
export type { FetchTarget } from "./target.js";
export type { RouteMap } from "./routes.js";
export { keyRoles } from "./roles.js";
export type { RoleSpec } from "./roles.js";
export { report, summary } from "./reporters.js";
export type { ReporterName } from "./reporters.js";
