/**
 * Anchored literals of a `matches` pattern: text every match must start or end with, e.g.
 * `^first1\d*\.` starts with "first1", `@(example|example-vendors)\.com$` ends with
 * "@example.com" or "@example-vendors.com". A column's sorted indexes (engine/value-index.ts) then
 * find the few values worth running the regex on, instead of all 100,000 emails.
 *
 * Only what is certain is reported: plain ASCII characters and groups of plain ASCII
 * alternatives, neither quantified, read from an anchor inward; anything else (classes,
 * escapes like `\d`, `.`, quantifiers) ends the walk, and a top-level `|` means nothing is
 * known. Literals are case-folded (text/case-fold.ts), as the values they are looked up
 * among are (engine/value-index.ts; values that are not ASCII are always tested).
 */
import { foldCase } from "../text/case-fold.ts";

export interface AnchoredLiterals {
  /** every match starts with one of these (case-folded), or null when nothing is known */
  prefixes: string[] | null;
  /** every match ends with one of these (case-folded), or null when nothing is known */
  suffixes: string[] | null;
  /**
   * The pattern is nothing but its prefixes (`^lit`) or its suffixes (`lit$`), the other side
   * being null: an ASCII value matches case-insensitively exactly when its folded copy starts
   * (ends) with one of them.
   */
  exact: boolean;
}

type Token = { kind: "text"; alternatives: string[] } | { kind: "start" | "end" | "other" };

const SYNTAX = "^$\\.*+?()[]{}|/";
const MAX_ALTERNATIVES = 32;
const OTHER: Token = { kind: "other" };
const NOTHING: AnchoredLiterals = { prefixes: null, suffixes: null, exact: false };

const isPlain = (c: string): boolean => c >= " " && c <= "\x7e" && !SYNTAX.includes(c);
const isQuantifier = (c: string | undefined): boolean => c === "*" || c === "+" || c === "?" || c === "{";

/** End (exclusive) of the escape at `i`: `\u{…}`, `\p{…}`, `\k<…>`, `\uXXXX`, `\xXX`, `\cX`, `\12`, or two characters. */
function escapeEnd(source: string, i: number): number {
  const next = source[i + 1];
  if (next === "k" && source[i + 2] === "<") return source.indexOf(">", i) + 1 || source.length;
  if (next >= "0" && next <= "9") {
    let j = i + 2;
    while (source[j] >= "0" && source[j] <= "9") j++;
    return j;
  }
  if ((next === "u" || next === "p" || next === "P") && source[i + 2] === "{") return source.indexOf("}", i) + 1 || source.length;
  if (next === "u") return i + 6;
  if (next === "x") return i + 4;
  if (next === "c") return i + 3;
  return i + 2;
}

/** End (exclusive) of the class `[…]` at `i`. */
function classEnd(source: string, i: number): number {
  let j = i + 1;
  while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
  return j + 1;
}

/** End (exclusive) of the group `(…)` at `i`. */
function groupEnd(source: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < source.length) {
    const c = source[j];
    if (c === "\\") j = escapeEnd(source, j);
    else if (c === "[") j = classEnd(source, j);
    else {
      if (c === "(") depth++;
      if (c === ")" && --depth === 0) return j + 1;
      j++;
    }
  }
  return source.length;
}

/** The literal text of `body` (escaped syntax characters allowed), or null. */
function plainText(body: string): string | null {
  let text = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\" && i + 1 < body.length && SYNTAX.includes(body[i + 1])) text += body[++i];
    else if (isPlain(c)) text += c;
    else return null;
  }
  return text;
}

/** `(a|b)` or `(?:a|b)` of plain alternatives, else OTHER. */
function groupToken(inner: string): Token {
  const body = inner.startsWith("?:") ? inner.slice(2) : inner;
  if (body.startsWith("?")) return OTHER; // named groups, lookaround
  const alternatives = body.split("|").map(plainText);
  if (alternatives.some((a) => a === null) || alternatives.length > MAX_ALTERNATIVES) return OTHER;
  return { kind: "text", alternatives: alternatives as string[] };
}

/** The pattern's top-level terms; null when it has a top-level `|`. */
function tokens(source: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    let token: Token = OTHER;
    let end = i + 1;
    if (c === "|") return null;
    if (c === "\\") {
      end = escapeEnd(source, i);
      const next = source[i + 1];
      if (end === i + 2 && next !== undefined && SYNTAX.includes(next)) token = { kind: "text", alternatives: [next] };
    } else if (c === "[") end = classEnd(source, i);
    else if (c === "(") {
      end = groupEnd(source, i);
      token = groupToken(source.slice(i + 1, end - 1));
    } else if (c === "^" && i === 0) token = { kind: "start" };
    else if (c === "$" && i === source.length - 1) token = { kind: "end" };
    else if (isPlain(c)) token = { kind: "text", alternatives: [c] };
    if (isQuantifier(source[end])) {
      token = OTHER; // quantified: may repeat or be absent
      end = source[end] === "{" ? source.indexOf("}", end) + 1 || source.length : end + 1;
      if (source[end] === "?") end++; // lazy
    }
    out.push(token);
    i = end;
  }
  return out;
}

/**
 * Texts the terms read from the anchor inward spell (`prepend` when walking back from `$`),
 * and whether they were all read.
 */
function spell(terms: Token[], prepend: boolean): { texts: string[] | null; all: boolean } {
  let texts = [""];
  let read = 0;
  for (const t of terms) {
    if (t.kind !== "text" || texts.length * t.alternatives.length > MAX_ALTERNATIVES) break;
    texts = texts.flatMap((s) => t.alternatives.map((a) => (prepend ? a + s : s + a)));
    read++;
  }
  const all = read === terms.length;
  return { texts: texts.every((s) => s === "") ? null : texts.map(foldCase), all };
}

export function anchoredLiterals(source: string): AnchoredLiterals {
  const terms = tokens(source);
  if (terms === null || terms.length === 0) return NOTHING;
  const start = terms[0].kind === "start" ? spell(terms.slice(1), false) : { texts: null, all: false };
  const end = terms[terms.length - 1].kind === "end" ? spell(terms.slice(0, -1).reverse(), true) : { texts: null, all: false };
  const exact = (start.texts !== null && start.all) || (end.texts !== null && end.all);
  return { prefixes: start.texts, suffixes: end.texts, exact };
}
