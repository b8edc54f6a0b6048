import { describe, expect, it } from "vitest";
import { checkRegex, LIMITS, MAX_UNBOUNDED } from "../../../shared/rules/index.ts";
import { MAX_STATES } from "../../../shared/rules/regex/index.ts";
import { parsePattern } from "../../../shared/rules/regex/syntax.ts";
import { requiredText } from "../../../shared/rules/regex/required-text.ts";
import { literalPattern } from "../../../shared/rules/regex/literal-pattern.ts";
import { testProfileValue } from "../../../shared/rules/conditions/attribute.ts";
import { attr } from "../../support/rules.ts";

describe("checkRegex()", () => {
  it.each([
    "^eng",
    "ing$",
    "^(eng|sales)$",
    "^[A-Z]{2}-\\d+$",
    "@contractor\\.example\\.com$",
    "^(?:SF|NYC|LON)-\\d{3}$",
    "(?<site>HQ|LAB)",
    "[(+*)]+",
    "\\p{L}+",
    "a{2,5}b",
    "(ab)+",
    "(a|b)?",
    ".*foo.*bar",
    "^\\w+\\.\\w+@example\\.com$",
  ])("accepts %s", (source) => {
    const checked = checkRegex(source);
    expect(checked.ok, checked.ok ? "" : checked.error.message).toBe(true);
  });

  it.each(
    [
      ["(a+)+", "regex-unsafe", "nested quantifier"],
      ["(a*)*", "regex-unsafe", "nested quantifier"],
      ["(a+)*b", "regex-unsafe", "nested quantifier"],
      ["((ab)+)+", "regex-unsafe", "nested quantifier"],
      ["(?:\\d+)?x", "regex-unsafe", "nested quantifier"],
      ["(\\w+\\s?)+$", "regex-unsafe", "nested quantifier"],
      ["(a|a)*", "regex-unsafe", "alternation"],
      ["(a|ab)+c", "regex-unsafe", "alternation"],
      ["(?:x|y){2,}", "regex-unsafe", "alternation"],
      ["((a|b)c)*", "regex-unsafe", "alternation"],
      ["(a)\\1", "regex-unsafe", "backreferences"],
      ["(?<x>a)\\k<x>", "regex-unsafe", "backreferences"],
      ["(?=a)a", "regex-unsafe", "lookaround"],
      ["(?<!a)b", "regex-unsafe", "lookaround"],
      ["a*b*c*d*", "regex-unsafe", "unbounded quantifiers"],
      ["(unclosed", "regex-invalid", "not a valid"],
      ["[z-a]", "regex-invalid", "not a valid"],
      ["a{2}{3}", "regex-invalid", "not a valid"],
      ["x".repeat(LIMITS.regexLength + 1), "regex-too-long", "limit"],
    ] as const,
  )("refuses %s (%s)", (source, code, reason) => {
    const checked = checkRegex(source);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.error.code).toBe(code);
      expect(checked.error.message).toContain(reason);
    }
  });

  it(`allows at most ${MAX_UNBOUNDED} unbounded quantifiers`, () => {
    expect(checkRegex("a*".repeat(MAX_UNBOUNDED)).ok).toBe(true);
    expect(checkRegex("a*".repeat(MAX_UNBOUNDED + 1)).ok).toBe(false);
  });

  it("compiles case-insensitive unless asked to be case-sensitive", () => {
    const loose = checkRegex("^eng");
    const strict = checkRegex("^eng", true);
    expect(loose.ok && loose.value.test("ENGINEERING")).toBe(true);
    expect(strict.ok && strict.value.test("ENGINEERING")).toBe(false);
  });
});

