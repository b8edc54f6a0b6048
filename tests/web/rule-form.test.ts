import { describe, expect, it } from "vitest";
import type { Condition } from "../../shared/rules/model.ts";
import { blankCondition, conditionToForm, formToCondition, formToRule, newRuleForm, ruleToForm } from "../../web/state/rule-form.ts";
import { excludeRule, grantRule, ROLE_USER } from "../support/web-factories.ts";

describe("rule form", () => {
  it.each<[string, Condition]>([
    ["a group condition", { kind: "group", op: "none", groupIds: ["g1", "g2"] }],
    ["an equals condition", { kind: "attribute", attribute: "department", op: "equals", value: "Sales" }],
    ["a case-sensitive condition", { kind: "attribute", attribute: "title", op: "startsWith", value: "VP", caseSensitive: true }],
    ["a one-of condition", { kind: "attribute", attribute: "city", op: "oneOf", values: ["Paris", "Oslo"] }],
    ["a presence condition", { kind: "attribute", attribute: "costCenter", op: "isSet" }],
    ["a status condition", { kind: "status", statuses: ["ACTIVE", "SUSPENDED"] }],
  ])("round-trips %s", (_, c) => {
    expect(formToCondition(conditionToForm(c))).toEqual(c);
  });

  it("round-trips whole rules, grants and exclusions", () => {
    for (const rule of [grantRule("a", [{ kind: "group", op: "any", groupIds: ["g"] }]), excludeRule("x", [])]) {
      const back = formToRule(ruleToForm(rule), true);
      expect(back).toEqual({ ok: true, value: rule });
    }
  });

  it("keeps other kinds' fields while the kind changes, so nothing typed is lost", () => {
    const f = { ...blankCondition("attribute"), value: "typed", groupIds: ["g"] };
    const asGroup = { ...f, kind: "group" as const };
    expect({ ...asGroup, kind: "attribute" as const }.value).toBe("typed");
  });

  it.each([
    ["a group condition with no groups", (f: ReturnType<typeof newRuleForm>) => f, /Condition 1, groups/],
    [
      "a grant with no access groups",
      (f: ReturnType<typeof newRuleForm>) => ({ ...f, conditions: [] }),
      /Access groups/,
    ],
    [
      "a one-of condition with only blank lines",
      (f: ReturnType<typeof newRuleForm>) => ({
        ...f,
        accessGroupIds: ["ag"],
        conditions: [{ ...blankCondition("attribute"), attributeOp: "oneOf" as const, values: "\n  \n" }],
      }),
      /Condition 1, values/,
    ],
  ])("names the field at fault for %s", (_, change, message) => {
    const r = formToRule(change(newRuleForm("r1", ROLE_USER)), true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it("refuses an Apple Wallet pass where the property has no Wallet", () => {
    const f = { ...newRuleForm("r1", ROLE_USER), conditions: [], accessGroupIds: ["ag"], wallet: true };
    const r = formToRule(f, false);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Apple Wallet is not installed/);
    expect(formToRule(f, true).ok).toBe(true);
  });

  it("lists every problem in plain words, never valibot's wording", () => {
    const f = { ...newRuleForm("r1", ROLE_USER), name: "x".repeat(201) };
    const r = formToRule(f, true);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.problems).toEqual([
      "Name: is too long (201; at most 200).",
      "Condition 1, groups: choose at least one.",
      "Access groups: choose at least one.",
    ]);
    expect(r.error.message).not.toMatch(/Invalid length|Expected/);
  });

  it.each([
    ["an unsafe pattern", "(a+)+$", /^Condition 1, pattern: refused because it could take too long to match \(nested quantifier/],
    ["an invalid pattern", "(unclosed", /^Condition 1, pattern: not a valid regular expression \(Unterminated group\)/],
  ])("refuses %s in a matches condition", (_, value, message) => {
    const f = {
      ...newRuleForm("r1", ROLE_USER),
      accessGroupIds: ["ag"],
      conditions: [{ ...blankCondition("attribute"), attributeOp: "matches" as const, value }],
    };
    const r = formToRule(f, true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
    expect(formToRule({ ...f, conditions: [{ ...f.conditions[0], value: "^eng" }] }, true).ok).toBe(true);
  });
});
