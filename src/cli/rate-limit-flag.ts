import type { RateLimitOptions } from "../engine/rate-limiter.js";

/**
 * Reads the --rate-limit values: "off", "scale=<factor>" and "ietf", in any combination.
 * @example parseRateLimitFlag(["scale=0.01", "ietf"]) // { scale: 0.01, ietf: true }
 */
export function parseRateLimitFlag(values: string[] | undefined): RateLimitOptions {
  const options: RateLimitOptions = {};
  for (const value of values ?? []) {
    const scale = /^scale=(.+)$/.exec(value)?.[1];
    if (value === "off") options.off = true;
    else if (value === "ietf") options.ietf = true;
    else if (value === "documented") continue;
    else if (scale !== undefined && Number.isFinite(Number(scale)) && Number(scale) > 0) options.scale = Number(scale);
    else {
      throw new Error(`[keymock] --rate-limit takes "off", "scale=<factor above 0>" (e.g. scale=0.01) or "ietf", got "${value}".`);
    }
  }
  return options;
}

/** One banner line when the limits are not the documented ones; undefined when they are. */
export function describeRateLimitOptions(options: RateLimitOptions): string | undefined {
  const parts: string[] = [];
  if (options.off) parts.push("OFF (no limits are enforced)");
  else if (options.scale !== undefined && options.scale !== 1) parts.push(`scaled ×${options.scale} (not the documented limits)`);
  if (options.ietf) parts.push("IETF RateLimit and RateLimit-Policy headers added");
  return parts.length > 0 ? `Rate limits: ${parts.join("; ")}` : undefined;
}
