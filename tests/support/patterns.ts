/**
 * fast-check generators for `matches` patterns: any shape of JavaScript `u`-mode syntax over
 * a small alphabet of characters case folding treats specially (for comparing the matcher
 * with RegExp), and the shapes that make backtracking engines take exponential or high
 * polynomial time (for the matcher's step budget).
 */
import fc from "fast-check";

/** Characters patterns and inputs are made of: ASCII, case-folding specials, line terminators, an astral one. */
export const ALPHABET = [
  "a",
  "b",
  "A",
  "k",
  "K",
  "s",
  "S",
  "i",
  "I",
  "_",
  "1",
  " ",
  "-",
  ".",
  "\n",
  "\u2028",
  "\u017f",
  "\u212a",
  "\u03c3",
  "\u03a3",
  "\u03c2",
  "\u00df",
  "\u1e9e",
  "\u0130",
  "\u0131",
  "\u00e9",
  "\u{1f600}",
];

const escaped = (ch: string) => ("^$\\.*+?()[]{}|/-".includes(ch) ? `\\${ch}` : ch === "\n" ? "\\n" : ch);

const literal = fc.constantFrom(...ALPHABET).map(escaped);
const classItem = fc.oneof(
  literal,
  fc.constantFrom(
    "a-z",
    "A-Z",
    "0-9",
    "\\u03c3-\\u03c9",
    "\\d",
    "\\w",
    "\\W",
    "\\s",
    "\\S",
    "\\p{L}",
    "\\p{Lu}",
    "\\P{Ll}",
    "\\b",
    "\\u{1f600}",
    "\\x41",
  ),
);
const charClass = fc.tuple(fc.boolean(), fc.array(classItem, { maxLength: 3 })).map(([negated, items]) =>
  `[${negated ? "^" : ""}${items.join("")}]`
);
const atom = fc.oneof(
  { weight: 4, arbitrary: literal },
  {
    weight: 2,
    arbitrary: fc.constantFrom(".", "\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "\\p{L}", "\\p{Script=Greek}", "\\u{1f600}", "\\u0041"),
  },
  { weight: 2, arbitrary: charClass },
);
const assertion = fc.constantFrom("^", "$", "\\b", "\\B");
const quantifier = fc.constantFrom("*", "+", "?", "{2}", "{0,2}", "{1,}", "*?", "+?", "??", "{1,3}?");

/** Any pattern of the grammar (some the RegExp constructor refuses: callers check). */
export const pattern: fc.Arbitrary<string> = fc.letrec<{ alt: string; seq: string; term: string }>((tie) => ({
  alt: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("seq"),
    fc.array(tie("seq"), { minLength: 2, maxLength: 3 }).map((xs) => xs.join("|")),
  ),
  seq: fc.array(tie("term"), { maxLength: 4 }).map((xs) => xs.join("")),
  term: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 5, arbitrary: atom },
    { weight: 1, arbitrary: assertion },
    { weight: 3, arbitrary: fc.tuple(atom, quantifier).map(([a, q]) => a + q) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom("(", "(?:"), tie("alt"), fc.option(quantifier)).map(([open, inner, q]) =>
        `${open}${inner})${q ?? ""}`
      ),
    },
  ),
})).alt;

/** An input of up to `maxLength` characters from the alphabet. */
export const input = (maxLength: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...ALPHABET), { maxLength }).map((cs) => cs.join(""));

const small = fc.constantFrom(".", "a", "\\w", "[a-z]", "\\d", "(?:a|a)", "(?:a|ab)", "\\s", "[^x]");
const n = fc.integer({ min: 5, max: 40 });

/**
 * Shapes that make backtracking engines explode: chains of optionals (the `.?.?.?…#` that
 * froze the edge), nested and adjacent quantifiers, alternation under repetition, and
 * bounded repeats stacked up, and windows whose DFA is exponential; each at most 200
 * characters, the pattern length limit.
 */
export const hostilePattern: fc.Arbitrary<string> = fc
  .oneof(
    fc.tuple(small, n).map(([a, k]) => `${`${a}?`.repeat(k)}#`),
    fc.tuple(small, n).map(([a, k]) => `${`${a}?`.repeat(k)}${a.repeat(k)}$`),
    fc.tuple(small, fc.constantFrom("*", "+", "{1,9}")).map(([a, q]) => `^(${a}${q})${q}$`),
    fc.tuple(small, fc.constantFrom("*", "+", "{2,}")).map(([a, q]) => `^(${a}|${a}${a})${q}b$`),
    fc.tuple(small, n).map(([a, k]) => `${`${a}*`.repeat(Math.min(k, 12))}!`),
    fc.tuple(small, fc.integer({ min: 2, max: 6 })).map(([a, k]) => `${`${a}{0,30}`.repeat(k)}@`),
    fc.tuple(small, small, n).map(([a, b, k]) => `(${a}|${b}|${a}${b})?`.repeat(Math.ceil(k / 4)) + "x"),
    fc.tuple(small, fc.integer({ min: 1, max: 6 })).map(([a, k]) => `${"(".repeat(k)}${a}?${")*".repeat(k)}z`),
    fc.tuple(small, n).map(([a, k]) => `a${a}{${k}}$`), // an exponential DFA: the k-th character from the end
  )
  .filter((p) => p.length <= 200);
