import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adler32,
  compress,
  crc32,
  decodeBase64Url,
  decompress,
  decompressExact,
  encodeBase64Url,
  seal,
  unseal,
} from "../../../shared/codecs/index.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("encodeBase64Url() / decodeBase64Url()", () => {
  it.each([
    ["", ""],
    ["f", "Zg"],
    ["fo", "Zm8"],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg"],
    ["fooba", "Zm9vYmE"],
    ["foobar", "Zm9vYmFy"],
  ])("encodes %j as %j (RFC 4648 vectors, unpadded)", (text, encoded) => {
    expect(encodeBase64Url(utf8(text))).toBe(encoded);
    expect(decodeBase64Url(encoded)).toEqual(utf8(text));
  });

  it("uses - and _ rather than + and /", () => {
    expect(encodeBase64Url(Uint8Array.from([0xfb, 0xff]))).toBe("-_8");
  });

  it("round-trips any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it.each(["Zg=", "Zm9v=", "Z", "Zm9vY", "Zm+v", "Zm/v", "Zm 9", "é"])(
    "refuses %j (padding, impossible length, foreign characters)",
    (text) => {
      expect(decodeBase64Url(text)).toBeNull();
    },
  );

  it.each([
    ["Zh", "Zg"],
    ["Zm9", "Zm8"],
  ])("refuses non-canonical %j (leftover bits set) but accepts %j", (bad, good) => {
    expect(decodeBase64Url(bad)).toBeNull();
    expect(decodeBase64Url(good)).not.toBeNull();
  });
});

describe("adler32()", () => {
  it.each([
    ["", 0x00000001],
    ["a", 0x00620062],
    ["Wikipedia", 0x11e60398],
  ])("of %j is %i", (text, sum) => expect(adler32(utf8(text))).toBe(sum));

  it("stays exact over long inputs (no overflow between reductions)", () => {
    const bytes = new Uint8Array(100_000).fill(255);
    let a = 1, b = 0;
    for (const x of bytes) {
      a = (a + x) % 65521;
      b = (b + a) % 65521;
    }
    expect(adler32(bytes)).toBe(((b << 16) | a) >>> 0);
  });
});

describe("decompress()", () => {
  it("round-trips with compress() under the cap", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(decompress(compress(bytes), 2000)).toEqual({ ok: true, bytes });
      }),
    );
  });

  it("stops at the cap", () => {
    expect(decompress(compress(new Uint8Array(1001)), 1000)).toEqual({ ok: false, code: "too-large" });
    expect(decompress(compress(new Uint8Array(1000)), 1000)).toMatchObject({ ok: true });
  });

  it("refuses a wrong checksum, a bad header, a preset dictionary and truncation", () => {
    const good = compress(utf8("hello hello hello"));
    const wrongSum = good.slice();
    wrongSum[wrongSum.length - 1] ^= 1;
    const dict = good.slice();
    dict[1] |= 0x20;
    for (const bad of [wrongSum, dict, Uint8Array.from([0x79, ...good.slice(1)]), good.slice(0, good.length - 1), good.slice(0, 5)]) {
      expect(decompress(bad, 1000)).toEqual({ ok: false, code: "malformed" });
    }
  });
});

describe("decompressExact()", () => {
  it("inflates to exactly the declared size, or refuses", () => {
    const bytes = utf8("x".repeat(5000) + "tail");
    const z = compress(bytes);
    expect(decompressExact(z, bytes.length)).toEqual(bytes);
    expect(decompressExact(z, bytes.length - 1)).toBeNull();
    expect(decompressExact(z, bytes.length + 1)).toBeNull();
    expect(decompressExact(z.slice(0, z.length - 2), bytes.length)).toBeNull();
  });
});

describe("crc32() / seal() / unseal()", () => {
  it('is the IEEE CRC-32 (check value of "123456789")', () => {
    expect(crc32(utf8("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("unseals what it sealed, and nothing changed or cut short", () => {
    const bytes = utf8("door 42");
    const sealed = seal(bytes);
    expect(unseal(sealed)).toEqual(bytes);
    for (let i = 0; i < sealed.length; i++) {
      const bad = sealed.slice();
      bad[i] ^= 0x01;
      expect(unseal(bad)).toBeNull();
      expect(unseal(sealed.subarray(0, i))).toBeNull();
    }
  });
});
