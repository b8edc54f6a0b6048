/**
 * One condition checked against one user, the slow and readable way, with the values an
 * admin needs to see. Uses the same operator table as the engine, so they agree.
 */
import type { AttributeCondition, Condition, GroupCondition, StatusCondition } from "./model.ts";
import type { DirectoryUser } from "../directory/model.ts";
import { describeCondition, describeValue, groupNames, type GroupNamer } from "./describe.ts";
import { profileValue, testProfileValue } from "./operators.ts";
import { checkRegex } from "./regex/index.ts";

export interface ConditionCheck {
  expected: string;
  actual: string;
  passed: boolean;
  note?: string;
}

type Check<C> = (user: DirectoryUser, condition: C, groupName?: GroupNamer) => ConditionCheck;

const GROUP_PASSES: Readonly<Record<GroupCondition["op"], (memberOf: number, listed: number) => boolean>> = {
  any: (memberOf) => memberOf > 0,
  all: (memberOf, listed) => memberOf === listed,
  none: (memberOf) => memberOf === 0,
};

const checkGroup: Check<GroupCondition> = (user, c, groupName) => {
  const listed = [...new Set(c.groupIds)];
  const mine = new Set(user.groupIds);
  const memberOf = listed.filter((id) => mine.has(id));
  return {
    expected: `member of ${c.op} of ${groupNames(listed, groupName)}`,
    actual: memberOf.length === 0 ? "member of none of them" : `member of ${groupNames(memberOf, groupName)}`,
    passed: GROUP_PASSES[c.op](memberOf.length, listed.length),
  };
};

const checkStatus: Check<StatusCondition> = (user, c) => ({
  expected: `one of ${c.statuses.join(", ")}`,
  actual: user.status,
  passed: c.statuses.includes(user.status),
});

const checkAttribute: Check<AttributeCondition> = (user, c) => {
  const value = profileValue(user.profile, c.attribute);
  const check: ConditionCheck = {
    expected: describeCondition(c).slice(c.attribute.length + 1),
    actual: describeValue(value),
    passed: testProfileValue(c, value),
  };
  if (c.op === "matches") {
    const regex = checkRegex(c.value, c.caseSensitive === true);
    if (!regex.ok) check.note = `${regex.error.message}; the condition passes for nobody`;
  }
  return check;
};

const BY_KIND: { [K in Condition["kind"]]: Check<Extract<Condition, { kind: K }>> } = {
  group: checkGroup,
  status: checkStatus,
  attribute: checkAttribute,
};

export function checkCondition(user: DirectoryUser, condition: Condition, groupName?: GroupNamer): ConditionCheck {
  return (BY_KIND[condition.kind] as Check<Condition>)(user, condition, groupName);
}
