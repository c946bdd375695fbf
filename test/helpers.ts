import { createRequestListener } from "../src/adapters/request-listener.js";
import { bundledContract, type BundledName } from "../src/contract/bundled.js";
import { createEngine, type EngineOptions } from "../src/engine/engine.js";

/** One contract served at its own paths, as `mock-server --fixture <name>` does, without a port. */
export async function appFor(name: BundledName, options: EngineOptions = {}) {
  const engine = await createEngine(bundledContract(name), options);
  return { engine, app: createRequestListener([{ prefix: "", engine }]) };
}

/** The plaintext of a seeded key, by its id in the fixture. */
export function seededKey(name: BundledName, id: string): string {
  const key = bundledContract(name).keys.find((k) => k.id === id);
  if (!key) throw new Error(`no seeded key ${id} in ${name}`);
  return key.plaintext;
}
