import type { Faker } from "@faker-js/faker";
import { Collection } from "@msw/data";
import type { Contract, FieldSpec, Model } from "../contract/schema.js";
import { createFaker, generators, REFERENCE_DATE } from "./fake.js";
import { recordSchema, type Row } from "./record-schema.js";

export type { Row } from "./record-schema.js";

/**
 * The records a contract serves: one @msw/data collection per model, its schema built from the fixture's fields.
 * Writes are asynchronous (@msw/data validates through Standard Schema); every operation waits for a reset that is
 * still seeding, so reset() itself stays synchronous for its callers.
 */
export class RecordStore {
  private readonly collections = new Map<string, Collection<ReturnType<typeof recordSchema>>>();
  /** per model, the fields an update stamps with the clock's time; worked out once */
  private readonly updatedFields = new Map<string, string[]>();
  private faker: Faker;
  /** settles when the seeded records are in place */
  private seeded: Promise<void> = Promise.resolve();

  constructor(
    private readonly contract: Contract,
    private readonly seed: number,
    private readonly now: () => number,
  ) {
    for (const [name, model] of Object.entries(contract.models)) {
      this.collections.set(name, new Collection({ schema: recordSchema(name, model) }));
      const stamped = Object.entries(model.fields).filter(([, spec]) => "timestamp" in spec && spec.timestamp === "updated");
      this.updatedFields.set(name, stamped.map(([field]) => field));
    }
    this.faker = createFaker(seed);
    this.reset();
  }

  /** Resolves once the seeded records are in place (after construction or the latest reset). */
  ready(): Promise<void> {
    return this.seeded;
  }

  /** Restores the seeded records exactly: same ids, same values, same order. */
  reset(): void {
    this.faker = createFaker(this.seed);
    // Generated now, in order, so the faker's sequence is the seed's whatever else runs while they are written.
    const rows = Object.entries(this.contract.models).map(([name, model]) => {
      const generated = Array.from({ length: model.count }, () => ({ id: this.newId(model), ...this.generate(model.fields, "seed") }) as Row);
      return [name, [...model.records.map((record) => structuredClone(record) as Row), ...generated]] as const;
    });
    this.seeded = this.seeded.then(async () => {
      for (const [name, records] of rows) {
        const collection = this.collection(name);
        collection.clear();
        for (const row of records) await collection.create(row);
      }
    });
  }

  async get(model: string, id: string): Promise<Row | undefined> {
    await this.seeded;
    return this.collection(model).findFirst((q) => q.where((row) => row.id === id));
  }

  async list(model: string): Promise<Row[]> {
    await this.seeded;
    return this.collection(model).findMany();
  }

  async create(modelName: string, values: Record<string, unknown>): Promise<Row> {
    await this.seeded;
    const model = this.contract.models[modelName] as Model;
    return this.collection(modelName).create({ id: this.newId(model), ...this.generate(model.fields, "create"), ...values } as Row);
  }

  async update(modelName: string, id: string, values: Record<string, unknown>): Promise<Row | undefined> {
    await this.seeded;
    const stamp = new Date(this.now()).toISOString();
    const stamped = this.updatedFields.get(modelName) ?? [];
    return this.collection(modelName).update((q) => q.where((row) => row.id === id), {
      data(row) {
        Object.assign(row, values, { id });
        for (const field of stamped) row[field] = stamp;
      },
    });
  }

  async delete(model: string, id: string): Promise<boolean> {
    await this.seeded;
    return this.collection(model).delete((q) => q.where((row) => row.id === id)) !== undefined;
  }

  private collection(model: string): Collection<ReturnType<typeof recordSchema>> {
    const collection = this.collections.get(model);
    if (!collection) throw new Error(`[keymock] Unknown model "${model}"`);
    return collection;
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
