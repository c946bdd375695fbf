import type { Command, OptionSpec } from "./command.js";

const summary = "Serve, validate and test API-key contracts offline.";

/** The help for the whole CLI (no command named) or for one command, from the command table. */
export function formatHelp(commands: Command[], command?: Command): string {
  const shown = command ?? commands.find((c) => c.isDefault);
  const lines = command
    ? [`mock-server ${usage(command)}`, "", command.describe]
    : [
        "mock-server [command] [options]",
        "",
        summary,
        "",
        "Commands:",
        ...table(commands.map((c) => [`mock-server ${usage(c)}`, c.isDefault ? `${c.describe} [default]` : c.describe])),
      ];
  if (shown?.positionals) lines.push("", "Arguments:", ...table([[shown.positionals.name, shown.positionals.describe]]));
  const flags = Object.entries(shown?.options ?? {}).map(([name, spec]) => [flag(name, spec), describe(spec)]);
  flags.push(["-h, --help", "show this help"]);
  lines.push("", command ? "Options:" : `Options (serve; "mock-server <command> --help" for the others):`, ...table(flags));
  return `${lines.join("\n")}\n`;
}

const usage = (command: Command) => [command.name, command.positionals?.name, "[options]"].filter(Boolean).join(" ");

function flag(name: string, spec: OptionSpec): string {
  if (spec.type === "boolean") return spec.default === true ? `--[no-]${name}` : `--${name}`;
  return `--${name} <${spec.placeholder ?? "value"}>`;
}

function describe(spec: OptionSpec): string {
  const notes = [spec.multiple ? "repeatable" : undefined, spec.default === undefined || spec.default === false ? undefined : `default: ${String(spec.default)}`];
  const extra = notes.filter(Boolean).join(", ");
  return extra ? `${spec.describe} (${extra})` : spec.describe;
}

function table(rows: string[][]): string[] {
  const width = Math.max(...rows.map(([left]) => (left ?? "").length));
  return rows.map(([left = "", right = ""]) => `  ${left.padEnd(width)}  ${right}`);
}
