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
/** Distinct paths, methods and key hints the ring shares copies of before it starts over. */
const INTERNED_STRINGS = 1024;

/**
 * The engine's recent decisions (a ring buffer) and whoever listens for them (the dashboard's event stream).
 * A listener that throws is dropped: a broken reader must never fail a request.
 *
 * The ring is columns filled in place, and its strings are interned: an object and two fresh strings kept per request
 * outlived the young generation, doubled what survived each scavenge and grew the heap under load (bench/RESULTS.md).
 */
export class Activity {
  private readonly seqs = new Float64Array(DECISION_CAPACITY);
  private readonly ats = new Float64Array(DECISION_CAPACITY);
  private readonly statuses = new Uint16Array(DECISION_CAPACITY);
  private readonly methods: string[] = new Array<string>(DECISION_CAPACITY).fill("");
  private readonly paths: string[] = new Array<string>(DECISION_CAPACITY).fill("");
  private readonly keyHints: (string | null)[] = new Array<string | null>(DECISION_CAPACITY).fill(null);
  private readonly decisions: DecisionName[] = new Array<DecisionName>(DECISION_CAPACITY).fill("allowed");
  private readonly cases: (string | null)[] = new Array<string | null>(DECISION_CAPACITY).fill(null);
  private readonly strings = new Map<string, string>();
  /** the slot the next decision goes to */
  private head = 0;
  private size = 0;
  private next = 1;
  private readonly listeners = new Set<Listener>();

  record(entry: DecisionInput): void {
    const slot = this.head;
    const path = entry.path.length > PATH_LENGTH ? `${entry.path.slice(0, PATH_LENGTH)}…` : entry.path;
    this.seqs[slot] = this.next++;
    this.ats[slot] = entry.at;
    this.statuses[slot] = entry.status;
    this.methods[slot] = this.intern(entry.method);
    this.paths[slot] = this.intern(path);
    this.keyHints[slot] = entry.keyHint === null ? null : this.intern(entry.keyHint);
    this.decisions[slot] = entry.decision;
    this.cases[slot] = entry.case;
    this.head = (slot + 1) % DECISION_CAPACITY;
    if (this.size < DECISION_CAPACITY) this.size++;
    if (this.listeners.size > 0) this.emit({ type: "decision", decision: this.view(slot) });
  }

  /** Keys, windows or the clock moved by the admin API: readers refresh what they show. */
  changed(what: string): void {
    this.emit({ type: "changed", what });
  }

  /** Oldest first; only those after `seq` when given. */
  recent(after = 0): DecisionRecord[] {
    const out: DecisionRecord[] = [];
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head - this.size + i + DECISION_CAPACITY) % DECISION_CAPACITY;
      if ((this.seqs[slot] as number) > after) out.push(this.view(slot));
    }
    return out;
  }

  /** Returns the function that stops listening. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  /** The copy of a string already held, so the ring keeps no request's own: bounded, since paths can be anything. */
  private intern(text: string): string {
    const held = this.strings.get(text);
    if (held !== undefined) return held;
    if (this.strings.size >= INTERNED_STRINGS) this.strings.clear();
    this.strings.set(text, text);
    return text;
  }

  private view(slot: number): DecisionRecord {
    return {
      seq: this.seqs[slot] as number,
      at: new Date(this.ats[slot] as number).toISOString(),
      method: this.methods[slot] as string,
      path: this.paths[slot] as string,
      status: this.statuses[slot] as number,
      keyHint: this.keyHints[slot] ?? null,
      decision: this.decisions[slot] as DecisionName,
      case: this.cases[slot] ?? null,
    };
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
