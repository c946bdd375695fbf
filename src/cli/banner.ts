import type { Mount } from "../adapters/request-listener.js";
import { keyHint } from "../engine/credentials.js";
import { keyStatus } from "../engine/key-store.js";

/** The start-up text: where each contract is served and its seeded keys, redacted to prefix + last 4. */
export function formatBanner(origin: string, mounts: Mount[], options: { admin: boolean; adminToken?: boolean; rateLimit?: string | undefined }): string {
  const lines = [`keymock listening on ${origin}`, ""];
  const contractRows = mounts.map(({ prefix, engine }) => [
    engine.contract.name,
    `${origin}${prefix}`,
    `mocks ${engine.contract.baseUrl}${engine.environment ? ` (its ${engine.environment} environment: other environments' keys are refused; --environment to switch)` : ""}`,
  ]);
  lines.push(...table(contractRows), "");
  if (options.rateLimit) lines.push(options.rateLimit, "");
  const keyRows = mounts.flatMap(({ engine }) =>
    engine.keys.list().map((key) => [
      engine.contract.name,
      key.id,
      keyHint(key.prefix, key.last4),
      keyStatus(key, engine.clock.now()),
      key.label ?? "",
    ]),
  );
  lines.push("Seeded keys:", ...table(keyRows).map((row) => `  ${row}`));
  if (options.admin) {
    const example = mounts[0] ? `${origin}${mounts[0].prefix}/__keymock/keys` : "";
    const auth = options.adminToken ? ' -H "Authorization: Bearer <token>"' : "";
    lines.push("", `Full seeded keys (they are public in the fixtures): curl${auth} ${example}`);
    lines.push(
      options.adminToken
        ? "Admin API (/__keymock/): needs Authorization: Bearer <the --admin-token>; other web origins are refused."
        : "Admin API (/__keymock/): loopback hosts only, no other web origins; --admin-token to use it from elsewhere.",
    );
  }
  lines.push("", "Press Ctrl+C to stop.", "");
  return `${lines.join("\n")}\n`;
}

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd());
}
