// Writes fixtures/contract.schema.json from the zod schema, so editors autocomplete and check fixture files.
import { writeFileSync } from "node:fs";
import { contractJsonSchema } from "../dist/src/contract/json-schema.js";

const target = new URL("../fixtures/contract.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(contractJsonSchema(), null, 2)}\n`);
