import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { constantTimeEqual, portableSha256Hex, sha256Hex } from "../src/engine/hash.js";

describe("key hashing", () => {
  const samples = ["sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r", "", "ünïcode-kéy", "😀 astral", "x".repeat(1000)];
  it.each(samples)("gives node:crypto's SHA-256 for %j", (text) => {
    expect(sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
  });

  // A key issued in a browser (msw) must hash as the same key does in Node, or a persisted key would stop matching.
  it.each(samples)("hashes %j the same way on the browser's path", (text) => {
    expect(portableSha256Hex(text)).toBe(sha256Hex(text));
  });

  it("knows the SHA-256 of the empty string", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("compares equal strings as equal and any difference, including length, as different", () => {
    expect(constantTimeEqual("abcd", "abcd")).toBe(true);
    expect(constantTimeEqual("abcd", "abce")).toBe(false);
    expect(constantTimeEqual("abcd", "abc")).toBe(false);
    expect(constantTimeEqual("", "a")).toBe(false);
  });
});
