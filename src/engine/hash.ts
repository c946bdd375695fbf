import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

type NodeCrypto = typeof import("node:crypto");

/** Node's own crypto where the engine runs in Node; undefined in a browser, without a static import a bundler would follow. */
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;

/** The browser's path, exported so a test can hold it to Node's. */
export const portableSha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/**
 * SHA-256 as lower-case hex, synchronous in Node and in browsers: node:crypto where it exists (the hash is on every
 * authenticated request, and OpenSSL is the faster there, bench/RESULTS.md); @noble/hashes
 * (audited, no dependencies) in a browser, where Web Crypto's digest is asynchronous and measured slower.
 * @example sha256Hex("") // "e3b0c442…b855"
 */
export const sha256Hex: (text: string) => string = nodeCrypto
  ? (text) => nodeCrypto.createHash("sha256").update(text, "utf8").digest("hex")
  : portableSha256Hex;

/** Compares two strings without an early exit, so timing does not tell how much of a secret matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % Math.max(b.length, 1));
  return diff === 0;
}
