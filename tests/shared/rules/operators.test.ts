import { describe, expect, it } from "vitest";
import { type Condition, evaluate, explain, NO_MATCH } from "../../../shared/rules/index.ts";
import type { ProfileValue } from "../../../shared/directory/model.ts";
import { aDirectory, aUser } from "../../support/directory.ts";
import { aRule, aRuleSet, attr, HQ } from "../../support/rules.ts";

/** Whether a one-condition rule matches a user whose `key` profile value is `value`. */
function passes(condition: Condition, key: string, value: ProfileValue | undefined): boolean {
  const user = aUser({ profile: value === undefined ? {} : { [key]: value } });
  const ruleSet = aRuleSet({ [HQ]: [aRule({ conditions: [condition] })] });
  const directory = aDirectory([user]);
  const winner = evaluate(directory, ruleSet).winners[HQ][0];
  expect([0, NO_MATCH]).toContain(winner);
  // explain walks the conditions the slow way: it must agree
  expect(explain(directory, ruleSet, user.id, HQ).rules[0].conditions[0].passed).toBe(winner === 0);
  return winner === 0;
}

type Row = [string, Condition, ProfileValue | undefined, boolean];

const D = "department";
const rows: Row[] = [
  // equals
  ["equals: same value", attr(D, "equals", "Engineering"), "Engineering", true],
  ["equals: case-insensitive by default", attr(D, "equals", "engineering"), "ENGINEERING", true],
  ["equals: caseSensitive refuses other case", attr(D, "equals", "engineering", true), "Engineering", false],
  ["equals: caseSensitive accepts same case", attr(D, "equals", "Engineering", true), "Engineering", true],
  ["equals: different value", attr(D, "equals", "Engineering"), "Sales", false],
  ["equals: no trimming", attr(D, "equals", "Engineering"), " Engineering", false],
  ["equals: unset (missing key) fails", attr(D, "equals", "Engineering"), undefined, false],
  ["equals: unset (null) fails", attr(D, "equals", "Engineering"), null, false],
  ["equals: empty string is unset", attr(D, "equals", ""), "", false],
  ["equals: array passes if any element equals", attr(D, "equals", "b"), ["a", "B"], true],
  ["equals: array fails if no element equals", attr(D, "equals", "c"), ["a", "b"], false],
  ["equals: empty array is unset", attr(D, "equals", "a"), [], false],
  // notEquals
  ["notEquals: different value passes", attr(D, "notEquals", "Sales"), "Engineering", true],
  ["notEquals: same value (other case) fails", attr(D, "notEquals", "sales"), "SALES", false],
  ["notEquals: caseSensitive, other case passes", attr(D, "notEquals", "sales", true), "SALES", true],
  ["notEquals: unset passes (it is not equal)", attr(D, "notEquals", "Sales"), undefined, true],
  ["notEquals: null passes", attr(D, "notEquals", "Sales"), null, true],
  ["notEquals: array passes if no element equals", attr(D, "notEquals", "c"), ["a", "b"], true],
  ["notEquals: array fails if one element equals", attr(D, "notEquals", "b"), ["a", "b"], false],
  // contains / startsWith / endsWith
  ["contains: substring", attr(D, "contains", "gin"), "Engineering", true],
  ["contains: case-insensitive", attr(D, "contains", "GIN"), "Engineering", true],
  ["contains: caseSensitive", attr(D, "contains", "GIN", true), "Engineering", false],
  ["contains: absent substring", attr(D, "contains", "xyz"), "Engineering", false],
  ["contains: unset fails", attr(D, "contains", "x"), undefined, false],
  ["contains: array element", attr(D, "contains", "ale"), ["Eng", "Sales"], true],
  ["startsWith: prefix", attr(D, "startsWith", "eng"), "Engineering", true],
  ["startsWith: not a prefix", attr(D, "startsWith", "ing"), "Engineering", false],
  ["startsWith: caseSensitive", attr(D, "startsWith", "eng", true), "Engineering", false],
  ["startsWith: unset fails", attr(D, "startsWith", "e"), null, false],
  ["endsWith: suffix", attr(D, "endsWith", "ING"), "Engineering", true],
  ["endsWith: not a suffix", attr(D, "endsWith", "eng"), "Engineering", false],
  ["endsWith: array element", attr(D, "endsWith", "es"), ["Eng", "Sales"], true],
  // oneOf
  ["oneOf: listed", attr(D, "oneOf", ["Sales", "Engineering"]), "engineering", true],
  ["oneOf: not listed", attr(D, "oneOf", ["Sales", "Marketing"]), "Engineering", false],
  ["oneOf: caseSensitive", attr(D, "oneOf", ["engineering"], true), "Engineering", false],
  ["oneOf: unset fails", attr(D, "oneOf", ["Sales"]), undefined, false],
  ["oneOf: array with a listed element", attr(D, "oneOf", ["x", "b"]), ["a", "b"], true],
  // matches
  ["matches: unanchored search", attr(D, "matches", "neer"), "Engineering", true],
  ["matches: anchored", attr(D, "matches", "^eng.*ing$"), "Engineering", true],
  ["matches: case-insensitive by default", attr(D, "matches", "^ENG"), "engineering", true],
  ["matches: caseSensitive", attr(D, "matches", "^ENG", true), "engineering", false],
  ["matches: no match", attr(D, "matches", "^Sales$"), "Engineering", false],
  ["matches: unset fails", attr(D, "matches", ".*"), undefined, false],
  ["matches: array element", attr(D, "matches", "^b$"), ["a", "b"], true],
  ["matches: unsafe pattern fails closed", attr(D, "matches", "(a+)+$"), "aaaa", false],
  ["matches: invalid pattern fails closed", attr(D, "matches", "(unclosed"), "(unclosed", false],
  // isSet / isNotSet
  ["isSet: a value", attr(D, "isSet"), "x", true],
  ["isSet: whitespace counts as set", attr(D, "isSet"), " ", true],
  ["isSet: empty string is unset", attr(D, "isSet"), "", false],
  ["isSet: null is unset", attr(D, "isSet"), null, false],
  ["isSet: missing key is unset", attr(D, "isSet"), undefined, false],
  ["isSet: non-empty array", attr(D, "isSet"), ["a"], true],
  ["isSet: empty array is unset", attr(D, "isSet"), [], false],
  ["isNotSet: missing key", attr(D, "isNotSet"), undefined, true],
  ["isNotSet: empty string", attr(D, "isNotSet"), "", true],
  ["isNotSet: a value", attr(D, "isNotSet"), "x", false],
  ["isNotSet: empty array", attr(D, "isNotSet"), [], true],
  ["isNotSet: non-empty array", attr(D, "isNotSet"), ["a"], false],
];

