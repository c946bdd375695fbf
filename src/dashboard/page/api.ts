// The admin API, relative to the page (so it works under any prefix or mount path), with the admin token when the
// mock has one. The token lives in this tab's sessionStorage only, and arrives by typing it or by #token=… in the
// address (a fragment never reaches a server or a log), which is then removed from the address bar.
const TOKEN = "keymock-admin-token";

export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function takeTokenFromAddress(): void {
  const token = /^#token=(.+)$/.exec(location.hash)?.[1];
  if (token === undefined) return;
  sessionStorage.setItem(TOKEN, decodeURIComponent(token));
  history.replaceState(null, "", location.pathname + location.search);
}

export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN, token);
}

/** Every call says it comes from the page, so the server keeps the page's own reads out of its log. */
function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN);
  const marked = { ...extra, "X-Keymock-Client": "dashboard" };
  return token ? { ...marked, Authorization: `Bearer ${token}` } : marked;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path, init);
  const parsed = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (!response.ok) throw new AdminError(response.status, parsed.error?.code ?? "error", parsed.error?.message ?? `${method} ${path} answered ${response.status}`);
  return parsed as T;
}

export type StreamEvent = { event: string; id: string | undefined; data: string };

/**
 * Reads the server-sent events of GET events with fetch, not EventSource, which cannot send the token. Resolves
 * when the stream ends; the caller reconnects, passing the last id it saw.
 */
export async function readEvents(lastId: string | undefined, onEvent: (event: StreamEvent) => void): Promise<void> {
  const response = await fetch("events", { headers: headers(lastId ? { "Last-Event-ID": lastId } : {}) });
  if (!response.ok || !response.body) {
    const parsed = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new AdminError(response.status, parsed.error?.code ?? "error", parsed.error?.message ?? `events answered ${response.status}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parseBlock(block);
      if (event) onEvent(event);
    }
  }
}

function parseBlock(block: string): StreamEvent | undefined {
  let event = "message";
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split("\n")) {
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "id") id = value;
    else if (field === "data") data.push(value);
  }
  return data.length > 0 ? { event, id, data: data.join("\n") } : undefined;
}
