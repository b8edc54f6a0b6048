import { describe, expect, it } from "vitest";
import { caseOrbit, foldCase, foldCodePoint } from "../../../../shared/rules/text/case-fold.ts";

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
const sameUnderIu = (a: number, b: number) => new RegExp(`^\\u{${a.toString(16)}}$`, "iu").test(String.fromCodePoint(b));

describe("foldCase()", () => {
  it.each([
    ["Σ (capital sigma)", "\u03a3", "\u03c3"],
    ["σ (small sigma)", "\u03c3", "\u03c3"],
    ["ς (final sigma): folds like σ, unlike toLowerCase keeping it apart", "\u03c2", "\u03c3"],
    ["ΑΣ: the final capital sigma folds to σ (toLowerCase gives ας)", "\u0391\u03a3", "\u03b1\u03c3"],
    ["ß stays ß (no full folding to ss)", "Stra\u00dfe", "stra\u00dfe"],
    ["ẞ (capital sharp s) folds to ß", "\u1e9e", "\u00df"],
    ["İ (capital I with dot) stays itself (its folding to i̇ is full, to i Turkic-only)", "\u0130", "\u0130"],
    ["ı (dotless i) stays itself", "\u0131", "\u0131"],
    ["I folds to i, never to ı", "I", "i"],
    ["K (Kelvin sign) folds to k", "\u212a", "k"],
    ["ſ (long s) folds to s", "\u017f", "s"],
    ["Ω (ohm sign) folds to ω", "\u2126", "\u03c9"],
    ["ǅ (title case dz) folds to ǆ", "\u01c5", "\u01c6"],
    ["Cherokee small letters fold to capitals", "\uab70", "\u13a0"],
    ["Deseret (outside the BMP) folds", "\u{10400}", "\u{10428}"],
    ["emoji and lone surrogates are left alone", "\u{1f600}\ud800x", "\u{1f600}\ud800x"],
    ["ASCII", "Engineering@Example.COM", "engineering@example.com"],
  ])("%s", (_name, input, folded) => {
    expect(foldCase(input)).toBe(folded);
    expect(foldCase(input).length).toBe(input.length);
  });

  it("returns the very string when nothing folds", () => {
    const s = "ασ ß \u0131 \u{1f600}";
    expect(foldCase(s)).toBe(s);
  });

  it("folds long strings (past one chunk of code units)", () => {
    expect(foldCase("\u03a3".repeat(10_000))).toBe("\u03c3".repeat(10_000));
  });
});

describe("foldCodePoint() and the RegExp iu flags", () => {
  /** Every code point whose case mapping or folding changes it. */
  const cased: number[] = [];
  for (let c = 0; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCodePoint(c);
    if (foldCodePoint(c) !== c || s.toLowerCase() !== s || s.toUpperCase() !== s) cased.push(c);
  }

  it("treat the same characters as equal", () => {
    const disagreements: string[] = [];
    for (const c of cased) {
      const s = String.fromCodePoint(c);
      const others = [
        foldCodePoint(c),
        ...[s.toLowerCase(), s.toUpperCase()].filter((o) => [...o].length === 1).map((o) => o.codePointAt(0) as number),
      ];
      for (const o of others) {
        if (sameUnderIu(c, o) !== (foldCodePoint(c) === foldCodePoint(o))) disagreements.push(`${hex(c)} ~ ${hex(o)}`);
      }
    }
    expect(cased.length).toBeGreaterThan(2500);
    expect(disagreements).toEqual([]);
  });

  it("folding is idempotent", () => {
    for (const c of cased) expect(foldCodePoint(foldCodePoint(c)), hex(c)).toBe(foldCodePoint(c));
  });
});

describe("caseOrbit()", () => {
  it.each([
    ["k", [0x6b, 0x4b, 0x212a]],
    ["σ", [0x3c3, 0x3a3, 0x3c2]],
    ["s", [0x73, 0x53, 0x17f]],
    ["ß", [0xdf, 0x1e9e]],
    ["ı", [0x131]],
    ["İ", [0x130]],
    ["1", [0x31]],
  ])("of %s", (char, orbit) => {
    expect([...caseOrbit(char.codePointAt(0) as number)].sort((a, b) => a - b)).toEqual([...orbit].sort((a, b) => a - b));
  });

  it("holds exactly the code points folding alike", () => {
    for (const c of [0x4b, 0x3a3, 0x1c4, 0x1c5, 0x10400]) {
      for (const m of caseOrbit(c)) expect(foldCodePoint(m)).toBe(foldCodePoint(c));
    }
  });
});
