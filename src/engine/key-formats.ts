import type { Contract, KeyKind } from "../contract/schema.js";
import { escapeRegExp } from "../contract/references.js";

export interface KeyFormat {
  kind: KeyKind;
  test(key: string): boolean;
}

/** Compiles each key kind's prefix + pattern once; longest prefix first, so `sk_test_` wins over `sk_`. */
export function compileKeyFormats(contract: Contract): KeyFormat[] {
  return [...contract.keyKinds]
    .sort((a, b) => b.prefix.length - a.prefix.length)
    .map((kind) => {
      const regex = new RegExp(`^${escapeRegExp(kind.prefix)}(?:${kind.pattern})$`);
      return { kind, test: (key: string) => regex.test(key) };
    });
}

export function matchKeyFormat(formats: KeyFormat[], key: string): KeyKind | undefined {
  return formats.find((format) => format.test(key))?.kind;
}
