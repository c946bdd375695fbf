import type { Contract } from "../contract/schema.js";

/** What a browser on another origin needs: every credential header allowed, every rate-limit header exposed. */
export interface CorsPolicy {
  allowHeaders: string;
  exposeHeaders: string;
}

export function corsPolicy(contract: Contract, ietfHeaders: boolean): CorsPolicy {
  const credentialHeaders = contract.credentials.map((c) => c.header);
  const documented = Object.values(contract.rateLimits?.headers ?? {}).filter((h): h is string => Boolean(h));
  const limitHeaders = ietfHeaders ? [...documented, "RateLimit", "RateLimit-Policy"] : documented;
  return {
    allowHeaders: unique([...credentialHeaders, "Content-Type"]).join(", "),
    // Named one by one: a "*" is ignored for credentialed requests.
    exposeHeaders: unique([...limitHeaders, "Retry-After"]).join(", "),
  };
}

export const allowedMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/** Headers for an actual response; none when the request has no Origin (not a cross-origin browser call). */
export function corsHeaders(policy: CorsPolicy, origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Expose-Headers": policy.exposeHeaders,
    Vary: "Origin",
  };
}

/** The answer to a preflight OPTIONS, 204; none without an Origin: a "*" never goes with credentials. */
export function preflightHeaders(policy: CorsPolicy, origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": allowedMethods,
    "Access-Control-Allow-Headers": policy.allowHeaders,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
