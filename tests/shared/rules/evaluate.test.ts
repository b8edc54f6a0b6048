import { describe, expect, it } from "vitest";
import { evaluate, grantOf, NO_MATCH, SKIPPED } from "../../../shared/rules/index.ts";
import type { DirectoryUser } from "../../../shared/directory/model.ts";
import { aDirectory, aUser } from "../../support/directory.ts";
import { aCatalog, aRule, aRuleSet, attr, grant, hasStatus, HQ, inGroups, LAB } from "../../support/rules.ts";

const eng = aUser({ id: "eng", profile: { department: "Engineering" }, groupIds: ["g-staff", "g-eng"] });
const sales = aUser({ id: "sales", profile: { department: "Sales" }, groupIds: ["g-staff"] });
const guest = aUser({ id: "guest", profile: {}, groupIds: [] });
const directory = aDirectory([eng, sales, guest]);

const winnersAt = (ruleSet: ReturnType<typeof aRuleSet>, users = directory.users, at = HQ) =>
  Array.from(evaluate(aDirectory(users), ruleSet).winners[at]);

describe("evaluate()", () => {
  it("aligns userIds with the directory's users", () => {
    const outcome = evaluate(directory, aRuleSet({ [HQ]: [aRule()] }));
    expect(outcome.userIds).toEqual(["eng", "sales", "guest"]);
  });

  it("lets the first enabled matching rule win", () => {
    const ruleSet = aRuleSet({
      [HQ]: [aRule({ conditions: [inGroups("any", "g-eng")] }), aRule({ conditions: [inGroups("any", "g-staff")] }), aRule()],
    });
    expect(winnersAt(ruleSet)).toEqual([0, 1, 2]);
  });

  it("skips disabled rules", () => {
    const ruleSet = aRuleSet({ [HQ]: [aRule({ enabled: false }), aRule({ conditions: [inGroups("any", "g-staff")] })] });
    expect(winnersAt(ruleSet)).toEqual([1, 1, NO_MATCH]);
  });

  it("matches everyone with a rule without conditions, in either match mode", () => {
    expect(winnersAt(aRuleSet({ [HQ]: [aRule({ match: "all" })] }))).toEqual([0, 0, 0]);
    expect(winnersAt(aRuleSet({ [HQ]: [aRule({ match: "any" })] }))).toEqual([0, 0, 0]);
  });

  it.each(
    [
      ["all", [0, NO_MATCH, NO_MATCH]],
      ["any", [0, 0, NO_MATCH]],
    ] as const,
  )("combines conditions with match %s", (match, expected) => {
    const conditions = [inGroups("any", "g-staff"), attr("department", "equals", "engineering")];
    expect(winnersAt(aRuleSet({ [HQ]: [aRule({ match, conditions })] }))).toEqual(expected);
  });

  it.each(
    [
      ["any", ["g-eng", "g-other"], [0, NO_MATCH, NO_MATCH]],
      ["all", ["g-eng", "g-staff"], [0, NO_MATCH, NO_MATCH]],
      ["all", ["g-staff"], [0, 0, NO_MATCH]],
      ["none", ["g-eng"], [NO_MATCH, 0, 0]],
      ["none", ["g-unknown"], [0, 0, 0]],
      ["any", ["g-unknown"], [NO_MATCH, NO_MATCH, NO_MATCH]],
    ] as const,
  )("group op %s of %j", (op, ids, expected) => {
    expect(winnersAt(aRuleSet({ [HQ]: [aRule({ conditions: [inGroups(op, ...ids)] })] }))).toEqual(expected);
  });

  it("matches status conditions against the user's Okta status", () => {
    const users = [aUser({ status: "ACTIVE" }), aUser({ status: "STAGED" }), aUser({ status: "LOCKED_OUT" })];
    const ruleSet = aRuleSet({ [HQ]: [aRule({ conditions: [hasStatus("ACTIVE", "LOCKED_OUT")] })] });
    expect(winnersAt(ruleSet, users)).toEqual([0, NO_MATCH, 0]);
  });

  it("records an exclude winner, and grantOf gives no assignment for it", () => {
    const ruleSet = aRuleSet({ [HQ]: [aRule({ actions: { kind: "exclude" }, conditions: [inGroups("any", "g-eng")] }), aRule()] });
    const outcome = evaluate(directory, ruleSet);
    expect(Array.from(outcome.winners[HQ])).toEqual([0, 1, 1]);
    expect(grantOf(outcome, 0, HQ)).toBeNull();
    expect(grantOf(outcome, 1, HQ)).toMatchObject({ locationUuid: HQ, ruleId: ruleSet.properties[HQ].rules[1].id });
  });

  it("does not sync a user no rule matches (NO_MATCH, no assignment)", () => {
    const outcome = evaluate(directory, aRuleSet({ [HQ]: [aRule({ conditions: [inGroups("any", "g-eng")] })] }));
    expect(outcome.winners[HQ][2]).toBe(NO_MATCH);
    expect(grantOf(outcome, 2, HQ)).toBeNull();
  });

  it("evaluates each property independently", () => {
    const ruleSet = aRuleSet({
      [HQ]: [aRule({ conditions: [inGroups("any", "g-eng")] })],
      [LAB]: [aRule({ conditions: [inGroups("none", "g-eng")] }), aRule({ actions: grant({ accessGroupIds: ["ag-lab-main"] }) })],
    });
    const outcome = evaluate(directory, ruleSet);
    expect(Array.from(outcome.winners[HQ])).toEqual([0, NO_MATCH, NO_MATCH]);
    expect(Array.from(outcome.winners[LAB])).toEqual([1, 0, 0]);
  });

  it("keeps a property keyed like an Object.prototype member as its own key", () => {
    const ruleSet = aRuleSet({});
    ruleSet.properties = JSON.parse(`{"__proto__": {"rules": [${JSON.stringify(aRule())}]}}`);
    const outcome = evaluate(directory, ruleSet);
    expect(Object.keys(outcome.winners)).toEqual(["__proto__"]);
    expect(Array.from(outcome.winners["__proto__"])).toEqual([0, 0, 0]);
  });

  it("gives catalog locations without rules a column of NO_MATCH (SKIPPED for skipped users)", () => {
    const users = [aUser(), aUser({ email: null })];
    const outcome = evaluate(aDirectory(users), aRuleSet({ [HQ]: [aRule()] }), aCatalog());
    expect(Array.from(outcome.winners[LAB])).toEqual([NO_MATCH, SKIPPED]);
    expect(Object.keys(outcome.winners).sort()).toEqual([HQ, LAB].sort());
  });
});

