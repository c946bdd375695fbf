import type { Faker } from "@faker-js/faker";
import type { Contract, FieldSpec, Model } from "../contract/schema.js";
import { createFaker, generators, REFERENCE_DATE } from "./fake.js";

export type Row = Record<string, unknown> & { id: string };

/**
 * The records a contract serves, one Map per model keyed by id.
 * A Map, not @msw/data: importing @msw/data took 335-426 ms here (its es-toolkit barrel), more than the whole
 * start-up budget, and its lookups scan; get/list/create/update/delete by id is all a route action needs.
 */
export class RecordStore {
  private readonly tables = new Map<string, Map<string, Row>>();
  /** per model, the fields an update stamps with the clock's time; worked out once */
  private readonly updatedFields = new Map<string, string[]>();
  /** set by reset(), which the constructor calls */
  private faker!: Faker;

  constructor(
    private readonly contract: Contract,
    private readonly seed: number,
    private readonly now: () => number,
    /** records a model may hold (its seeded ones always fit); create answers undefined beyond */
    private readonly maxRecords = Number.POSITIVE_INFINITY,
  ) {
    for (const [name, model] of Object.entries(contract.models)) {
      const stamped = Object.entries(model.fields).filter(([, spec]) => "timestamp" in spec && spec.timestamp === "updated");
      this.updatedFields.set(name, stamped.map(([field]) => field));
    }
    this.reset();
  }

  /** Restores the seeded records exactly: same ids, same values, same order. */
  reset(): void {
    this.faker = createFaker(this.seed);
    this.tables.clear();
    for (const [name, model] of Object.entries(this.contract.models)) {
      const table = new Map<string, Row>();
      for (const record of model.records) table.set(record.id, structuredClone(record) as Row);
      for (let i = 0; i < model.count; i++) {
        const row = { id: this.newId(model), ...this.generate(model.fields, "seed") } as Row;
        table.set(row.id, row);
      }
      this.tables.set(name, table);
    }
  }

  get(model: string, id: string): Row | undefined {
    return this.table(model).get(id);
  }

  /** One page of a model's records, in insertion order, without copying the rest. */
  list(model: string, offset = 0, limit = Number.MAX_SAFE_INTEGER): Row[] {
    const rows: Row[] = [];
    let index = 0;
    for (const row of this.table(model).values()) {
      if (rows.length >= limit) break;
      if (index++ >= offset) rows.push(row);
    }
    return rows;
  }

  /** The new record, or undefined when the model already holds its cap. */
  create(modelName: string, values: Record<string, unknown>): Row | undefined {
    const model = this.contract.models[modelName] as Model;
    const table = this.table(modelName);
    if (table.size >= Math.max(this.maxRecords, model.records.length + model.count)) return undefined;
    const id = this.newId(model);
    const row = { id, ...this.generate(model.fields, "create"), ...values } as Row;
    table.set(row.id, row);
    return row;
  }

  update(modelName: string, id: string, values: Record<string, unknown>): Row | undefined {
    const existing = this.get(modelName, id);
    if (!existing) return undefined;
    const row = { ...existing, ...values, id } as Row;
    for (const field of this.updatedFields.get(modelName) ?? []) row[field] = new Date(this.now()).toISOString();
    this.table(modelName).set(id, row);
    return row;
  }

  delete(model: string, id: string): boolean {
    return this.table(model).delete(id);
  }

  private table(model: string): Map<string, Row> {
    const table = this.tables.get(model);
    if (!table) throw new Error(`[keymock] Unknown model "${model}"`);
    return table;
  }

  private newId(model: Model): string {
    return `${model.idPrefix}${this.faker.string.alphanumeric({ length: 14, casing: "lower" })}`;
  }

  private generate(fields: Record<string, FieldSpec>, phase: "seed" | "create"): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let stamp: string | undefined;
    for (const [name, spec] of Object.entries(fields)) {
      if ("timestamp" in spec) {
        // A seeded record's created and updated times are one past instant; a created record's are the clock's now.
        stamp ??= phase === "seed" ? this.faker.date.past({ refDate: REFERENCE_DATE }).toISOString() : new Date(this.now()).toISOString();
        out[name] = stamp;
      } else out[name] = this.value(spec, phase);
    }
    return out;
  }

  private value(spec: Exclude<FieldSpec, { timestamp: unknown }>, phase: "seed" | "create"): unknown {
    if ("fake" in spec) return generators[spec.fake](this.faker, spec.args as Record<string, unknown> | undefined);
    if ("const" in spec) return structuredClone(spec.const);
    if ("oneOf" in spec) return structuredClone(this.faker.helpers.arrayElement(spec.oneOf));
    return this.generate(spec.object, phase);
  }
}
