/**
 * Character sets of a pattern (a literal character, `.`, `\d`, `\p{L}`, `[^a-z_]`, …) as
 * tests of one code point, with JavaScript's `u`-mode meaning. Case-insensitively (`i`), a
 * set matches a code point when any code point folding like it (its case orbit,
 * text/case-fold.ts) is in the set, as the ECMAScript spec defines it; a negated class
 * matches when none is.
 */
import { caseOrbit, foldCodePoint } from "../text/case-fold.ts";

export type ClassEscape = "d" | "D" | "s" | "S" | "w" | "W";

export type SetItem =
  | { kind: "range"; from: number; to: number }
  | { kind: "escape"; name: ClassEscape }
  /** `\p{…}` or `\P{…}`, as written */
  | { kind: "property"; source: string }
  | { kind: "dot" };

export interface CharSet {
  items: SetItem[];
  negated: boolean;
}

export type CodePointTest = (c: number) => boolean;

const isBasicWord = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
const isLineTerminator = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
const SPACE = /^\s$/u;
const isSpace = (c: number): boolean => SPACE.test(String.fromCodePoint(c));

/**
 * `\w` and `\b`'s word characters; case-insensitively also those folding to one (the Kelvin
 * sign, the long s), as in the spec's WordCharacters.
 */
export function wordTest(ignoreCase: boolean): CodePointTest {
  return ignoreCase ? (c) => isBasicWord(c) || isBasicWord(foldCodePoint(c)) : isBasicWord;
}

function escapeTest(name: ClassEscape, ignoreCase: boolean): CodePointTest {
  const word = wordTest(ignoreCase);
  switch (name) {
    case "d":
      return (c) => c >= 0x30 && c <= 0x39;
    case "D":
      return (c) => !(c >= 0x30 && c <= 0x39);
    case "s":
      return isSpace;
    case "S":
      return (c) => !isSpace(c);
    case "w":
      return word;
    case "W":
      return (c) => !word(c);
  }
}

function propertyTest(source: string): CodePointTest {
  // A class of one property escape, tested on one character: the native engine cannot backtrack here.
  const regex = new RegExp(`^[${source}]$`, "u");
  return (c) => regex.test(String.fromCodePoint(c));
}

function itemTest(item: SetItem, ignoreCase: boolean): CodePointTest {
  switch (item.kind) {
    case "range":
      return (c) => c >= item.from && c <= item.to;
    case "escape":
      return escapeTest(item.name, ignoreCase);
    case "property":
      return propertyTest(item.source);
    case "dot":
      return (c) => !isLineTerminator(c);
  }
}

/** The set as a test of one code point. */
export function charSetTest(set: CharSet, ignoreCase: boolean): CodePointTest {
  const [only] = set.items;
  if (set.items.length === 1 && only.kind === "range" && only.from === only.to && !set.negated) {
    const want = only.from; // a literal character, the common case
    if (!ignoreCase) return (c) => c === want;
    const folded = foldCodePoint(want);
    return (c) => foldCodePoint(c) === folded;
  }
  const tests = set.items.map((item) => itemTest(item, ignoreCase));
  const member = (c: number) => tests.some((t) => t(c));
  const matches = ignoreCase ? (c: number) => caseOrbit(c).some(member) : member;
  const slow = set.negated ? (c: number) => !matches(c) : matches;
  // ASCII answers worked out once: sets are tested per character in the matcher's hot loop
  const ascii = Uint8Array.from({ length: 128 }, (_, c) => (slow(c) ? 1 : 0));
  return (c) => (c < 128 ? ascii[c] === 1 : slow(c));
}
