import { describe, expect, it } from "vitest";
import { createEngine, evaluate, NO_MATCH, SKIPPED, type RuleSet } from "../../../shared/rules/index.ts";
import { aDirectory, aUser } from "../../support/directory.ts";
import { aRule, aRuleSet, attr, HQ, inGroups, LAB } from "../../support/rules.ts";

/** 70 users (three bitset words, the last partial): every third in g-a, every fifth in g-b. */
const users = Array.from({ length: 70 }, (_, i) =>
  aUser({
    id: `u${i}`,
    email: i % 11 === 0 ? null : `u${i}@example.com`,
    groupIds: [...(i % 3 === 0 ? ["g-a"] : []), ...(i % 5 === 0 ? ["g-b"] : [])],
    profile: { department: ["Eng", "Sales", "Ops"][i % 3], tier: i % 2 === 0 ? "gold" : null },
  }),
);
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
    edited.properties[HQ].rules[1] = { ...edited.properties[HQ].rules[1], conditions: [inGroups("any", "g-b"), attr("department", "equals", "eng")] };
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
    expect(engine.stats()).toMatchObject({ conditions: 7, rules: 5 });
    engine.evaluate(base()); // alternating (published, draft) costs nothing
    expect(engine.stats()).toMatchObject({ computed: 0, conditions: 7 });
    engine.evaluate(other);
    engine.evaluate(other);
    expect(engine.stats()).toMatchObject({ conditions: 1, rules: 1 });
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
