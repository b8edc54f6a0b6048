import { describe, expect, it } from "vitest";
import { addRule, deleteRule, duplicateRule, insertRule, moveRule, newRuleId, replaceRule, toggleRule } from "../../web/state/rule-ops.ts";
import { grantRule, HQ, LAB, ruleSetOf } from "../support/web-factories.ts";

const base = () => ruleSetOf({ [HQ]: [grantRule("a", []), grantRule("b", []), grantRule("c", [])], [LAB]: [grantRule("z", [])] });
const ids = (set: ReturnType<typeof base>, p = HQ) => set.properties[p].rules.map((r) => r.id);

describe("rule edits", () => {
  it.each([
    ["moves down", 0, 2, ["b", "c", "a"]],
    ["moves up", 2, 0, ["c", "a", "b"]],
    ["clamps past the end", 1, 9, ["a", "c", "b"]],
    ["clamps before the start", 1, -3, ["b", "a", "c"]],
    ["ignores a move to the same place", 1, 1, ["a", "b", "c"]],
    ["ignores an unknown source", 7, 0, ["a", "b", "c"]],
  ])("moveRule() %s", (_, from, to, expected) => {
    expect(ids(moveRule(base(), HQ, from, to))).toEqual(expected);
  });

  it("never mutates the rule set it is given", () => {
    const set = base();
    const before = JSON.stringify(set);
    moveRule(set, HQ, 0, 2);
    toggleRule(set, HQ, "a", false);
    deleteRule(set, HQ, "b");
    duplicateRule(set, HQ, "c");
    expect(JSON.stringify(set)).toBe(before);
  });

  it("duplicateRule() places a renamed copy with a fresh id right after the original", () => {
    const next = duplicateRule(base(), HQ, "a");
    expect(ids(next)).toEqual(["a", "rule-4", "b", "c"]);
    expect(next.properties[HQ].rules[1].name).toBe("Rule a (copy)");
  });

  it("newRuleId() skips ids already taken", () => {
    const set = ruleSetOf({ [HQ]: [grantRule("rule-2", []), grantRule("rule-3", [])] });
    expect(newRuleId(set, HQ)).toBe("rule-4");
    expect(newRuleId(set, "loc-new")).toBe("rule-1");
  });

  it("newRuleId() skips the published rules' ids, so a new rule is never a deleted one 'changed'", () => {
    const set = ruleSetOf({ [HQ]: [] });
    expect(newRuleId(set, HQ, ["rule-1"])).toBe("rule-2");
  });

  it("insertRule() puts a deleted rule back where it was, once", () => {
    const deleted = deleteRule(base(), HQ, "b");
    const back = insertRule(deleted, HQ, base().properties[HQ].rules[1], 1);
    expect(back).toEqual(base());
    expect(insertRule(back, HQ, base().properties[HQ].rules[1], 0)).toBe(back);
  });

  it("addRule(), replaceRule(), toggleRule() and deleteRule() touch only their property", () => {
    let set = addRule(base(), HQ, grantRule("d", []));
    set = replaceRule(set, HQ, { ...grantRule("a", []), name: "Renamed" });
    set = toggleRule(set, HQ, "b", false);
    set = deleteRule(set, HQ, "c");
    expect(ids(set)).toEqual(["a", "b", "d"]);
    expect(set.properties[HQ].rules[0].name).toBe("Renamed");
    expect(set.properties[HQ].rules[1].enabled).toBe(false);
    expect(ids(set, LAB)).toEqual(["z"]);
  });
});
