import { AdminError, readEvents } from "./api.js";
import { byId } from "./dom.js";
import { logRow, type DecisionView } from "./views.js";

/** Rows the log keeps; the server's ring holds more, and the admin API lists them. */
const LOG_ROWS = 200;

let lastSeq: string | undefined;

function addDecision(decision: DecisionView): void {
  const log = byId("log");
  log.prepend(logRow(decision));
  while (log.childElementCount > LOG_ROWS) log.lastElementChild?.remove();
  const outcome = decision.decision === "allowed" ? "allowed" : `refused, ${decision.decision}`;
  byId("latest").textContent = `${decision.method} ${decision.path}: ${decision.status} ${outcome}`;
}

/** The live log: reconnects after the stream ends (the server restarted or shut it), from the last event seen. */
export async function follow(onEvent: () => void, problem: (error: unknown) => void): Promise<void> {
  const status = byId("connection");
  for (;;) {
    try {
      status.textContent = "(live)";
      await readEvents(lastSeq, (event) => {
        if (event.event === "decision") {
          lastSeq = event.id;
          addDecision(JSON.parse(event.data) as DecisionView);
        }
        onEvent();
      });
    } catch (error) {
      if (error instanceof AdminError) {
        status.textContent = "(not live)";
        return problem(error);
      }
    }
    status.textContent = "(reconnecting)";
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
