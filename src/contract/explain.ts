// zod's issues in the house style: `expected X; got Y`, with the accepted names and a did-you-mean where a name is
// close. The one place the contract's validation words its messages, for `validate` and parseContract alike.
import type { z } from "zod";
import type { Problem } from "./contract-error.js";
import { didYouMean } from "./did-you-mean.js";

type Issue = z.core.$ZodIssue & { input?: unknown };
type Path = (string | number)[];

/** Every zod issue as problems with their full paths; a union speaks through the branch the input came closest to. */
export function explainIssues(issues: readonly Issue[], schema: z.ZodType, base: Path = []): Problem[] {
  return issues.flatMap((issue) => explain(issue, schema, base));
}

function explain(issue: Issue, schema: z.ZodType, base: Path): Problem[] {
  const path = [...base, ...issue.path.filter((p): p is string | number => typeof p !== "symbol")];
  const got = `got ${show(issue.input)}`;
  switch (issue.code) {
    case "invalid_union": {
      // The branch with the fewest fields it does not know, then the fewest problems, is the one that was meant.
      const ranked = [...issue.errors].sort((a, b) => unknownKeys(a) - unknownKeys(b) || a.length - b.length);
      return explainIssues((ranked[0] ?? []) as Issue[], schema, path);
    }
    case "unrecognized_keys": {
      const known = keysAt(schema, path) ?? [];
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown field; expected one of ${quoteAll(known)}${didYouMean(key, known)}`,
      }));
    }
    case "invalid_value":
      return [{ path, message: `expected one of ${quoteAll(issue.values.map(String))}; ${got}${didYouMean(issue.input, issue.values.map(String))}` }];
    case "invalid_type": {
      const what = issue.message.startsWith("Invalid input") ? `expected ${article(issue.expected)}` : issue.message;
      return [{ path, message: issue.input === undefined ? `${what}; got nothing (this field is required)` : `${what}; ${got}` }];
    }
    case "invalid_format": {
      const formats: Record<string, string> = { url: 'a URL such as "https://api.example.com"', datetime: 'an ISO 8601 date-time such as "2027-01-01T00:00:00Z"' };
      const what = formats[issue.format] ? `expected ${formats[issue.format]}` : issue.message.startsWith("Invalid") ? `expected ${issue.format}` : issue.message;
      return [{ path, message: `${what}; ${got}` }];
    }
    case "too_small":
    case "too_big": {
      if (!issue.message.startsWith("Too")) return [{ path, message: `${issue.message}; ${got}` }];
      const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      const unit = issue.origin === "array" ? " items" : issue.origin === "string" ? " characters" : "";
      return [{ path, message: `expected ${bound}${unit}; ${got}` }];
    }
    default:
      return [{ path, message: issue.input === undefined ? issue.message : `${issue.message}; ${got}` }];
  }
}

const unknownKeys = (issues: readonly z.core.$ZodIssue[]) => issues.filter((i) => i.code === "unrecognized_keys" && i.path.length === 0).length;
const quoteAll = (values: readonly string[]) => (values.length > 0 ? values.map((v) => `"${v}"`).join(", ") : "(none)");
const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** A value as a message shows it: JSON, cut short. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The field names an object schema accepts at a path, found by walking the schema as the path walks the data. */
function keysAt(schema: z.ZodType, path: Path): string[] | undefined {
  let node: unknown = schema;
  for (const step of [...path, undefined]) {
    node = unwrap(node);
    if (step === undefined) break;
    const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return undefined;
    if (def["type"] === "object") node = (def["shape"] as Record<string, unknown>)[String(step)];
    else if (def["type"] === "array") node = def["element"];
    else if (def["type"] === "record") node = def["valueType"];
    else return undefined;
  }
  const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  return def?.["type"] === "object" ? Object.keys(def["shape"] as object) : undefined;
}

function unwrap(node: unknown): unknown {
  for (let i = 0; i < 10; i++) {
    const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return node;
    if (def["type"] === "optional" || def["type"] === "default" || def["type"] === "nullable" || def["type"] === "prefault") node = def["innerType"];
    else if (def["type"] === "lazy") node = (def["getter"] as () => unknown)();
    else if (def["type"] === "pipe") node = def["in"];
    else return node;
  }
  return node;
}
