import { describe, expect, it } from "vitest";
import { type Condition, describeCondition, describeValue } from "../../../shared/rules/index.ts";
import type { ProfileValue } from "../../../shared/directory/model.ts";
import { attr, hasStatus, inGroups } from "../../support/rules.ts";

const names: Record<string, string> = { g1: "Employees", g2: "Contractors" };

describe("describeCondition()", () => {
  it.each<[Condition, string]>([
    [inGroups("any", "g1", "g2"), "member of any of Employees, Contractors"],
    [inGroups("all", "g1", "g9"), "member of all of Employees, g9"],
    [inGroups("none", "g2"), "member of none of Contractors"],
    [attr("department", "equals", "Engineering"), 'department equals "Engineering"'],
    [attr("department", "notEquals", "Sales"), 'department does not equal "Sales"'],
    [attr("title", "contains", "Lead", true), 'title contains "Lead" (case-sensitive)'],
    [attr("title", "startsWith", "Sr"), 'title starts with "Sr"'],
    [attr("email", "endsWith", "@x.com"), 'email ends with "@x.com"'],
    [attr("city", "oneOf", ["SF", "NYC"]), 'city is one of "SF", "NYC"'],
    [attr("costCenter", "matches", "^CC-\\d+$"), "costCenter matches /^CC-\\d+$/"],
    [attr("badge", "isSet"), "badge is set"],
    [attr("badge", "isNotSet"), "badge is not set"],
    [hasStatus("ACTIVE", "STAGED"), "Okta status is one of ACTIVE, STAGED"],
  ])("%j reads %s", (condition, words) => {
    expect(describeCondition(condition, (id) => names[id])).toBe(words);
  });
});

describe("describeValue()", () => {
  it.each<[ProfileValue | undefined, string]>([
    [null, "(not set)"],
    [undefined, "(not set)"],
    ["", "(not set)"],
    [[], "(not set)"],
    ["Eng", '"Eng"'],
    [["a", "b"], '["a", "b"]'],
  ])("%j reads %s", (value, words) => {
    expect(describeValue(value)).toBe(words);
  });
});
