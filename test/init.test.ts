import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { conformance } from "../conformance/index.js";
import { fetchHandler } from "../src/adapters/fetch-handler.js";
import { runInitCommand } from "../src/cli/init-command.js";
import { parseContractText } from "../src/contract/load.js";
import { createEngine } from "../src/engine/engine.js";

describe("mock-server init: a starter contract for your own API", () => {
  it("writes a contract that validates, serves and passes its own conformance run with no edits", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keymock-init-"));
    const out = join(dir, "contracts", "acme.json");
    await import("node:fs").then((fs) => fs.mkdirSync(join(dir, "contracts")));
    await runInitCommand({ name: "acme", out, header: "X-API-Key", prefixes: ["sandbox=acme_sb_", "production=acme_pk_"], force: false });
    const text = readFileSync(out, "utf8");
    const contract = parseContractText(text, out);
    expect(contract.credentials).toEqual([{ header: "X-API-Key" }]);
    expect(contract.keyKinds.map((k) => k.prefix)).toEqual(["acme_sb_", "acme_pk_"]);
    // The schema reference resolves from where the file was written.
    const schemaRef = (JSON.parse(text) as { $schema: string }).$schema;
    expect(JSON.parse(readFileSync(join(dir, "contracts", schemaRef), "utf8")).title).toBe("keymock contract fixture");
    const results = await conformance({ contract, target: fetchHandler(await createEngine(contract)), strict: true });
    expect(results.filter((r) => r.status !== "pass")).toEqual([]);
    expect(results.length).toBeGreaterThan(15);
  });

  it("refuses to overwrite a file, and a prefix that is not environment=prefix", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "keymock-init-")), "acme.json");
    await runInitCommand({ name: "acme", out, header: "Authorization", scheme: "Bearer", prefixes: [], force: false });
    await expect(runInitCommand({ name: "acme", out, header: "Authorization", prefixes: [], force: false })).rejects.toThrow("exists already; pass --force to overwrite it");
    await expect(runInitCommand({ name: "acme", out, header: "Authorization", prefixes: ["sk_test_"], force: true })).rejects.toThrow('--prefix takes environment=prefix, e.g. --prefix test=sk_test_; got "sk_test_".');
  });
});
