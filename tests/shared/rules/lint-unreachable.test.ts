import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkRegex, type Condition, evaluate, lint, type Rule } from "../../../shared/rules/index.ts";
import { aDirectory, aUser } from "../../support/directory.ts";
import { rule, user } from "../../support/arbitraries.ts";
import { referenceRuleMatches } from "../../support/reference-evaluator.ts";
import { aCatalog, aRule, aRuleSet, attr, grant, hasStatus, HQ, inGroups, LAB } from "../../support/rules.ts";

const all = (...conditions: Condition[]): Partial<Rule> => ({ match: "all", conditions });
const any = (...conditions: Condition[]): Partial<Rule> => ({ match: "any", conditions });
const D = "department";

/** Whether lint says the second rule can never win because of the first. */
function shadowed(earlier: Partial<Rule>, later: Partial<Rule>): boolean {
  const rules = [aRule({ name: "A", ...earlier }), aRule({ name: "B", ...later })];
  const labRule = aRule({ actions: grant({ accessGroupIds: ["ag-lab-main"] }) });
  const findings = lint(aRuleSet({ [HQ]: rules, [LAB]: [labRule] }), null, aCatalog()).filter((f) => f.code === "unreachable");
  if (findings.length === 0) return false;
  expect(findings).toEqual([
    {
      severity: "warning",
      code: "unreachable",
      message: 'Rule "B" at HQ can never win: earlier rule "A" matches everyone it matches',
      path: `properties.${HQ}.rules[1]`,
      propertyUuid: HQ,
      ruleId: rules[1].id,
    },
  ]);
  return true;
}

describe("lint() unreachable rules", () => {
  it.each<[string, Partial<Rule>, Partial<Rule>, boolean]>([
    ["after a rule without conditions", all(), all(inGroups("any", "g1")), true],
    ["after a rule without conditions in match any", any(), any(attr(D, "isSet")), true],
    ["not after a disabled rule without conditions", { enabled: false }, all(inGroups("any", "g1")), false],
    ["after an exclude rule that always matches", { actions: { kind: "exclude" } }, all(), true],
    ["not a catch-all after a conditional rule", all(inGroups("any", "g1")), all(), false],
    [
      "any-rule sharing a condition with an all-rule",
      any(inGroups("any", "g1"), attr(D, "equals", "x")),
      all(inGroups("any", "g1"), attr(D, "isSet")),
      true,
    ],
    ["all-rule whose conditions are a subset", all(inGroups("any", "g1")), all(attr(D, "isSet"), inGroups("any", "g1")), true],
    ["not all-rule whose conditions are a superset", all(inGroups("any", "g1"), attr(D, "isSet")), all(inGroups("any", "g1")), false],
    ["group any superset", all(inGroups("any", "g1", "g2")), all(inGroups("any", "g2")), true],
    ["not group any subset", all(inGroups("any", "g1")), all(inGroups("any", "g1", "g2")), false],
    ["group any implied by group all", all(inGroups("any", "g2")), all(inGroups("all", "g1", "g2")), true],
    ["group all subset", all(inGroups("all", "g1", "g2")), all(inGroups("all", "g1", "g2", "g3")), true],
    ["not group all superset", all(inGroups("all", "g1", "g2")), all(inGroups("all", "g1")), false],
    ["group none subset", all(inGroups("none", "g1")), all(inGroups("none", "g1", "g2")), true],
    ["not group none vs any", all(inGroups("none", "g1")), all(inGroups("any", "g2")), false],
    ["status superset", all(hasStatus("ACTIVE", "STAGED")), all(hasStatus("ACTIVE")), true],
    ["not status subset", all(hasStatus("ACTIVE")), all(hasStatus("ACTIVE", "STAGED")), false],
    ["equals within oneOf, case-insensitively", all(attr(D, "oneOf", ["Eng", "Ops"])), all(attr(D, "equals", "eng")), true],
    ["not a case-insensitive value under a case-sensitive one", all(attr(D, "equals", "Eng", true)), all(attr(D, "equals", "Eng")), false],
    ["a case-sensitive value under a case-insensitive one", all(attr(D, "equals", "eng")), all(attr(D, "equals", "ENG", true)), true],
    ["isSet after any positive operator", all(attr(D, "isSet")), all(attr(D, "contains", "x")), true],
    ["not isSet after notEquals", all(attr(D, "isSet")), all(attr(D, "notEquals", "x")), false],
    ["contains implied by startsWith", all(attr(D, "contains", "ng")), all(attr(D, "startsWith", "Eng")), true],
    ["startsWith a shorter prefix", all(attr(D, "startsWith", "E")), all(attr(D, "startsWith", "en")), true],
    ["not startsWith a longer prefix", all(attr(D, "startsWith", "Eng")), all(attr(D, "startsWith", "E")), false],
    ["notEquals implied by isNotSet", all(attr(D, "notEquals", "x")), all(attr(D, "isNotSet")), true],
    ["not across attributes", all(attr(D, "isSet")), all(attr("title", "equals", "x")), false],
    [
      "any-rule each of whose conditions is covered",
      any(inGroups("any", "g1"), attr(D, "isSet")),
      any(inGroups("any", "g1"), attr(D, "equals", "x")),
      true,
    ],
    ["not any-rule with an uncovered condition", any(inGroups("any", "g1")), any(inGroups("any", "g1"), attr(D, "isSet")), false],
    ["single-condition any-rule acts as all", any(inGroups("any", "g1")), all(inGroups("any", "g1"), attr(D, "isSet")), true],
    ["not a disabled later rule", all(), { enabled: false }, false],
    [
      "a case-sensitive Σ under a case-insensitive one (case folding: ΑΣ passes both)",
      all(attr(D, "contains", "\u03a3")),
      all(attr(D, "contains", "\u03a3", true)),
      true,
    ],
    ["a case-sensitive ς under case-insensitive σ", all(attr(D, "endsWith", "\u03c3")), all(attr(D, "endsWith", "\u03c2", true)), true],
    [
      "not a case-insensitive ss under ß (ß does not fold to ss)",
      all(attr(D, "contains", "\u00df")),
      all(attr(D, "contains", "ss")),
      false,
    ],
  ])("%s", (_name, earlier, later, expected) => {
    expect(shadowed(earlier, later)).toBe(expected);
  });
});