describe("evaluate() skips", () => {
  const everyone = (suspended: "deny" | "evaluate" = "deny") => aRuleSet({ [HQ]: [aRule()], [LAB]: [aRule()] }, suspended);

  it.each<[string, Partial<DirectoryUser>, "deny" | "evaluate", string | null]>([
    ["an ACTIVE user with an email", {}, "deny", null],
    ["a user with a null email", { email: null }, "deny", "no-email"],
    ["a user with an empty email", { email: "" }, "deny", "no-email"],
    ["a user with a whitespace email", { email: "  \t" }, "deny", "no-email"],
    ["a DEPROVISIONED user", { status: "DEPROVISIONED" }, "evaluate", "deprovisioned"],
    ["a SUSPENDED user when settings deny them", { status: "SUSPENDED" }, "deny", "suspended"],
    ["a SUSPENDED user when settings evaluate them", { status: "SUSPENDED" }, "evaluate", null],
    ["DEPROVISIONED before no-email", { status: "DEPROVISIONED", email: null }, "deny", "deprovisioned"],
    ["suspended before no-email", { status: "SUSPENDED", email: null }, "deny", "suspended"],
    ["no-email for a SUSPENDED user evaluated", { status: "SUSPENDED", email: null }, "evaluate", "no-email"],
  ])("%s", (_name, overrides, suspended, reason) => {
    const outcome = evaluate(aDirectory([aUser(overrides)]), everyone(suspended));
    expect(outcome.skipped[0]).toBe(reason);
    const expected = reason === null ? 0 : SKIPPED;
    expect([outcome.winners[HQ][0], outcome.winners[LAB][0]]).toEqual([expected, expected]);
  });

  it("skips DEPROVISIONED users even when a rule asks for their status", () => {
    const ruleSet = aRuleSet({ [HQ]: [aRule({ conditions: [hasStatus("DEPROVISIONED")] })] }, "evaluate");
    expect(evaluate(aDirectory([aUser({ status: "DEPROVISIONED" })]), ruleSet).winners[HQ][0]).toBe(SKIPPED);
  });

  it("lets rules match SUSPENDED users by status when they are evaluated", () => {
    const ruleSet = aRuleSet(
      { [HQ]: [aRule({ conditions: [hasStatus("ACTIVE")] }), aRule({ conditions: [hasStatus("SUSPENDED")] })] },
      "evaluate",
    );
    expect(evaluate(aDirectory([aUser({ status: "SUSPENDED" })]), ruleSet).winners[HQ][0]).toBe(1);
  });
});
