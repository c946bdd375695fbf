import type { Server } from "node:http";
import type { InFlight } from "./in-flight.js";

export interface ShutdownOutcome {
  /** requests still in flight when the time ran out, whose connections were closed under them */
  cut: number;
}

/**
 * Stops accepting, lets in-flight requests finish (each response closes its connection), and after timeoutMs
 * closes whatever is left.
 * @example const { cut } = await shutdown(server, inFlight, 5000); process.exitCode = cut > 0 ? 1 : 0
 */
export async function shutdown(server: Server, inFlight: InFlight, timeoutMs: number): Promise<ShutdownOutcome> {
  inFlight.drain();
  server.close();
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const outcome = await Promise.race([inFlight.idle().then(() => "idle" as const), timedOut]);
  clearTimeout(timer);
  const cut = outcome === "timeout" ? inFlight.count() : 0;
  server.closeAllConnections();
  return { cut };
}
