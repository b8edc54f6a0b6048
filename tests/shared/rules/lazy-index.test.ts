import { describe, expect, it } from "vitest";
import { checkRegex, compileDirectory, createEngine, type RuleSet } from "../../../shared/rules/index.ts";
import type { Directory, ProfileValue } from "../../../shared/directory/model.ts";
import type { Condition } from "../../../shared/rules/model.ts";
import { aDirectory, aUser } from "../../support/directory.ts";
import { referenceEvaluate } from "../../support/reference-evaluator.ts";
import { aRule, aRuleSet, attr } from "../../support/rules.ts";

/**
 * A high-cardinality column (one value per user, as emails are), with values the sorted
 * index leaves out (Kelvin sign, long s, dotted I, lists) and a few values shared by many.
 */
const SPECIAL: ProfileValue[] = [
  "\u212Aey@example.com",
  "key@example.com",
  "\u017Fam@example-contractors.com",
  "sam@example-contractors.com",
  "\u0130t@example.com",
  "it@example.com",
  "First1.Z@EXAMPLE-VENDORS.COM",
  ["first1.list@example.com", "zzz"],
  ["a", "\u212Aey"],
  "",
  null,
  "caf\u00e9@example.com",
];
const emails: ProfileValue[] = [
  ...Array.from({ length: 400 }, (_, i) => `First${i % 37}.Last${i}@example${["", "-contractors", "-vendors"][i % 3]}.com`),
  ...SPECIAL,
  ...Array.from({ length: 60 }, () => "shared@example.com"),
];
const dir = aDirectory(emails.map((v, i) => aUser({ id: `u${i}`, profile: { mail: v } })));

const ON_MAIL: [string, Condition[]][] = [
  ["anchored prefix", [attr("mail", "matches", "^first1\\d*\\.")]],
  ["anchored suffixes", [attr("mail", "matches", "@(example-contractors|example-vendors)\\.com$")]],
  ["exact suffix, case-sensitive", [attr("mail", "matches", "@example-vendors\\.com$", true)]],
  ["both anchors", [attr("mail", "matches", "^first1\\..*@example\\.com$")]],
  ["Kelvin sign and long s", [attr("mail", "matches", "^key"), attr("mail", "matches", "^sam")]],
  ["dotted I", [attr("mail", "matches", "^\u0130t"), attr("mail", "matches", "^it@")]],
  ["unanchored", [attr("mail", "matches", "last1\\d@")]],
  ["refused pattern", [attr("mail", "matches", "^first1(a+)+")]],
  ["contains", [attr("mail", "contains", "LAST12")]],
  ["startsWith", [attr("mail", "startsWith", "first3.")]],
  ["endsWith", [attr("mail", "endsWith", "@example.com", true)]],
  ["equals", [attr("mail", "equals", "KEY@example.com")]],
  ["notEquals", [attr("mail", "notEquals", "shared@example.com")]],
  ["oneOf", [attr("mail", "oneOf", ["\u212Aey@example.com", "zzz", "a"])]],
  ["lists", [attr("mail", "matches", "^zzz$"), attr("mail", "equals", "a")]],
  ["isSet", [attr("mail", "isSet")]],
];

/** One property per condition, each granting, so every condition's users are visible. */
const ruleSetOf = (conditions: Condition[]): RuleSet =>
  aRuleSet(Object.fromEntries(conditions.map((c, i) => [`p${i}`, [aRule({ conditions: [c] })]])), "evaluate");
const reference = (d: Directory, rs: RuleSet) => referenceEvaluate(d, rs, (s) => checkRegex(s).ok);
const winnersOf = (outcome: { winners: Record<string, Int32Array> }) =>
  Object.fromEntries(Object.entries(outcome.winners).map(([p, w]) => [p, Array.from(w)]));

describe("value indexes built on demand", () => {
  it.each(ON_MAIL)("agree with the reference evaluator before and after prepareIndexes() (%s)", (_, conditions) => {
    const rs = ruleSetOf(conditions);
    const compiled = compileDirectory(dir);
    const engine = createEngine(compiled);
    expect(winnersOf(engine.evaluate(rs))).toEqual(reference(dir, rs));
    expect(compiled.column("mail").index).toBeNull();
    compiled.prepareIndexes();
    expect(compiled.column("mail").index).not.toBeNull();
    expect(winnersOf(createEngine(compiled).evaluate(rs))).toEqual(reference(dir, rs)); // cold cache, indexed
    expect(winnersOf(engine.evaluate(rs))).toEqual(reference(dir, rs)); // bitsets cached before the renumbering
  });

  it.each(ON_MAIL)("keep cached bitsets valid when an edit builds the index (%s)", (_, conditions) => {
    // both evaluations have a condition that could use the index: the second builds it
    const before = ruleSetOf([...conditions, attr("mail", "matches", "^first2")]);
    const after = ruleSetOf([...conditions, attr("mail", "matches", "^first2"), attr("mail", "matches", "@example\\.com$")]);
    const engine = createEngine(dir);
    expect(winnersOf(engine.evaluate(before))).toEqual(reference(dir, before));
    expect(winnersOf(engine.evaluate(after))).toEqual(reference(dir, after));
    expect(engine.compiled.column("mail").index).not.toBeNull();
    expect(winnersOf(engine.evaluate(before))).toEqual(reference(dir, before));
  });

  it("does not build an index during the first evaluation, however many conditions could use it", () => {
    const engine = createEngine(dir);
    engine.evaluate(ruleSetOf(ON_MAIL.flatMap(([, cs]) => cs)));
    expect(engine.compiled.column("mail").index).toBeNull();
  });

  it("builds it in the second evaluation that could use it", () => {
    const engine = createEngine(dir);
    engine.evaluate(ruleSetOf([attr("mail", "matches", "^first1")]));
    engine.evaluate(ruleSetOf([attr("mail", "contains", "first2")])); // could not use it
    expect(engine.compiled.column("mail").index).toBeNull();
    engine.evaluate(ruleSetOf([attr("mail", "matches", "^first2")]));
    expect(engine.compiled.column("mail").index).not.toBeNull();
  });

  it("never builds one on its own with indexAfterEvaluations: Infinity, and still gives the reference answers", () => {
    const engine = createEngine(compileDirectory(dir, { indexAfterEvaluations: Infinity }));
    for (const value of ["^first1", "^first2", "^first1"]) {
      const ruleSet = ruleSetOf([attr("mail", "matches", value)]);
      expect(winnersOf(engine.evaluate(ruleSet))).toEqual(reference(dir, ruleSet));
    }
    expect(engine.compiled.column("mail").index).toBeNull();
  });

  it("indexes only the columns built so far, and leaves indexed ones as they are", () => {
    const compiled = compileDirectory(aDirectory([aUser({ profile: { mail: "a@b.c", title: "x" } })]));
    const mail = compiled.column("mail");
    compiled.prepareIndexes();
    const index = mail.index;
    expect(index).not.toBeNull();
    compiled.column("title");
    compiled.prepareIndexes();
    expect(compiled.column("mail").index).toBe(index);
    expect(compiled.column("title").index).not.toBeNull();
  });
});
