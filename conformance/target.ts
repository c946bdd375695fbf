import type { Contract } from "../src/contract/schema.js";

/** An in-process target: what `fetchHandler(engine)` returns, or any function that answers a web Request. */
export type FetchTarget = (request: Request) => Promise<Response>;

export interface Reply {
  status: number;
  /** a response header, by name in any case */
  header(name: string): string | undefined;
  text: string;
  /** the body parsed as JSON, or the text where it is not JSON */
  body: unknown;
}

export interface SendOptions {
  /** sent where the contract's credential location `location` (default its first) says */
  key?: string | undefined;
  location?: number;
  headers?: Record<string, string>;
  /** sent as JSON with Content-Type: application/json */
  json?: unknown;
}

export interface Transport {
  send(method: string, path: string, options?: SendOptions): Promise<Reply>;
  /** how many requests this run has sent with a key, so a rate-limit check knows what it used up */
  sentWith(key: string): number;
  /** the target's base URL, when it is one */
  baseUrl: string | undefined;
}

// The in-process target is reached through a URL like any other; HTTPS, since it stands in for the real API.
const IN_PROCESS_ORIGIN = "https://keymock.invalid";

/**
 * Speaks fetch to a base URL or to an in-process target, with the key where the contract says it travels.
 * @example await createTransport(contract, "https://staging.example.com").send("GET", "/v1/users", { key })
 */
export function createTransport(contract: Contract, target: string | FetchTarget): Transport {
  const baseUrl = typeof target === "string" ? target.replace(/\/+$/, "") : undefined;
  const counts = new Map<string, number>();
  const call = typeof target === "string" ? (request: Request) => fetch(request) : target;
  return {
    baseUrl,
    sentWith: (key) => counts.get(key) ?? 0,
    async send(method, path, options = {}) {
      const headers = new Headers(options.headers);
      if (options.key !== undefined) {
        const location = contract.credentials[options.location ?? 0] ?? contract.credentials[0];
        if (location) headers.set(location.header, location.scheme ? `${location.scheme} ${options.key}` : options.key);
        counts.set(options.key, (counts.get(options.key) ?? 0) + 1);
      }
      let body: string | undefined;
      if (options.json !== undefined) {
        headers.set("Content-Type", "application/json");
        body = JSON.stringify(options.json);
      }
      const response = await call(new Request(`${baseUrl ?? IN_PROCESS_ORIGIN}${path}`, { method, headers, body, redirect: "manual" }));
      const text = await response.text();
      return { status: response.status, header: (name) => response.headers.get(name) ?? undefined, text, body: parseJson(text) };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
