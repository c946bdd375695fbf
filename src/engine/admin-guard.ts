import { json, type EngineResponse } from "./envelope.js";
import { constantTimeEqual } from "./hash.js";

type Headers = Record<string, string | undefined>;

/**
 * Who may use /__keymock/: it mints live keys, so a web page must not drive it. Without a token: loopback Hosts only
 * (a rebound DNS name arrives with the attacker's Host) and no cross-origin browser request (a text/plain POST needs
 * no preflight). With a token: any Host that presents it. A transport that has no Host (MSW, in the page or test
 * process itself) is the caller's own code and passes.
 * @example guardAdmin({ host: "127.0.0.1:4010" }, undefined) // undefined: allowed
 */
export function guardAdmin(headers: Headers, token: string | undefined): EngineResponse | undefined {
  const host = headers["host"];
  if (token !== undefined) {
    const presented = /^Bearer\s+(.+)$/i.exec(headers["authorization"]?.trim() ?? "")?.[1];
    if (presented === undefined || !constantTimeEqual(presented, token)) {
      return refuse(401, "admin_token_required", "The admin API needs the token this mock was started with: send Authorization: Bearer <token> (--admin-token or KEYMOCK_ADMIN_TOKEN).");
    }
  } else if (host !== undefined && !isLoopbackHost(host)) {
    return refuse(403, "admin_host_refused", `The admin API answers only loopback hosts (localhost, 127.0.0.1, [::1]); got Host ${echo(host)}. Start the mock with --admin-token to use it from elsewhere.`);
  }
  if (host === undefined) return undefined;
  const origin = headers["origin"];
  const site = headers["sec-fetch-site"];
  if ((origin !== undefined && !sameOrigin(origin, host)) || site === "cross-site" || site === "same-site") {
    return refuse(403, "admin_cross_origin", `The admin API refuses requests from other web origins; got Origin ${echo(origin ?? "(none)")} for Host ${echo(host)}. Call it from a tool (curl, a test) or from a page on the mock's own origin.`);
  }
  return undefined;
}

export function isLoopbackHost(host: string): boolean {
  const name = hostname(host).toLowerCase();
  return name === "localhost" || name.endsWith(".localhost") || name === "::1" || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** The Host header's name without its port; "[::1]:4010" gives "::1". */
function hostname(host: string): string {
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]") === -1 ? undefined : host.indexOf("]"));
  const colon = host.indexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}

function sameOrigin(origin: string, host: string): boolean {
  if (!URL.canParse(origin)) return false;
  return new URL(origin).host.toLowerCase() === host.toLowerCase();
}

const echo = (value: string) => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);

function refuse(status: number, code: string, message: string): EngineResponse {
  return json(status, { error: { code, message } });
}
