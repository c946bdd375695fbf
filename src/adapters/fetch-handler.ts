import type { Engine } from "../engine/engine.js";
import { MAX_BODY_BYTES } from "../engine/engine.js";

export interface FetchHandlerOptions {
  /** the path the contract is served under, e.g. "/v2" for a base URL https://api.example.com/v2 (default "") */
  basePath?: string;
}

/**
 * The engine as a fetch-style function: a web Request in, a Response out, with no server and no port. MSW's
 * handlers use it, and the conformance suite takes it as an in-process target. Runs wherever fetch does.
 * @example const response = await fetchHandler(engine)(new Request("https://api.moonkey.fun/v1/auth/users/user_123"))
 */
export function fetchHandler(engine: Engine | Promise<Engine>, options: FetchHandlerOptions = {}): (request: Request) => Promise<Response> {
  const basePath = (options.basePath ?? "").replace(/\/$/, "");
  return async (request) => {
    const ready = await engine;
    const url = new URL(request.url);
    const text = request.body ? await request.text() : undefined;
    const tooLarge = text !== undefined && new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES;
    const result = await ready.handle({
      method: request.method,
      path: url.pathname.slice(basePath.length) || "/",
      query: url.search.slice(1),
      headers: Object.fromEntries(request.headers),
      body: tooLarge ? undefined : text,
      bodyTooLarge: tooLarge,
      secure: secureOf(request.headers.get("x-forwarded-proto"), url),
    });
    const bodyless = result.body === "" || request.method.toUpperCase() === "HEAD";
    return new Response(bodyless ? null : result.body, { status: result.status, headers: result.headers });
  };
}

/** A proxy's X-Forwarded-Proto where there is one, else the request URL's own scheme. */
function secureOf(forwarded: string | null, url: URL): boolean {
  const proto = forwarded?.split(",")[0]?.trim().toLowerCase();
  return proto === "http" ? false : proto === "https" ? true : url.protocol === "https:";
}
