// `npm run schema`: writes fixtures/contract.schema.json (for editors, which autocomplete and check fixture files)
// and docs/contract-reference.md from the zod schema. Both are committed and neither is written by the build: tests
// compare them with the schema, so a change to src/contract/schema.ts without this step fails `npm test` instead
// of rewriting the files unseen.
import { writeFileSync } from "node:fs";
import { importTs } from "./import-ts.js";

const { contractJsonSchema, contractJsonSchemaText } = await importTs("src/contract/json-schema.ts");
const { contractReference } = await importTs("src/contract/reference.ts");
writeFileSync(new URL("../fixtures/contract.schema.json", import.meta.url), contractJsonSchemaText());
writeFileSync(new URL("../docs/contract-reference.md", import.meta.url), contractReference(contractJsonSchema()));
