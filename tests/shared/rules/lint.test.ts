import { describe, expect, it } from "vitest";
import { blocksSync, type Finding, lint, type Rule } from "../../../shared/rules/index.ts";
import { aDirectory, aUser } from "../../support/directory.ts";
import { aCatalog, aRule, aRuleSet, attr, grant, HQ, inGroups, LAB } from "../../support/rules.ts";

const directory = aDirectory([aUser({ groupIds: ["g-staff"], profile: { department: "Eng" } })]);
const labRule = () => aRule({ name: "Lab staff", actions: grant({ accessGroupIds: ["ag-lab-main"] }) });

/** Findings for rules at HQ (Lab gets one valid rule so it is not reported). */
function lintHq(rules: Rule[], withDirectory = false): Finding[] {
  return lint(aRuleSet({ [HQ]: rules, [LAB]: [labRule()] }), withDirectory ? directory : null, aCatalog());
}
const codes = (findings: Finding[]) => findings.map((f) => f.code);

describe("lint()", () => {
  it("finds nothing wrong with a valid rule set", () => {
    expect(lintHq([aRule({ conditions: [inGroups("any", "g-staff")] })], true)).toEqual([]);
  });

  it("requires rules at every catalog location (error: blocks sync)", () => {
    const findings = lint(aRuleSet({ [HQ]: [aRule()] }), null, aCatalog());
    expect(findings).toEqual([{
      severity: "error",
      code: "no-rules",
      message: "Lab has no rules: every location needs at least one rule before a sync can run",
      path: `properties.${LAB}`,
      propertyUuid: LAB,
    }]);
    expect(blocksSync(findings)).toBe(true);
    expect(codes(lint(aRuleSet({ [HQ]: [aRule()], [LAB]: [] }), null, aCatalog()))).toEqual(["no-rules"]);
  });

  it("warns when every rule at a location is disabled", () => {
    const findings = lint(aRuleSet({ [HQ]: [aRule({ enabled: false })], [LAB]: [labRule()] }), null, aCatalog());
    expect(findings).toMatchObject([{ severity: "warning", code: "no-enabled-rules", propertyUuid: HQ }]);
    expect(blocksSync(findings)).toBe(false);
  });

  it("refuses rules for a location not in the catalog", () => {
    const findings = lint(
      aRuleSet({ [HQ]: [aRule()], [LAB]: [labRule()], "loc-gone": [aRule({ actions: { kind: "exclude" } })] }),
      null,
      aCatalog(),
    );
    expect(findings).toMatchObject([{
      severity: "error",
      code: "unknown-property",
      path: "properties.loc-gone",
      propertyUuid: "loc-gone",
    }]);
  });

  it("names unknown Okta groups by path, only when a directory is given", () => {
    const rules = [aRule({ id: "c", name: "Contractors", conditions: [inGroups("any", "g-staff", "00g123")] })];
    expect(lintHq(rules, true)).toEqual([
      {
        severity: "error",
        code: "unknown-okta-group",
        message: 'Rule "Contractors" at HQ refers to unknown Okta group 00g123',
        path: `properties.${HQ}.rules[0].conditions[0].groupIds[1]`,
        propertyUuid: HQ,
        ruleId: "c",
        conditionIndex: 0,
      },
    ]);
    expect(lintHq(rules, false)).toEqual([]);
  });

  it.each(
    [
      [
        "unknown-access-group",
        grant({ accessGroupIds: ["ag-hq-main", "ag-nope"] }),
        "actions.accessGroupIds[1]",
        "unknown access group ag-nope",
      ],
      [
        "foreign-access-group",
        grant({ accessGroupIds: ["ag-lab-main"] }),
        "actions.accessGroupIds[0]",
        'grants access group "Lab Main Doors", which belongs to Lab',
      ],
      ["unknown-role", grant({ roleId: "role-nope" }), "actions.roleId", "unknown role role-nope"],
    ] as const,
  )("reports %s", (code, actions, path, message) => {
    const findings = lintHq([aRule({ actions })]);
    expect(findings).toMatchObject([{ severity: "error", code, path: `properties.${HQ}.rules[0].${path}` }]);
    expect(findings[0].message).toContain(message);
  });

  it("refuses Wallet where the location has none, allows it where it has", () => {
    const wallet = (accessGroupIds: string[]) => aRule({ actions: grant({ accessGroupIds, wallet: true }) });
    const findings = lint(aRuleSet({ [HQ]: [wallet(["ag-hq-main"])], [LAB]: [wallet(["ag-lab-main"])] }), null, aCatalog());
    expect(findings).toMatchObject([{
      severity: "error",
      code: "wallet-unavailable",
      propertyUuid: LAB,
      path: `properties.${LAB}.rules[0].actions.wallet`,
    }]);
    expect(findings[0].message).toContain("but Lab has no Wallet");
  });

  it.each(
    [
      ["invalid-regex", "(unclosed"],
      ["unsafe-regex", "(a+)+$"],
    ] as const,
  )("reports %s patterns", (code, pattern) => {
    const findings = lintHq([aRule({ conditions: [attr("title", "matches", pattern)] })]);
    expect(findings).toMatchObject([{ severity: "error", code, path: `properties.${HQ}.rules[0].conditions[0].value`, conditionIndex: 0 }]);
  });

  it("warns about rules that match nobody in the directory, only when a directory is given", () => {
    const rules = [aRule({ name: "Sales", conditions: [attr("department", "equals", "Sales")] }), aRule()];
    expect(lintHq(rules, true)).toMatchObject([{
      severity: "warning",
      code: "matches-nobody",
      message: 'Rule "Sales" at HQ matches nobody in the current directory',
    }]);
    expect(lintHq(rules, false)).toEqual([]);
  });

  it("warns about duplicate rule names within a property", () => {
    const findings = lintHq([aRule({ name: "Staff", conditions: [inGroups("any", "g-a")] }), aRule({ name: " staff " })]);
    expect(findings).toMatchObject([{ severity: "warning", code: "duplicate-name", path: `properties.${HQ}.rules[1].name` }]);
  });

  it("reports problems of disabled rules as warnings", () => {
    const findings = lintHq([aRule({ enabled: false, actions: grant({ roleId: "role-nope" }) }), aRule()]);
    expect(findings).toMatchObject([{ severity: "warning", code: "unknown-role" }]);
    expect(findings[0].message).toMatch(/\(the rule is disabled\)$/);
  });
});
