import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { constantTimeEqual, sha256Hex } from "../src/engine/hash.js";

describe("key hashing", () => {
  it.each(["sk_test_pRqweh3wvWmJAAVYv7Z0T5iPLzFM4ql0muoyQcjOxGeN3p1r", "", "ünïcode-kéy", "x".repeat(1000)])("gives node:crypto's SHA-256 for %j", (text) => {
    expect(sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
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
