import { closest } from "../contract/did-you-mean.js";

/**
 * yargs' "Unknown arguments: prot, fixtre" with the option each one was probably meant to be: yargs suggests
 * mistyped commands only. `known` are the options of the command that was parsed.
 * @example withOptionSuggestions("Unknown argument: prot", ["port", "host"]) // 'Unknown argument: prot (did you mean --port?)'
 */
export function withOptionSuggestions(message: string, known: readonly string[]): string {
  const match = /^Unknown arguments?: (.+)$/.exec(message);
  if (!match) return message;
  const listed = (match[1] as string).split(", ");
  // yargs names "--no-admin=yes" twice, as no-admin and as its camel-case alias noAdmin: once is enough.
  const names = listed.filter((name) => !listed.some((other) => other !== name && camelCase(other) === name));
  const named = names.map((name) => {
    const meant = closest(name, known);
    return meant === undefined ? name : `${name} (did you mean --${meant}?)`;
  });
  return `Unknown argument${names.length === 1 ? "" : "s"}: ${named.join(", ")}`;
}

const camelCase = (name: string) => name.replace(/-+(.)/g, (_, c: string) => c.toUpperCase());
