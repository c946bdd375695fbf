import type { Problem } from "./contract-error.js";
import { expectedOneOf } from "./references.js";
import type { Contract, FieldSpec, Model } from "./schema.js";

/** A field whose value is the id of another model's record, with where it sits (nested objects included). */
export interface RefField {
  /** the field's path inside a record, e.g. ["owner", "user_id"] */
  path: string[];
  model: string;
}

/** Every ref field of a model's fields, nested objects included. */
export function refFields(fields: Record<string, FieldSpec>, within: string[] = []): RefField[] {
  return Object.entries(fields).flatMap(([name, spec]) => {
    if ("ref" in spec) return [{ path: [...within, name], model: spec.ref }];
    if ("object" in spec) return refFields(spec.object, [...within, name]);
    return [];
  });
}

/**
 * The order to seed models in: every model after the models its records refer to, otherwise as declared (so a
 * contract without relations seeds exactly as before). Assumes no cycle; checkRelations reports one.
 */
export function seedingOrder(models: Record<string, Model>): string[] {
  const order: string[] = [];
  const visit = (name: string, seen: Set<string>) => {
    if (order.includes(name) || seen.has(name) || !(name in models)) return;
    seen.add(name);
    for (const ref of refFields((models[name] as Model).fields)) visit(ref.model, seen);
    order.push(name);
  };
  for (const name of Object.keys(models)) visit(name, new Set());
  return order;
}

/** What the schema cannot check of relations: that each refers to a model that exists, has records, and no cycle. */
export function checkRelations(contract: Contract): Problem[] {
  const problems: Problem[] = [];
  const modelNames = Object.keys(contract.models);
  for (const [name, model] of Object.entries(contract.models)) {
    for (const ref of refFields(model.fields)) {
      const at = ["models", name, "fields", ...ref.path.flatMap((step, i) => (i === 0 ? [step] : ["object", step])), "ref"];
      const target = contract.models[ref.model];
      if (!target) problems.push({ path: at, message: expectedOneOf(ref.model, modelNames, "models") });
      else if (ref.model === name) problems.push({ path: at, message: `a model cannot refer to itself ("${name}")` });
      else if (model.count > 0 && target.count === 0 && target.records.length === 0) {
        problems.push({ path: at, message: `"${ref.model}" has no records for the ${model.count} seeded ${name} to refer to; give it a count or records` });
      }
    }
  }
  const cycle = findCycle(contract.models);
  if (cycle) problems.push({ path: ["models", cycle[0] as string], message: `models refer to each other in a cycle (${cycle.join(" → ")}), so none can be seeded first` });
  contract.routes.forEach((route, i) => {
    const { action } = route;
    if (action.type === "issue_key" || !action.where) return;
    const at = ["routes", i, "action", "where"];
    if (action.type !== "list") return void problems.push({ path: at, message: `only list routes filter by "where"; this is a ${action.type} route` });
    const model = contract.models[action.model];
    const params = [...route.path.matchAll(/:([^/]+)/g)].map((m) => m[1] as string);
    for (const [field, value] of Object.entries(action.where)) {
      if (model && field !== "id" && !(field in model.fields)) problems.push({ path: [...at, field], message: expectedOneOf(field, ["id", ...Object.keys(model.fields)], `models.${action.model}.fields`) });
      if (value.startsWith(":") && !params.includes(value.slice(1))) {
        problems.push({ path: [...at, field], message: expectedOneOf(value, params.map((p) => `:${p}`), `the route's path parameters (${route.path})`) });
      }
    }
  });
  return problems;
}

function findCycle(models: Record<string, Model>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const walk = (name: string, trail: string[]): string[] | undefined => {
    if (state.get(name) === "done" || !(name in models)) return undefined;
    if (state.get(name) === "visiting") return [...trail.slice(trail.indexOf(name)), name];
    state.set(name, "visiting");
    for (const ref of refFields((models[name] as Model).fields)) {
      if (ref.model === name) continue; // reported on its own, more plainly
      const cycle = walk(ref.model, [...trail, name]);
      if (cycle) return cycle;
    }
    state.set(name, "done");
    return undefined;
  };
  for (const name of Object.keys(models)) {
    const cycle = walk(name, []);
    if (cycle) return cycle;
  }
  return undefined;
}
