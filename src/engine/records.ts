import type { Faker } from "@faker-js/faker";
import { Collection } from "@msw/data";
import type { Contract, FieldSpec, Model } from "../contract/schema.js";
import { createFaker, generators, REFERENCE_DATE } from "./fake.js";
import { recordSchema, type Row } from "./record-schema.js";
import type { MaybePromise } from "./maybe-promise.js";
import { refFields, seedingOrder, type RefField } from "../contract/relations.js";

/** How values are made: when (seeding or a create), and the ids a ref field may take. */
interface Making {
  phase: "seed" | "create";
  idsOf(model: string): string[];
}

/** A body value for a ref field that names no record of its model. */
export interface BrokenRef {
  field: string;
  model: string;
}

export type { Row } from "./record-schema.js";

/** Where persisted records live: localStorage in a browser, or anything with the same two methods. */
export interface RecordStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface PersistOptions {
  storage: RecordStorage;
  /** the storage key; one per contract */
  key: string;
}

/**
 * The records a contract serves: one @msw/data collection per model, its schema built from the fixture's fields.
 * Writes are asynchronous (@msw/data validates through Standard Schema); every operation waits for a reset that is
 * still seeding, so reset() itself stays synchronous for its callers.
 */
export class RecordStore {
  private readonly collections = new Map<string, Collection<ReturnType<typeof recordSchema>>>();
  /** per model, the fields an update stamps with the clock's time; worked out once */
  private readonly updatedFields = new Map<string, string[]>();
  /** per model, its top-level ref fields: what a body may set and must name an existing record in */
  private readonly bodyRefs = new Map<string, RefField[]>();
  /**
   * per model, id → its record as the collection holds it: a read by id is one lookup, where a query walked the
   * collection and was the engine's largest allocation on a read (bench/RESULTS.md). Kept in step by every write.
   */
  private readonly byId = new Map<string, Map<string, Row>>();
  private faker: Faker;
  /** settles when the seeded records are in place */
  private seeded: Promise<void> = Promise.resolve();
  /** true while seeded has not settled: reads wait for it then, and answer at once otherwise */
  private seeding = false;

  constructor(
    private readonly contract: Contract,
    private readonly seed: number,
    private readonly now: () => number,
    private readonly persist?: PersistOptions,
    /** records a model may hold (its seeded ones always fit); create answers undefined beyond */
    private readonly maxRecords = Number.POSITIVE_INFINITY,
  ) {
    for (const [name, model] of Object.entries(contract.models)) {
      this.collections.set(name, new Collection({ schema: recordSchema(name, model) }));
      this.byId.set(name, new Map());
      const stamped = Object.entries(model.fields).filter(([, spec]) => "timestamp" in spec && spec.timestamp === "updated");
      this.updatedFields.set(name, stamped.map(([field]) => field));
      this.bodyRefs.set(name, refFields(model.fields).filter((ref) => ref.path.length === 1));
    }
    this.faker = createFaker(seed);
    const stored = this.stored();
    if (stored) this.load(stored);
    else this.reset();
  }

  /** Resolves once the seeded records are in place (after construction or the latest reset). */
  ready(): Promise<void> {
    return this.seeded;
  }

  /** Restores the seeded records exactly: same ids, same values, same order. */
  reset(): void {
    this.faker = createFaker(this.seed);
    // Generated now, in order, so the faker's sequence is the seed's whatever else runs while they are written. A
    // model whose records refer to another's comes after it, so each ref is picked from records that exist.
    const rows: Record<string, Row[]> = {};
    const making: Making = { phase: "seed", idsOf: (model) => (rows[model] ?? []).map((row) => row.id) };
    for (const name of seedingOrder(this.contract.models)) {
      const model = this.contract.models[name] as Model;
      const generated = Array.from({ length: model.count }, () => ({ id: this.newId(model), ...this.generate(model.fields, making) }) as Row);
      rows[name] = [...model.records.map((record) => structuredClone(record) as Row), ...generated];
    }
    this.load(rows);
  }

  private load(rows: Record<string, readonly Row[]>): void {
    this.seeding = true;
    const seeded = this.seeded.then(async () => {
      for (const [name, collection] of this.collections) {
        collection.clear();
        const ids = this.ids(name);
        ids.clear();
        for (const row of rows[name] ?? []) {
          const created = await collection.create(row);
          if (!ids.has(created.id)) ids.set(created.id, created);
        }
      }
      this.save();
    });
    this.seeded = seeded;
    // Only the latest load ends the seeding: a reset during a reset keeps reads waiting for the second. A load that
    // failed leaves reads waiting on it, so each answers its error; ready() reports it to whoever created the store.
    seeded.then(
      () => {
        if (this.seeded === seeded) this.seeding = false;
      },
      () => undefined,
    );
  }

