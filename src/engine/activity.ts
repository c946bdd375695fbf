import type { DenialReason } from "../contract/schema.js";

/** What the engine decided for one request: a refusal reason from the decision order, "allowed", or a full store. */
export type DecisionName = DenialReason | "allowed" | "store_full";

export interface DecisionRecord {
  /** rises by one a request, from 1; a reader that has seen n asks for what is after n */
  seq: number;
  /** the mock's clock, ISO 8601 */
  at: string;
  method: string;
  path: string;
  status: number;
  /** prefix + last 4 of the presented key, or null when none was presented */
  keyHint: string | null;
  decision: DecisionName;
  /** the errors.cases entry the refusal was rendered from; null when allowed or not a case of its own */
  case: string | null;
}

/** As recorded on the request path: the time stays a number until someone reads it, since formatting it per request was measurable (bench/RESULTS.md). */
export type DecisionInput = Omit<DecisionRecord, "seq" | "at"> & { at: number };

export type ActivityEvent = { type: "decision"; decision: DecisionRecord } | { type: "changed"; what: string };

type Listener = (event: ActivityEvent) => void;

/** Recent decisions the admin API and the dashboard list; older ones drop off, so memory stays bounded. */
export const DECISION_CAPACITY = 200;
/** Paths are cut to this in the log: one long path cannot fill memory through the ring. */
const PATH_LENGTH = 200;

/**
 * The engine's recent decisions (a ring buffer) and whoever listens for them (the dashboard's event stream).
 * A listener that throws is dropped: a broken reader must never fail a request.
 */
export class Activity {
  private readonly ring: (DecisionInput & { seq: number })[] = [];
  private next = 1;
  private readonly listeners = new Set<Listener>();

  /** Takes the entry as it is (no copy on the request path). */
  record(entry: DecisionInput): void {
    if (entry.path.length > PATH_LENGTH) entry.path = `${entry.path.slice(0, PATH_LENGTH)}…`;
    const stored = Object.assign(entry, { seq: this.next++ });
    if (this.ring.length === DECISION_CAPACITY) this.ring.shift();
    this.ring.push(stored);
    if (this.listeners.size > 0) this.emit({ type: "decision", decision: view(stored) });
  }

  /** Keys, windows or the clock moved by the admin API: readers refresh what they show. */
  changed(what: string): void {
    this.emit({ type: "changed", what });
  }

  /** Oldest first; only those after `seq` when given. */
  recent(after = 0): DecisionRecord[] {
    return this.ring.filter((d) => d.seq > after).map(view);
  }

  /** Returns the function that stops listening. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  private emit(event: ActivityEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }
}

function view(d: DecisionInput & { seq: number }): DecisionRecord {
  return { seq: d.seq, at: new Date(d.at).toISOString(), method: d.method, path: d.path, status: d.status, keyHint: d.keyHint, decision: d.decision, case: d.case };
}