describe("attribute operators", () => {
  it.each(rows)("%s", (_name, condition, value, expected) => {
    expect(passes(condition, D, value)).toBe(expected);
  });

  it.each(
    [
      ["a custom key", "badgeTier", "gold", true],
      ["a key named like an Object.prototype member, when absent", "constructor", undefined, false],
      ["a key named like an Object.prototype member, when present", "constructor", "gold", true],
      ["toString, when absent", "toString", undefined, false],
    ] as const,
  )("reads %s from the profile", (_name, key, value, expected) => {
    expect(passes(attr(key, "equals", "gold"), key, value)).toBe(expected);
    expect(passes(attr(key, "isSet"), key, value)).toBe(expected);
  });
});

describe("case-insensitive comparison (Unicode simple case folding)", () => {
  it.each<Row>([
    ["contains Σ: matches a final capital sigma", attr(D, "contains", "\u03a3"), "\u0391\u03a3", true],
    ["contains Σ: matches a final small sigma", attr(D, "contains", "\u03a3"), "\u03b1\u03c2", true],
    ["equals σ: matches ς", attr(D, "equals", "\u03c3"), "\u03c2", true],
    ["endsWith ς: matches Σ", attr(D, "endsWith", "\u03c2"), "\u0391\u03a3", true],
    ["caseSensitive contains Σ: not ς", attr(D, "contains", "\u03a3", true), "\u03b1\u03c2", false],
    ["equals ß: matches ẞ", attr(D, "equals", "\u00df"), "\u1e9e", true],
    ["equals straße: not STRASSE (no full folding)", attr(D, "equals", "stra\u00dfe"), "STRASSE", false],
    ["equals istanbul: not İstanbul (İ does not fold to i)", attr(D, "equals", "istanbul"), "\u0130stanbul", false],
    ["equals ı: not I (ı does not fold)", attr(D, "equals", "\u0131"), "I", false],
    ["equals i: I", attr(D, "equals", "i"), "I", true],
    ["startsWith kelvin: the Kelvin sign folds to k", attr(D, "startsWith", "kelvin"), "\u212aelvin", true],
    ["oneOf: long s folds to s", attr(D, "oneOf", ["sales", "ops"]), "\u017fales", true],
    ["matches σ$: a final capital sigma", attr(D, "matches", "\u03c3$"), "\u0391\u03a3", true],
    ["matches ^k: the Kelvin sign", attr(D, "matches", "^k"), "\u212aey", true],
    ["matches ^I: not ı", attr(D, "matches", "^I"), "\u0131t", false],
  ])("%s", (_name, condition, value, expected) => {
    expect(passes(condition, D, value)).toBe(expected);
  });
});
