import { describe, expect, it } from "vitest";
import { explain, NO_MATCH, SKIPPED } from "../../../shared/rules/index.ts";
import { aDirectory, aGroup, aUser } from "../../support/directory.ts";
import { aRule, aRuleSet, attr, hasStatus, HQ, inGroups, LAB } from "../../support/rules.ts";

const ada = aUser({ id: "ada", profile: { department: "Engineering", title: null }, groupIds: ["g-staff"] });
const directory = aDirectory([ada, aUser({ id: "nomail", email: null })], [aGroup("g-staff", "Staff"), aGroup("g-ctr", "Contractors")]);

const ruleSet = aRuleSet({
  [HQ]: [
    aRule({ id: "off", name: "Old", enabled: false }),
    aRule({ id: "ctr", name: "Contractors", conditions: [inGroups("any", "g-ctr")] }),
    aRule({
      id: "eng",
      name: "Engineers",
      match: "all",
      conditions: [inGroups("any", "g-staff", "g-ctr"), attr("department", "equals", "engineering"), hasStatus("ACTIVE")],
    }),
    aRule({ id: "all", name: "Everyone" }),
  ],
});

describe("explain()", () => {
  const trace = explain(directory, ruleSet, "ada", HQ);

  it("names the winner and stops there", () => {
    expect(trace).toMatchObject({ decision: "won", winner: 2, winnerRuleId: "eng", action: "grant", skipped: null });
    expect(trace.summary).toBe('Rule "Engineers" won: access granted');
  });

  it("marks each rule's verdict in order", () => {
    expect(trace.rules.map((r) => [r.id, r.verdict, r.reason])).toEqual([
      ["off", "disabled", "disabled: skipped"],
      ["ctr", "not-matched", "not matched: a condition failed"],
      ["eng", "won", "won: conditions met; evaluation stops here"],
      ["all", "not-evaluated", "not evaluated: an earlier rule won"],
    ]);
  });

  it("shows each condition with expected and actual values and a result", () => {
    expect(trace.rules[2].conditions).toEqual([
      {
        index: 0,
        kind: "group",
        description: "member of any of Staff, Contractors",
        expected: "member of any of Staff, Contractors",
        actual: "member of Staff",
        passed: true,
      },
      {
        index: 1,
        kind: "attribute",
        description: 'department equals "engineering"',
        expected: 'equals "engineering"',
        actual: '"Engineering"',
        passed: true,
      },
      { index: 2, kind: "status", description: "Okta status is one of ACTIVE", expected: "one of ACTIVE", actual: "ACTIVE", passed: true },
    ]);
    expect(trace.rules[1].conditions[0]).toMatchObject({ actual: "member of none of them", passed: false });
  });

  it("leaves conditions of rules it did not evaluate without a result", () => {
    expect(trace.rules[0].conditions.every((c) => c.passed === null)).toBe(true);
    expect(trace.rules[3].conditions).toEqual([]);
  });

  it("says why a skipped user is synced nowhere", () => {
    const skipped = explain(directory, ruleSet, "nomail", HQ);
    expect(skipped).toMatchObject({ decision: "skipped", skipped: "no-email", winner: SKIPPED, winnerRuleId: null });
    expect(skipped.summary).toContain("no primary email");
    expect(skipped.rules.every((r) => r.verdict === "not-evaluated")).toBe(true);
  });

  it("says when no enabled rule matched", () => {
    const none = explain(directory, aRuleSet({ [HQ]: [aRule({ conditions: [inGroups("any", "g-ctr")] })] }), "ada", HQ);
    expect(none).toMatchObject({ decision: "no-match", winner: NO_MATCH, summary: "No enabled rule matched: not synced here" });
  });

  it("says when a property has no rules", () => {
    expect(explain(directory, ruleSet, "ada", LAB)).toMatchObject({
      decision: "no-match",
      rules: [],
      summary: "No rules for this property: not synced here",
    });
  });

  it("says when the winning rule excludes the user", () => {
    const excluding = aRuleSet({ [HQ]: [aRule({ name: "Nope", actions: { kind: "exclude" } })] });
    expect(explain(directory, excluding, "ada", HQ)).toMatchObject({
      decision: "won",
      action: "exclude",
      summary: 'Rule "Nope" won and excludes the user: not synced here',
    });
  });

  it("reports an unknown user", () => {
    expect(explain(directory, ruleSet, "ghost", HQ)).toMatchObject({
      decision: "unknown-user",
      winner: NO_MATCH,
      summary: "No user ghost in the directory",
    });
  });

  it("notes a refused pattern on its condition", () => {
    const unsafe = aRuleSet({ [HQ]: [aRule({ conditions: [attr("department", "matches", "(a+)+")] })] });
    const condition = explain(directory, unsafe, "ada", HQ).rules[0].conditions[0];
    expect(condition.passed).toBe(false);
    expect(condition.note).toContain("refused as unsafe");
  });

  it("shows an unset attribute as (not set)", () => {
    const title = aRuleSet({ [HQ]: [aRule({ conditions: [attr("title", "isSet")] })] });
    expect(explain(directory, title, "ada", HQ).rules[0].conditions[0]).toMatchObject({
      actual: "(not set)",
      expected: "is set",
      passed: false,
    });
  });
});
