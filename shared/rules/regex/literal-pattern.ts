/**
 * Literal patterns: a `matches` pattern that is only ASCII text (optionally one group of
 * literal alternatives, and anchors) runs as plain string tests instead of the regex, which
 * matters when a column has 100,000 distinct values (emails). Results are identical to the
 * regex's: case-insensitively a value's folded copy (text/case-fold.ts) holds a literal
 * exactly where the pattern matches, since the pattern's case folding is the same one.
 */
import { foldCase } from "../text/case-fold.ts";

type ElementTest = (raw: string, folded: string) => boolean;

export interface LiteralPattern {
  /** ^lit$ → equals, ^lit → startsWith, lit$ → endsWith, lit → contains */
  op: "equals" | "startsWith" | "endsWith" | "contains";
  /** the pattern passes if any of these passes (case-folded unless case-sensitive) */
  literals: string[];
}

const SYNTAX = "^$\\.*+?()[]{}|/";
const MAX_LITERALS = 32;

/** The literal text of `body` (escaped syntax characters allowed), or null. */
function literalText(body: string): string | null {
  let text = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\" && i + 1 < body.length && SYNTAX.includes(body[i + 1])) text += body[++i];
    else if (SYNTAX.includes(c) || c > "\x7e" || c < " ") return null;
    else text += c;
  }
  return text;
}

/**
 * A pattern that is only ASCII literal text, optionally with one group of literal
 * alternatives and anchors (`^`, `$`), e.g. `@(example|example-contractors)\.com$`, is a few
 * plain string tests: much cheaper than running the regex over 100,000 values.
 */
export function literalPattern(source: string, caseSensitive: boolean): LiteralPattern | null {
  const start = source.startsWith("^");
  const end = source.endsWith("$") && /(^|[^\\])(\\\\)*\$$/.test(source); // not an escaped "\$"
  const body = source.slice(start ? 1 : 0, end ? -1 : undefined);
  const group = /^(.*?)\((?:\?:)?([^()]*)\)(.*)$/s.exec(body);
  const [before, alternatives, after] = group ? [group[1], group[2].split("|"), group[3]] : ["", [""], body];
  const parts = [before, after, ...alternatives].map(literalText);
  if (parts.some((p) => p === null) || alternatives.length > MAX_LITERALS) return null;
  const [head, tail, ...alts] = parts as string[];
  const literals = alts.map((alt) => head + alt + tail).map((l) => (caseSensitive ? l : foldCase(l)));
  const op = start && end ? "equals" : start ? "startsWith" : end ? "endsWith" : "contains";
  return { op, literals };
}

const LITERAL_TESTS: Readonly<Record<LiteralPattern["op"], (a: string, b: string) => boolean>> = {
  equals: (a, b) => a === b,
  startsWith: (a, b) => a.startsWith(b),
  endsWith: (a, b) => a.endsWith(b),
  contains: (a, b) => a.includes(b),
};

/** A literal pattern as string tests, on the raw value or (case-insensitively) its folded copy. */
export function literalTest(pattern: LiteralPattern, caseSensitive: boolean): ElementTest {
  const test = LITERAL_TESTS[pattern.op];
  const { literals } = pattern;
  const any = (s: string) => {
    for (let i = 0; i < literals.length; i++) if (test(s, literals[i])) return true;
    return false;
  };
  return caseSensitive ? (raw) => any(raw) : (_raw, folded) => any(folded);
}
