import { describe, expect, it } from "vitest";
import { checkRegex, type Condition, createEngine } from "../../../shared/rules/index.ts";
import { aDirectory, aUser } from "../../support/directory.ts";
import { referenceEvaluate } from "../../support/reference-evaluator.ts";
import { aRule, aRuleSet, attr, hasStatus, inGroups } from "../../support/rules.ts";

/**
 * 3,000 users (94 bitset words): g-big holds every second user (a dense group, kept as a
 * bitset), g-mid every 71st, g-small every 101st and g-tiny three users (member lists).
 */
const users = Array.from({ length: 3000 }, (_, i) =>
  aUser({
    id: `u${i}`,
    status: i % 13 === 0 ? "STAGED" : "ACTIVE",
    groupIds: [
      ...(i % 2 === 0 ? ["g-big"] : []),
      ...(i % 71 === 0 ? ["g-mid"] : []),
      ...(i % 101 === 0 ? ["g-small"] : []),
      ...([5, 1414, 2999].includes(i) ? ["g-tiny"] : []),
    ],
    profile: { department: ["Eng", "Sales", "Ops", "HR"][i % 4], site: i % 3 === 0 ? `S${i}` : null },
  }));
const directory = aDirectory(users);

const C: Record<string, Condition> = {
  big: inGroups("any", "g-big"),
  mid: inGroups("any", "g-mid"),
  small: inGroups("any", "g-small"),
  eng: attr("department", "equals", "eng"),
  staged: hasStatus("STAGED"),
  site: attr("site", "isSet"),
  noSite: attr("site", "isNotSet"),
};

describe("rule shapes (conditions combined where users are undecided)", () => {
  const shapes: [string, (keyof typeof C)[]][] = [
    ["no conditions", []],
    ["one", ["mid"]],
    ["two", ["big", "eng"]],
    ["three", ["big", "mid", "site"]],
    ["four (combined beforehand)", ["big", "mid", "eng", "site"]],
    ["five (combined beforehand)", ["big", "mid", "eng", "site", "staged"]],
    ["a repeated condition", ["mid", "mid"]],
    ["a condition repeated beyond three", ["big", "mid", "eng", "big", "site"]],
  ];
  const cases = shapes.flatMap(([name, keys]) => (["all", "any"] as const).map((match) => [name, match, keys] as const));

  it.each(cases)("%s, match %s, agree with the reference evaluator", (_name, match, keys) => {
    const conditions = keys.map((k) => C[k]);
    // an earlier narrow rule and a later catch-all, so the shape claims among the undecided
    const rules = [aRule({ conditions: [C.small] }), aRule({ match, conditions }), aRule({ conditions: [C.noSite] }), aRule()];
    const ruleSet = aRuleSet({ p: rules });
    const winners = Array.from(createEngine(directory).evaluate(ruleSet).winners.p);
    expect(winners).toEqual(referenceEvaluate(directory, ruleSet, (s) => checkRegex(s).ok).p);
  });
});

describe("group conditions", () => {
  it.each(
    [
      ["all of a dense and a sparse group", inGroups("all", "g-big", "g-mid")],
      ["all of two sparse groups", inGroups("all", "g-mid", "g-small")],
      ["all of three groups, tiny first", inGroups("all", "g-mid", "g-big", "g-tiny")],
      ["all of one group, repeated", inGroups("all", "g-small", "g-small")],
      ["all with an unknown group", inGroups("all", "g-big", "g-unknown")],
      ["any of a dense and a sparse group", inGroups("any", "g-big", "g-small")],
      ["none of a dense and a sparse group", inGroups("none", "g-big", "g-small")],
      ["none of an unknown group", inGroups("none", "g-unknown")],
    ] as const,
  )("%s agrees with the reference evaluator", (_name, condition) => {
    const ruleSet = aRuleSet({ p: [aRule({ conditions: [condition] })] });
    const winners = Array.from(createEngine(directory).evaluate(ruleSet).winners.p);
    expect(winners).toEqual(referenceEvaluate(directory, ruleSet, (s) => checkRegex(s).ok).p);
  });
});
