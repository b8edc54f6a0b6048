/** diffRuleSets(): what changed between two published versions, per property. */
import { describe, expect, it } from "vitest";
import { diffRuleSets } from "../../../edge/routes/rules-diff.ts";
import { emptyRuleSet, type Rule, type RuleSet } from "../../../shared/rules/model.ts";
import { aRule } from "../../support/rules.ts";

const set = (properties: Record<string, Rule[]>, suspended: "deny" | "evaluate" = "deny"): RuleSet => ({
  ...emptyRuleSet(),
  settings: { suspended },
  properties: Object.fromEntries(Object.entries(properties).map(([k, rules]) => [k, { rules }])),
});
const r = (id: string, overrides: Partial<Rule> = {}) => aRule({ id, name: id, ...overrides });

describe("diffRuleSets()", () => {
  it("reports nothing for equal rule sets", () => {
    expect(diffRuleSets(1, 2, set({ hq: [r("a"), r("b")] }), set({ hq: [r("a"), r("b")] }))).toEqual({
      from: 1,
      to: 2,
      settingsChanged: false,
      properties: [],
    });
  });

  it.each([
    ["an added rule", [r("a")], [r("a"), r("b")], { added: ["b"], removed: [], changed: [], moved: [] }],
    ["a removed rule", [r("a"), r("b")], [r("b")], { added: [], removed: ["a"], changed: [], moved: [] }],
    ["a changed rule", [r("a"), r("b")], [r("a", { enabled: false }), r("b")], { added: [], removed: [], changed: ["a"], moved: [] }],
    ["one rule moved to the end", [r("a"), r("b"), r("c"), r("d")], [r("b"), r("c"), r("d"), r("a")], {
      added: [],
      removed: [],
      changed: [],
      moved: [{ ruleId: "a", from: 0, to: 3 }],
    }],
    ["a rule moved up past an insertion", [r("a"), r("b"), r("c")], [r("c"), r("x"), r("a"), r("b")], {
      added: ["x"],
      removed: [],
      changed: [],
      moved: [{ ruleId: "c", from: 2, to: 0 }],
    }],
    ["a removal that shifts others (not a move)", [r("a"), r("b"), r("c")], [r("b"), r("c")], {
      added: [],
      removed: ["a"],
      changed: [],
      moved: [],
    }],
  ])("finds %s", (_what, before, after, expected) => {
    const diff = diffRuleSets(1, 2, set({ hq: before }), set({ hq: after }));
    expect(diff.properties).toEqual([{ locationUuid: "hq", status: "changed", ...expected }]);
  });

  it("marks properties that appear or disappear", () => {
    const diff = diffRuleSets(1, 2, set({ hq: [r("a")], old: [r("x")] }), set({ hq: [r("a")], lab: [r("y")] }));
    expect(diff.properties).toEqual([
      { locationUuid: "lab", status: "added", added: ["y"], removed: [], changed: [], moved: [] },
      { locationUuid: "old", status: "removed", added: [], removed: ["x"], changed: [], moved: [] },
    ]);
  });

  it("notices a settings change", () => {
    expect(diffRuleSets(1, 2, set({}, "deny"), set({}, "evaluate")).settingsChanged).toBe(true);
  });
});
