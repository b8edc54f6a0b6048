import { describe, expect, it } from "vitest";
import { createEngine, evaluate, NO_MATCH, type Rule, type RuleSet, SKIPPED } from "../../../shared/rules/index.ts";
import { aDirectory, aUser } from "../../support/directory.ts";
import { aRule, aRuleSet, attr, HQ, inGroups, LAB } from "../../support/rules.ts";

/** 70 users (three bitset words, the last partial): every third in g-a, every fifth in g-b. */
const users = Array.from({ length: 70 }, (_, i) =>
  aUser({
    id: `u${i}`,
    email: i % 11 === 0 ? null : `u${i}@example.com`,
    groupIds: [...(i % 3 === 0 ? ["g-a"] : []), ...(i % 5 === 0 ? ["g-b"] : [])],
    profile: { department: ["Eng", "Sales", "Ops"][i % 3], tier: i % 2 === 0 ? "gold" : null },
  }));
const directory = aDirectory(users);

const base = (): RuleSet =>
  aRuleSet({
    [HQ]: [
      aRule({ id: "a", conditions: [inGroups("any", "g-a")] }),
      aRule({ id: "b", match: "any", conditions: [inGroups("any", "g-b"), attr("department", "equals", "ops")] }),
      aRule({ id: "c", conditions: [attr("tier", "isSet")] }),
    ],
    [LAB]: [aRule({ id: "d", conditions: [inGroups("none", "g-a"), attr("department", "notEquals", "sales")] })],
  });

const plain = (outcome: { winners: Record<string, Int32Array> }) =>
  Object.fromEntries(Object.entries(outcome.winners).map(([k, w]) => [k, Array.from(w)]));

describe("createEngine()", () => {
  it("never changes an earlier outcome when later rule sets are evaluated", () => {
    const engine = createEngine(directory);
    const first = engine.evaluate(base());
    const snapshot = plain(first);
    const edited = base();
    edited.properties[HQ].rules[1] = { ...edited.properties[HQ].rules[1], enabled: false };
    for (let i = 0; i < 3; i++) {
      engine.evaluate(edited);
      engine.evaluate(aRuleSet({ [HQ]: [aRule({ id: "z", conditions: [] })] }));
    }
    expect(plain(first)).toEqual(snapshot);
    expect(plain(engine.evaluate(edited))).toEqual(plain(evaluate(directory, edited)));
  });

  it("shares one winners array between outcomes of unchanged rules", () => {
    const engine = createEngine(directory);
    const first = engine.evaluate(base());
    const edited = base();
    edited.properties[HQ].rules[0] = { ...edited.properties[HQ].rules[0], enabled: false };
    const second = engine.evaluate(edited);
    expect(second.winners[LAB]).toBe(first.winners[LAB]);
    expect(second.winners[HQ]).not.toBe(first.winners[HQ]);
  });

  it("gives the same outcome as a fresh evaluate(), across bitset word boundaries", () => {
    const outcome = createEngine(directory).evaluate(base());
    expect(plain(outcome)).toEqual(plain(evaluate(directory, base())));
    expect(outcome.winners[HQ][69]).toBe(0); // in g-a, in the last partial word
    expect(outcome.winners[HQ][66]).toBe(SKIPPED); // 66 % 11 === 0: no email
  });

  it("after one edited rule, recomputes only the changed condition and matches a fresh evaluation", () => {
    const engine = createEngine(directory);
    engine.evaluate(base());
    const edited = base();
    edited.properties[HQ].rules[1] = {
      ...edited.properties[HQ].rules[1],
      conditions: [inGroups("any", "g-b"), attr("department", "equals", "eng")],
    };
    const outcome = engine.evaluate(edited);
    expect(engine.stats()).toMatchObject({ computed: 1 });
    expect(plain(outcome)).toEqual(plain(evaluate(directory, edited)));
  });

  it("re-evaluating the same rule set computes nothing new", () => {
    const engine = createEngine(directory);
    engine.evaluate(base());
    engine.evaluate(base());
    expect(engine.stats().computed).toBe(0);
  });

  it("computes a condition shared by several rules and properties once", () => {
    const shared = inGroups("any", "g-b", "g-a"); // same set as below, other order
    const ruleSet = aRuleSet({ [HQ]: [aRule({ conditions: [shared] })], [LAB]: [aRule({ conditions: [inGroups("any", "g-a", "g-b")] })] });
    const engine = createEngine(directory);
    engine.evaluate(ruleSet);
    expect(engine.stats()).toMatchObject({ computed: 1, conditions: 1 });
  });

  it("keeps what the latest two evaluations used, and drops the rest", () => {
    const engine = createEngine(directory);
    const other = aRuleSet({ [HQ]: [aRule({ conditions: [inGroups("all", "g-a", "g-b")] })] });
    engine.evaluate(base());
    expect(engine.stats().conditions).toBe(6);
    engine.evaluate(other);
    // rules of up to three conditions are combined where users are undecided, not cached whole
    expect(engine.stats()).toMatchObject({ conditions: 7, rules: 0 });
    engine.evaluate(base()); // alternating (published, draft) costs nothing
    expect(engine.stats()).toMatchObject({ computed: 0, conditions: 7 });
    engine.evaluate(other);
    engine.evaluate(other);
    expect(engine.stats()).toMatchObject({ conditions: 1, rules: 0 });
  });

  it("counts, per property, the users each rule decides", () => {
    const engine = createEngine(directory);
    const outcome = engine.evaluate(base());
    const counts = engine.counts(outcome);
    for (const [uuid, winners] of Object.entries(outcome.winners)) {
      const w = Array.from(winners);
      const perRule = base().properties[uuid].rules.map((_, i) => w.filter((x) => x === i).length);
      expect(counts[uuid]).toEqual({ perRule, noMatch: w.filter((x) => x === NO_MATCH).length, skipped: 7 });
    }
  });

  it("counts users matching a rule among those not skipped", () => {
    const engine = createEngine(directory);
    const eligibleInA = users.filter((u, i) => i % 3 === 0 && u.email !== null).length;
    expect(engine.matchCount({ match: "all", conditions: [inGroups("any", "g-a")] }, { suspended: "deny" })).toBe(eligibleInA);
    expect(engine.matchCount({ match: "any", conditions: [] }, { suspended: "deny" })).toBe(63);
  });

  it("explains a user by id", () => {
    const trace = createEngine(directory).explain(base(), "u3", HQ);
    expect(trace).toMatchObject({ decision: "won", winner: 0, winnerRuleId: "a" });
  });

  it("handles an empty directory", () => {
    const outcome = createEngine(aDirectory([])).evaluate(base());
    expect(outcome.winners[HQ].length).toBe(0);
  });
});

