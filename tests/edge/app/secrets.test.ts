/** Secrets at rest and admin passwords: the pure WebCrypto parts of the edge. */
import { describe, expect, it } from "vitest";
import { createSecretBox, generateSecretKey } from "../../../edge/store/secrets.ts";
import { hashPassword, isPasswordHash, PBKDF2_ITERATIONS, verifyPassword } from "../../../edge/auth/password.ts";
import { canonicalJson } from "../../../shared/canonical-json.ts";
import { constantTimeEqual } from "../../../edge/security/tokens.ts";

const KEY = ["connection", "okta"] as const;

describe("createSecretBox()", () => {
  it("opens what it sealed", async () => {
    const box = await createSecretBox(generateSecretKey());
    expect(await box.open(KEY, await box.seal(KEY, "00secret-token"))).toBe("00secret-token");
  });

  it("uses a fresh IV for every seal and never stores the plaintext", async () => {
    const box = await createSecretBox(generateSecretKey());
    const [a, b] = [await box.seal(KEY, "00secret-token"), await box.seal(KEY, "00secret-token")];
    expect(a.iv).not.toBe(b.iv);
    expect(a.data).not.toBe(b.data);
    expect(JSON.stringify(a)).not.toContain("secret-token");
    expect(atob(a.iv).length).toBe(12);
  });

  it("refuses a ciphertext moved to another KV key (the key is the AAD)", async () => {
    const box = await createSecretBox(generateSecretKey());
    const sealed = await box.seal(KEY, "00secret-token");
    await expect(box.open(["connection", "genea"], sealed)).rejects.toThrow();
  });

  it("refuses a tampered ciphertext", async () => {
    const box = await createSecretBox(generateSecretKey());
    const sealed = await box.seal(KEY, "00secret-token");
    const bytes = Uint8Array.from(atob(sealed.data), (ch) => ch.charCodeAt(0));
    bytes[0] ^= 1;
    await expect(box.open(KEY, { ...sealed, data: btoa(String.fromCharCode(...bytes)) })).rejects.toThrow();
  });

  it("refuses to open with another secret key", async () => {
    const sealed = await (await createSecretBox(generateSecretKey())).seal(KEY, "x");
    await expect((await createSecretBox(generateSecretKey())).open(KEY, sealed)).rejects.toThrow();
  });

  it.each(["", "c2hvcnQ=", "not base64 at all!"])("refuses the secret key %j", async (key) => {
    await expect(createSecretBox(key)).rejects.toThrow(/32 bytes/);
  });
});

describe("hashPassword() / verifyPassword()", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(isPasswordHash(hash)).toBe(true);
    expect(hash.split("$")[1]).toBe(String(PBKDF2_ITERATIONS));
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password!")).not.toBe(await hashPassword("same password!"));
  });

  it.each([
    ["a malformed hash", "sha1$abc"],
    ["too few iterations", "pbkdf2-sha256$1000$AAAA$AAAA"],
    ["an empty hash", ""],
  ])("refuses %s", async (_what, stored) => {
    expect(await verifyPassword("anything at all", stored)).toBe(false);
    expect(isPasswordHash(stored)).toBe(false);
  });
});

describe("constantTimeEqual()", () => {
  it.each([
    ["abc", "abc", true],
    ["abc", "abd", false],
    ["abc", "abcd", false],
    ["", "", true],
    ["", "a", false],
  ])("%j vs %j → %s", (a, b, expected) => {
    expect(constantTimeEqual(a, b)).toBe(expected);
  });
});

describe("canonicalJson()", () => {
  it("sorts keys at every level so equal data hashes equally", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});
