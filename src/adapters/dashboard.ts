// The dashboard at /__keymock/ (under each prefix): its page and assets, built into dashboard-assets.ts at build
// time, and its live event stream. Served here, not by the engine: the engine runs in browsers, where neither a
// page nor a long-lived stream means anything.
import type { IncomingMessage, ServerResponse } from "node:http";
import { dashboardAssets as assets } from "../dashboard/dashboard-assets.js";
import type { ActivityEvent } from "../engine/activity.js";
import { ADMIN_PREFIX } from "../engine/admin.js";
import { json, type EngineResponse } from "../engine/envelope.js";
import type { Engine } from "../engine/engine.js";

/** Streams open at once per server: each holds a socket, so a loop of reconnects cannot exhaust the process. */
export const MAX_STREAMS = 16;
/** A stream whose reader has stopped reading is closed once this much waits unsent. */
const MAX_BUFFERED = 1024 * 1024;

const security = {
  "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

const files: Record<string, { type: string; body: string }> = {
  "/": { type: "text/html; charset=utf-8", body: assets.html },
  "/dashboard.css": { type: "text/css; charset=utf-8", body: assets.css },
  "/dashboard.js": { type: "text/javascript; charset=utf-8", body: assets.js },
};

/** The page, an asset or the redirect to the page, for a GET below a mount; undefined for every other path. */
export function dashboardFile(engine: Engine, path: string, headers: Record<string, string | undefined>): EngineResponse | undefined {
  if (!engine.adminAccess || !path.startsWith(ADMIN_PREFIX)) return undefined;
  const below = path.slice(ADMIN_PREFIX.length);
  if (below === "") return { status: 308, headers: { Location: `${ADMIN_PREFIX.slice(1)}/`, ...security }, body: "" };
  const file = files[below];
  if (!file) return undefined;
  const refused = engine.adminAccess.page(headers);
  if (refused) return refused;
  return { status: 200, headers: { "Content-Type": file.type, ...security }, body: file.body };
}

/**
 * The page marks its own reads (it re-reads keys, windows and the clock after every request it sees): they stay out
 * of the server log, which is for the traffic under test. Its actions, and anything refused, are logged.
 */
export function isDashboardRead(req: IncomingMessage, status: number): boolean {
  return req.method === "GET" && req.headers["x-keymock-client"] === "dashboard" && status < 400;
}

export const isEventStreamPath = (path: string) => path === `${ADMIN_PREFIX}/events`;

/** The live streams of one server, so shutdown can end them instead of waiting for them. */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();
  private waiting: (() => void)[] = [];

  /**
   * GET /__keymock/events: server-sent events, each decision as it is made (`event: decision`, id its seq) and
   * `event: changed` when the admin API moves keys, windows or the clock. Replays those after Last-Event-ID first.
   */
  serve(engine: Engine, req: IncomingMessage, res: ServerResponse): EngineResponse | "streaming" {
    const headers = req.headers as Record<string, string | undefined>;
    const refused = engine.adminAccess?.api(headers);
    if (refused) return refused;
    if (this.open.size >= MAX_STREAMS) return json(503, { error: { code: "too_many_streams", message: `At most ${MAX_STREAMS} dashboard streams may be open at once; close a tab.` } });
    res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no", ...security });
    res.write("retry: 2000\n\n");
    const lastSeen = Number(/^\d{1,15}$/.exec(headers["last-event-id"] ?? "")?.[0] ?? 0);
    for (const decision of engine.activity.recent(lastSeen)) res.write(frame({ type: "decision", decision }));
    const stop = engine.activity.subscribe((event) => {
      if (res.writableLength > MAX_BUFFERED) return void res.destroy();
      res.write(frame(event));
    });
    this.open.add(res);
    res.once("close", () => {
      stop();
      this.open.delete(res);
      for (const resolve of this.waiting.splice(0)) resolve();
    });
    return "streaming";
  }

  count(): number {
    return this.open.size;
  }

  /** Resolves when the next stream closes (its reader went away or the server ended it). */
  whenClosed(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Ends every stream: a dashboard reconnects by itself, and shutdown need not wait for a tab to close. */
  closeAll(): void {
    for (const res of this.open) res.end();
  }
}

function frame(event: ActivityEvent): string {
  if (event.type === "decision") return `id: ${event.decision.seq}\nevent: decision\ndata: ${JSON.stringify(event.decision)}\n\n`;
  return `event: changed\ndata: ${JSON.stringify({ what: event.what })}\n\n`;
}
