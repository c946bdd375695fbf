// `npm run schema`: writes fixtures/contract.schema.json from the zod schema, so editors autocomplete and check
// fixture files. Committed, and not written by the build: a test compares it with the schema, so a change to
// src/contract/schema.ts without this step fails `npm test` instead of rewriting the file unseen.
import { writeFileSync } from "node:fs";
import { importTs } from "./import-ts.js";

const { contractJsonSchemaText } = await importTs("src/contract/json-schema.ts");
writeFileSync(new URL("../fixtures/contract.schema.json", import.meta.url), contractJsonSchemaText());