  /** The records a page stored before it was reloaded (persist), or undefined to start from the seed. */
  private stored(): Record<string, Row[]> | undefined {
    const text = this.persist?.storage.getItem(this.persist.key);
    if (!text) return undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, Row[]>) : undefined;
    } catch {
      return undefined;
    }
  }

  private save(): void {
    if (!this.persist) return;
    const all = Object.fromEntries([...this.collections].map(([name, collection]) => [name, collection.all()]));
    this.persist.storage.setItem(this.persist.key, JSON.stringify(all));
  }

  get(model: string, id: string): MaybePromise<Row | undefined> {
    const find = () => this.ids(model).get(id);
    return this.seeding ? this.seeded.then(find) : find();
  }

  /** One page of a model's records, in creation order; only those whose fields equal `where`'s values when given. */
  list(model: string, offset = 0, limit = Number.MAX_SAFE_INTEGER, where?: Record<string, string>): MaybePromise<Row[]> {
    const matches = where && Object.entries(where);
    const page = () => this.collection(model).findMany(matches && ((q) => q.where((row) => matches.every(([field, value]) => row[field] === value)))).slice(offset, offset + limit);
    return this.seeding ? this.seeded.then(page) : page();
  }

  /** The first ref field in `values` that names no record of its model: a create or update must not dangle. */
  brokenRef(modelName: string, values: Record<string, unknown>): MaybePromise<BrokenRef | undefined> {
    const check = () => {
      for (const { path, model } of this.bodyRefs.get(modelName) ?? []) {
        const field = path[0] as string;
        const value = values[field];
        if (value !== undefined && (typeof value !== "string" || !this.exists(model, value))) return { field, model };
      }
      return undefined;
    };
    return this.seeding ? this.seeded.then(check) : check();
  }

  private exists(model: string, id: string): boolean {
    return this.ids(model).has(id);
  }

  /** The new record, or undefined when the model already holds its cap. */
  async create(modelName: string, values: Record<string, unknown>): Promise<Row | undefined> {
    await this.seeded;
    const model = this.contract.models[modelName] as Model;
    const collection = this.collection(modelName);
    if (collection.all().length >= Math.max(this.maxRecords, model.records.length + model.count)) return undefined;
    // Records restored from storage were made with the same seeded faker, so a new id may repeat one of theirs.
    let id = this.newId(model);
    while (this.ids(modelName).has(id)) id = this.newId(model);
    const making: Making = { phase: "create", idsOf: (ref) => this.collection(ref).findMany().map((row) => row.id) };
    const row = await collection.create({ id, ...this.generate(model.fields, making), ...values } as Row);
    this.ids(modelName).set(row.id, row);
    this.save();
    return row;
  }

  async update(modelName: string, id: string, values: Record<string, unknown>): Promise<Row | undefined> {
    await this.seeded;
    const stamp = new Date(this.now()).toISOString();
    const stamped = this.updatedFields.get(modelName) ?? [];
    const row = await this.collection(modelName).update((q) => q.where((row) => row.id === id), {
      data(row) {
        Object.assign(row, values, { id });
        for (const field of stamped) row[field] = stamp;
      },
    });
    // The collection keeps the updated record as a new object.
    if (row) this.ids(modelName).set(id, row);
    this.save();
    return row;
  }

  async delete(model: string, id: string): Promise<boolean> {
    await this.seeded;
    const collection = this.collection(model);
    const deleted = collection.delete((q) => q.where((row) => row.id === id)) !== undefined;
    // Records a page stored may repeat an id: the next one with it is what a read finds now.
    const next = deleted ? collection.findFirst((q) => q.where((row) => row.id === id)) : undefined;
    if (next) this.ids(model).set(id, next);
    else this.ids(model).delete(id);
    this.save();
    return deleted;
  }

  private ids(model: string): Map<string, Row> {
    const ids = this.byId.get(model);
    if (!ids) throw new Error(`[keymock] Unknown model "${model}"`);
    return ids;
  }

  private collection(model: string): Collection<ReturnType<typeof recordSchema>> {
    const collection = this.collections.get(model);
    if (!collection) throw new Error(`[keymock] Unknown model "${model}"`);
    return collection;
  }

  private newId(model: Model): string {
    return `${model.idPrefix}${this.faker.string.alphanumeric({ length: 14, casing: "lower" })}`;
  }

  private generate(fields: Record<string, FieldSpec>, making: Making): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let stamp: string | undefined;
    for (const [name, spec] of Object.entries(fields)) {
      if ("timestamp" in spec) {
        // A seeded record's created and updated times are one past instant; a created record's are the clock's now.
        stamp ??= making.phase === "seed" ? this.faker.date.past({ refDate: REFERENCE_DATE }).toISOString() : new Date(this.now()).toISOString();
        out[name] = stamp;
      } else out[name] = this.value(spec, making);
    }
    return out;
  }

  private value(spec: Exclude<FieldSpec, { timestamp: unknown }>, making: Making): unknown {
    if ("fake" in spec) return generators[spec.fake](this.faker, spec.args as Record<string, unknown> | undefined);
    if ("const" in spec) return structuredClone(spec.const);
    if ("oneOf" in spec) return structuredClone(this.faker.helpers.arrayElement(spec.oneOf));
    if ("ref" in spec) {
      // Every record of the model referred to may be picked; with none (all deleted), the relation is empty.
      const ids = making.idsOf(spec.ref);
      return ids.length > 0 ? this.faker.helpers.arrayElement(ids) : null;
    }
    return this.generate(spec.object, making);
  }
}