describe("createEngine() after editing one rule of a long list", () => {
  // user i has n = i % 25: rule i (of 20) matches n = i, so users with n ≥ 20 match none
  const many = aDirectory(Array.from({ length: 70 }, (_, i) => aUser({ id: `m${i}`, profile: { n: String(i % 25) } })));
  const rulesFor = () => Array.from({ length: 20 }, (_, i) => aRule({ id: `n${i}`, conditions: [attr("n", "equals", String(i))] }));
  const edits: [string, (rules: Rule[], k: number) => Rule[]][] = [
    ["disable it", (rules, k) => rules.map((r, i) => (i === k ? { ...r, enabled: false } : r))],
    ["match other users", (rules, k) => rules.map((r, i) => (i === k ? { ...r, conditions: [attr("n", "equals", "22")] } : r))],
    ["remove it", (rules, k) => rules.filter((_, i) => i !== k)],
    ["match everyone", (rules, k) => rules.map((r, i) => (i === k ? { ...r, conditions: [] } : r))],
  ];
  const cases = edits.flatMap(([name, edit]) => [0, 7, 8, 9, 15, 16, 19].map((k) => [name, k, edit] as const));

  it.each(cases)("%s (rule %i) gives what a fresh evaluation gives", (_name, k, edit) => {
    const engine = createEngine(many);
    const before = aRuleSet({ [HQ]: rulesFor() });
    engine.evaluate(before);
    const after = aRuleSet({ [HQ]: edit(rulesFor(), k) });
    expect(plain(engine.evaluate(after))).toEqual(plain(evaluate(many, after)));
    expect(plain(engine.evaluate(before))).toEqual(plain(evaluate(many, before))); // and back
  });

  // 100 rules: snapshots every 13th rule; 60 → 70 rules: every 8th, then every 9th
  it.each([
    [100, 100, 13],
    [100, 100, 70],
    [100, 100, 99],
    [60, 70, 50],
  ])("in a list of %i rules growing to %i, an edit at rule %i gives what a fresh evaluation gives", (length, grown, k) => {
    const long = (n: number) =>
      Array.from({ length: n }, (_, i) => aRule({ id: `l${i}`, conditions: [attr("n", "equals", String(i % 30))] }));
    const engine = createEngine(many);
    engine.evaluate(aRuleSet({ [HQ]: long(length) }));
    const after = aRuleSet({ [HQ]: long(grown).map((r, i) => (i === k ? { ...r, enabled: false } : r)) });
    expect(plain(engine.evaluate(after))).toEqual(plain(evaluate(many, after)));
  });

  it.each([17, 10])("resumes after a list where everyone was decided by rule 10 (edit at rule %i)", (k) => {
    const engine = createEngine(many);
    const early = rulesFor().map((r, i) => (i === 10 ? { ...r, conditions: [] } : r)); // rules past 10 never run
    engine.evaluate(aRuleSet({ [HQ]: early }));
    const after = aRuleSet({ [HQ]: early.map((r, i) => (i === k ? { ...r, enabled: false } : r)) });
    expect(plain(engine.evaluate(after))).toEqual(plain(evaluate(many, after)));
  });
});
