// Mistakes the schema cannot see and the mock would only show at run time: a placeholder the renderer does not fill,
// a rate-limit policy no key reaches, a route no key kind may call, two key kinds a key could belong to, a path
// parameter no action reads.
import type { Problem } from "./contract-error.js";
import { didYouMean } from "./did-you-mean.js";
import { environmentsOf } from "./environments.js";
import { escapeRegExp } from "./references.js";
import type { Contract } from "./schema.js";

const envelopeNames = ["status", "code", "message", "details"];
/** What a message may name: the request, and what each refusal knows. */
const messageNames = ["method", "path", "permission", "field", "expected", "rule", "scopes", "role"];
const issueNames = ["id", "prefix", "plaintext", "scopes", "createdAt", "expiresAt", "environment", "label"];

export function checkSemantics(contract: Contract): Problem[] {
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string) => problems.push({ path, message });

  placeholders(contract.errors.envelope, ["errors", "envelope"], envelopeNames, report);
  for (const [reason, errorCase] of Object.entries(contract.errors.cases)) {
    if (!errorCase) continue;
    placeholders(errorCase.message, ["errors", "cases", reason, "message"], messageNames, report);
    for (const [rule, text] of Object.entries(errorCase.messages ?? {})) placeholders(text, ["errors", "cases", reason, "messages", rule], messageNames, report);
  }
  contract.routes.forEach((route, i) => {
    if (route.action.type === "issue_key") placeholders(route.action.response, ["routes", i, "action", "response"], issueNames, report);
  });

  const environments = environmentsOf(contract);
  for (const name of Object.keys(contract.rateLimits?.policies ?? {})) {
    if (name !== "default" && !environments.includes(name)) {
      const known = environments.length > 0 ? environments.map((e) => `"${e}"`).join(", ") : "none (give keyKinds[].environment)";
      report(["rateLimits", "policies", name], `no key has the environment "${name}", so this limit is never enforced; key environments: ${known}, or "default"${didYouMean(name, environments)}`);
    }
  }

  if (contract.keyKinds.every((k) => k.publicRoutesOnly)) {
    contract.routes.forEach((route, i) => {
      if (!route.public) report(["routes", i, "public"], "every key kind is publicRoutesOnly, so no key may call this route; mark it public or add a key kind without publicRoutesOnly");
    });
  }

  contract.keyKinds.forEach((kind, i) => {
    contract.keyKinds.forEach((other, j) => {
      if (i >= j || kind.prefix !== other.prefix) return;
      const sample = `${other.prefix}${"a1".repeat(other.issuedLength).slice(0, other.issuedLength)}`;
      if (matches(kind.prefix, kind.pattern, sample)) {
        report(["keyKinds", j, "prefix"], `keys of kind "${other.id}" also match kind "${kind.id}" (same prefix "${kind.prefix}"); give each kind its own prefix or patterns that cannot both match`);
      }
    });
  });

  // A parameter inside a path (/branches/:branch/guides) scopes it and matches any value; the last one names a record.
  contract.routes.forEach((route, i) => {
    const reads = route.action.type === "get" || route.action.type === "update" || route.action.type === "delete" ? (route.action.id === undefined ? ["id"] : []) : [];
    const param = /\/:(\w+)$/.exec(route.path)?.[1];
    if (param !== undefined && !reads.includes(param)) {
      report(["routes", i, "path"], `the path parameter ":${param}" is read by no action (a ${route.action.type} route${reads.length > 0 ? " reads :id" : " reads none"}); use ":id" on a get, update or delete route, or a fixed path`);
    }
  });
  return problems;
}

function placeholders(template: unknown, path: (string | number)[], known: string[], report: (path: (string | number)[], message: string) => void): void {
  if (typeof template === "string") {
    for (const [, name] of template.matchAll(/\{\{(\w+)\}\}/g)) {
      if (!known.includes(name as string)) {
        report(path, `unknown placeholder "{{${name}}}"; expected one of ${known.map((k) => `"{{${k}}}"`).join(", ")}${didYouMean(name, known).replace(/"(\w+)"/, '"{{$1}}"')}`);
      }
    }
  } else if (Array.isArray(template)) template.forEach((item, i) => placeholders(item, [...path, i], known, report));
  else if (template !== null && typeof template === "object") {
    for (const [key, value] of Object.entries(template)) placeholders(value, [...path, key], known, report);
  }
}

function matches(prefix: string, pattern: string, key: string): boolean {
  try {
    return new RegExp(`^${escapeRegExp(prefix)}(?:${pattern})$`).test(key);
  } catch {
    return false;
  }
}
