import { describe, expect, it } from "vitest";
import { anchoredLiterals } from "../../../shared/rules/regex/anchored-literals.ts";
import { checkRegex, createEngine } from "../../../shared/rules/index.ts";
import type { ProfileValue } from "../../../shared/directory/model.ts";
import { aDirectory, aUser } from "../../support/directory.ts";
import { referenceEvaluate } from "../../support/reference-evaluator.ts";
import { aRule, aRuleSet, attr } from "../../support/rules.ts";

describe("anchoredLiterals()", () => {
  it.each(
    [
      ["^first1\\d*\\.", { prefixes: ["first1"], suffixes: null, exact: false }],
      ["@example-contractors\\.com$", { prefixes: null, suffixes: ["@example-contractors.com"], exact: true }],
      ["@(example-contractors|example-vendors)\\.com$", {
        prefixes: null,
        suffixes: ["@example-contractors.com", "@example-vendors.com"],
        exact: true,
      }],
      ["^(Senior|staff) ", { prefixes: ["senior ", "staff "], suffixes: null, exact: true }],
      ["^(?:SF|NYC)-\\d{3}$", { prefixes: ["sf-", "nyc-"], suffixes: null, exact: false }],
      ["^abc$", { prefixes: ["abc"], suffixes: ["abc"], exact: false }],
      ["^ab*c", { prefixes: ["a"], suffixes: null, exact: false }],
      ["^ab?", { prefixes: ["a"], suffixes: null, exact: false }],
      ["^ab{2}", { prefixes: ["a"], suffixes: null, exact: false }],
      ["^(a|b)?c", { prefixes: null, suffixes: null, exact: false }],
      ["engineer( iii| ii)?$", { prefixes: null, suffixes: null, exact: false }],
      ["x\\.y$", { prefixes: null, suffixes: ["x.y"], exact: true }],
      ["\\d\\.com$", { prefixes: null, suffixes: [".com"], exact: false }],
      ["\\u0041bc$", { prefixes: null, suffixes: ["bc"], exact: false }],
      ["\\x41bc$", { prefixes: null, suffixes: ["bc"], exact: false }],
      ["\\u{41}bc$", { prefixes: null, suffixes: ["bc"], exact: false }],
      ["\\p{L}bc$", { prefixes: null, suffixes: ["bc"], exact: false }],
      ["[a-z]bc$", { prefixes: null, suffixes: ["bc"], exact: false }],
      ["^a.c", { prefixes: ["a"], suffixes: null, exact: false }],
      ["^a|b$", { prefixes: null, suffixes: null, exact: false }],
      ["^(a|b)|c", { prefixes: null, suffixes: null, exact: false }],
      ["^(?<n>a)b", { prefixes: null, suffixes: null, exact: false }],
      ["^(a(b|c))", { prefixes: null, suffixes: null, exact: false }],
      ["^caf\u00e9", { prefixes: ["caf"], suffixes: null, exact: false }],
      ["^\u212Aey", { prefixes: null, suffixes: null, exact: false }],
      ["^$", { prefixes: null, suffixes: null, exact: false }],
      ["abc", { prefixes: null, suffixes: null, exact: false }],
      ["a\\$", { prefixes: null, suffixes: null, exact: false }],
      ["^(|a)b", { prefixes: ["b", "ab"], suffixes: null, exact: true }],
    ] as const,
  )("reads %j as %j", (source, expected) => {
    expect(anchoredLiterals(source)).toEqual(expected);
  });

  it("gives up past 32 alternatives rather than listing them all", () => {
    const many = Array.from({ length: 6 }, (_, i) => `(a${i}|b${i})`).join("");
    const { prefixes } = anchoredLiterals(`^${many}`);
    expect(prefixes).toHaveLength(32); // five groups of two: the sixth would make 64
  });
});

/**
 * Columns with many values are searched through sorted indexes; values that are not
 * plain ASCII (Kelvin sign, long s, dotted I) or lists are always tested with the regex.
 */
const VALUES: ProfileValue[] = [
  "first1.last2@example.com",
  "First12.x@Example-Contractors.com",
  "first2.y@example-vendors.com",
  "FIRST1.z@EXAMPLE-VENDORS.COM",
  "first1x.q@example.com",
  "\u212Aey@example.com",
  "key@example.com",
  "\u017Fam@example-contractors.com",
  "\u0130t@example.com",
  "senior engineer",
  "Staff Engineer III",
  "staff",
  "st",
  "sf-123",
  "NYC-999",
  "nyc-12",
  "caf\u00e9",
  "cafe",
  ["first1.list@example.com", "zzz"],
  ["a", "\u212Aey"],
  "",
  null,
  "@example-contractors.com",
  "x.com",
  "X.COM",
  "a.b.c",
  "b",
  "ab",
  "aab",
  "first1",
  "first1.",
];
const PATTERNS = [
  "^first1\\d*\\.",
  "@example-contractors\\.com$",
  "@(example-contractors|example-vendors)\\.com$",
  "^(senior|staff) ",
  "^(?:SF|NYC)-\\d{3}$",
  "^key",
  "^k",
  "ey@example\\.com$",
  "^\u017Fam",
  "^sam",
  "^it@",
  "^\u0130t",
  "^caf",
  "\\.com$",
  "^(|a)b",
  "^ab*",
  "^first1$",
  "^FIRST1\\.",
  "^(a|b)",
  "@example\\.com$",
  "x\\.com$",
  "^st(aff)?$",
  "^b$",
  // refused (unsafe, invalid): pass for nobody, whatever their literals
  "^first1(a+)+",
  "@example(\\.com$",
];

describe("matches through the sorted column indexes", () => {
  // the same values held by one user each (many distinct values) and repeated (few)
  const sparse = aDirectory(VALUES.map((v, i) => aUser({ id: `u${i}`, profile: { email2: v } })));
  const dense = aDirectory(
    Array.from({ length: VALUES.length * 20 }, (_, i) => aUser({ id: `u${i}`, profile: { email2: VALUES[i % VALUES.length] } })),
  );
  // many values, a few of them held by several users each (their own bitsets)
  const fillers: ProfileValue[] = Array.from({ length: 300 }, (_, i) => `filler${i}@Example.com`);
  const mixed = aDirectory(
    [...VALUES, ...VALUES, ...VALUES, ...VALUES, ...fillers].map((v, i) => aUser({ id: `u${i}`, profile: { email2: v } })),
  );
  const directories = { "many values": sparse, "few values": dense, "many values, some shared": mixed };
  const names = Object.keys(directories) as (keyof typeof directories)[];
  const cases = PATTERNS.flatMap((p) => [false, true].flatMap((cs) => names.map((d) => [d, p, cs] as const)));

  it.each(cases)("agree with the reference evaluator (%s): %j, caseSensitive %s", (name, pattern, cs) => {
    const dir = directories[name];
    const ruleSet = aRuleSet({ p: [aRule({ conditions: [attr("email2", "matches", pattern, cs)] })] });
    const winners = Array.from(createEngine(dir).evaluate(ruleSet).winners.p);
    expect(winners).toEqual(referenceEvaluate(dir, ruleSet, (s) => checkRegex(s).ok).p);
  });
});