describe("matches on literal patterns (string fast path)", () => {
  const patterns = [
    "^eng",
    "ring$",
    "^abc$",
    "@example\\.com$",
    "a\\.b",
    "^K",
    "x\\$",
    "x\\\\$",
    "ok",
    "^ENG",
    "Mark",
    "this",
    "^is",
    "$",
    "^",
    "@(example|example-contractors)\\.com$",
    "^(?:SF|NYC)-",
    "^(this|that)$",
    "(a|)b",
  ];
  const values = [
    "Engineering",
    "eng",
    "abc",
    "ABC",
    "a@example.com",
    "a@EXAMPLE.COM",
    "b@example-Contractors.com",
    "a.b",
    "axb",
    "\u212Aelvin",
    "Kilo",
    "x$",
    "x\\",
    "\u017Fok",
    "\u0130ok",
    "THIS",
    "thi\u017F",
    "\u0130s",
    "Mar\u212A",
    "sf-1",
    "NYC-2",
    "That",
    "b",
  ];
  const cases = patterns.flatMap((p) => values.flatMap((v) => [true, false].map((cs) => [p, v, cs] as const)));

  it.each(cases)("agrees with the RegExp: %j on %j (caseSensitive %s)", (pattern, value, cs) => {
    const expected = new RegExp(pattern, cs ? "u" : "iu").test(value);
    expect(testProfileValue(attr("x", "matches", pattern, cs), value)).toBe(expected);
  });

  it.each(
    [
      ["^eng", false, { op: "startsWith", literals: ["eng"] }],
      ["ring$", true, { op: "endsWith", literals: ["ring"] }],
      ["^a\\.b$", false, { op: "equals", literals: ["a.b"] }],
      ["ok", false, { op: "contains", literals: ["ok"] }],
      ["^This", false, { op: "startsWith", literals: ["this"] }],
      ["^This", true, { op: "startsWith", literals: ["This"] }],
      ["x\\$", true, { op: "contains", literals: ["x$"] }],
      ["@(example|other)\\.com$", false, { op: "endsWith", literals: ["@example.com", "@other.com"] }],
      ["^(?:SF|NYC)-", true, { op: "startsWith", literals: ["SF-", "NYC-"] }],
      ["a.b", true, null],
      ["a|b", true, null],
      ["(a|b)+", true, null],
      ["(a|b)c(d|e)", true, null],
      ["(?<n>a|b)", true, null],
      ["\\d", true, null],
      ["caf\u00e9", true, null],
    ] as const,
  )("sees %j (caseSensitive %s) as %j", (pattern, cs, expected) => {
    expect(literalPattern(pattern, cs)).toEqual(expected);
  });
});

describe("checkRegex() and the linear-time matcher", () => {
  it("accepts the chain of optionals that froze the edge, and runs it without backtracking", () => {
    const source = `${".?".repeat(20)}#`;
    expect(source).toHaveLength(41);
    const checked = checkRegex(source);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const before = checked.value.steps;
    expect(checked.value.test("a".repeat(400))).toBe(false);
    expect(checked.value.test(`${"a".repeat(400)}#`)).toBe(true);
    expect(checked.value.steps - before).toBeLessThan(10_000); // a backtracking engine takes about 2^20 per start
  });

  it(`refuses a pattern needing more than ${MAX_STATES} automaton states`, () => {
    const checked = checkRegex(`^x{${MAX_STATES + 1}}$`);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.error.code).toBe("regex-unsafe");
      expect(checked.error.message).toContain(`more than ${MAX_STATES} states`);
    }
    expect(checkRegex(`^x{${MAX_STATES - 10}}$`).ok).toBe(true);
  });

  it("returns a matcher, never a native RegExp", () => {
    const checked = checkRegex("^eng");
    expect(checked.ok && checked.value instanceof RegExp).toBe(false);
  });
});

describe("requiredText()", () => {
  it.each(
    [
      ["engineer( iii| ii)?$", true, "engineer"],
      ["\\d{3}@", true, "@"],
      ["ENGINEER( iii)?", false, "engineer"],
      ["ENGINEER( iii)?", true, "ENGINEER"],
      ["ab?cd", true, "cd"],
      ["a(?:bc)d", true, "abcd"],
      ["\u212aelvin\\d", false, "kelvin"],
      ["a|b", true, null],
      ["a*", true, null],
      ["[ab]x", true, "x"],
    ] as const,
  )("of %j (caseSensitive %s) is %j", (source, cs, expected) => {
    expect(requiredText(parsePattern(source), !cs)).toBe(expected);
  });
});