describe("lint() unreachable rules agree with the engine on case folding", () => {
  it("a case-sensitive rule it calls unreachable wins for nobody, however sigma is spelt", () => {
    const rules = [
      aRule({ name: "A", ...all(attr(D, "contains", "\u03a3")) }),
      aRule({ name: "B", ...all(attr(D, "contains", "\u03a3", true)) }),
    ];
    const rs = aRuleSet({ [HQ]: rules });
    expect(lint(rs, null, aCatalog()).filter((f) => f.code === "unreachable").map((f) => f.ruleId)).toEqual([rules[1].id]);
    const users = ["\u0391\u03a3", "\u03b1\u03c2", "\u03a3", "\u03c3", "x\u03a3y"].map((value, i) =>
      aUser({ id: `u${i}`, profile: { [D]: value } })
    );
    expect(Array.from(evaluate(aDirectory(users), rs).winners[HQ])).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("lint() unreachable rules (property-based)", () => {
  it("only claims shadowing that holds for every user", () => {
    const safeRegex = (source: string) => checkRegex(source).ok;
    fc.assert(
      fc.property(rule, rule, fc.array(user, { minLength: 1, maxLength: 30 }), (a, b, users) => {
        const [earlier, later] = [aRule({ ...a, enabled: true }), aRule({ ...b, enabled: true })];
        const findings = lint(aRuleSet({ [HQ]: [earlier, later] }), null, aCatalog({ locations: [] }));
        if (!findings.some((f) => f.code === "unreachable")) return;
        for (const u of users.map((x, i) => ({ id: `u${i}`, ...x }))) {
          if (referenceRuleMatches(later, u, safeRegex)) expect(referenceRuleMatches(earlier, u, safeRegex)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
