/** Okta group conditions: member of any, all or none of the listed groups. */
import * as v from "valibot";
import type { Bits } from "../engine/bitset.ts";
import { invertInto } from "../engine/bitset.ts";
import type { CompiledDirectory } from "../engine/compile.ts";
import { membersOfAll, membersOfAny } from "../engine/memberships.ts";
import { groupNames } from "../describe.ts";
import { IdList, sortedSet } from "./fields.ts";
import type { ConditionKind } from "./kind.ts";

export const GROUP_OPS = ["any", "all", "none"] as const;
export type GroupOp = (typeof GROUP_OPS)[number];

export const GroupConditionSchema = v.strictObject({
  kind: v.literal("group"),
  /** member of any / all / none of the listed Okta group ids */
  op: v.picklist(GROUP_OPS),
  groupIds: IdList,
});
export type GroupCondition = v.InferOutput<typeof GroupConditionSchema>;

const subset = (a: readonly string[], b: readonly string[]): boolean => a.every((x) => b.includes(x));

interface GroupOperatorSpec {
  /** in the condition builder and in descriptions, before the groups */
  readonly label: string;
  /** whether a user in `memberOf` of the `listed` (distinct) groups passes */
  passes(memberOf: number, listed: number): boolean;
  bits(dir: CompiledDirectory, groupIds: readonly string[]): Bits;
  /** per op of an earlier condition on groups `a`: whether passing this op on groups `b` implies it */
  readonly implies: Readonly<Partial<Record<GroupOp, (b: readonly string[], a: readonly string[]) => boolean>>>;
}

export const GROUP_OPERATORS: Readonly<Record<GroupOp, GroupOperatorSpec>> = {
  any: {
    label: "member of any of",
    passes: (memberOf) => memberOf > 0,
    bits: membersOfAny,
    implies: { any: (b, a) => subset(b, a), all: (b, a) => new Set(b).size === 1 && subset(a, b) },
  },
  all: {
    label: "member of all of",
    passes: (memberOf, listed) => memberOf === listed,
    bits: membersOfAll,
    implies: { any: (b, a) => b.some((x) => a.includes(x)), all: (b, a) => subset(a, b) },
  },
  none: {
    label: "member of none of",
    passes: (memberOf) => memberOf === 0,
    bits(dir, groupIds) {
      const bits = membersOfAny(dir, groupIds);
      invertInto(bits, dir.size);
      return bits;
    },
    implies: { none: (b, a) => subset(a, b) },
  },
};

export const groupKind: ConditionKind<GroupCondition> = {
  key: (c) => JSON.stringify(["group", c.op, sortedSet(c.groupIds)]),
  bits: (dir, c) => GROUP_OPERATORS[c.op].bits(dir, c.groupIds),
  check(user, c, groupName) {
    const listed = [...new Set(c.groupIds)];
    const mine = new Set(user.groupIds);
    const memberOf = listed.filter((id) => mine.has(id));
    return {
      expected: `${GROUP_OPERATORS[c.op].label} ${groupNames(listed, groupName)}`,
      actual: memberOf.length === 0 ? "member of none of them" : `member of ${groupNames(memberOf, groupName)}`,
      passed: GROUP_OPERATORS[c.op].passes(memberOf.length, listed.length),
    };
  },
  describe: (c, groupName) => `${GROUP_OPERATORS[c.op].label} ${groupNames(c.groupIds, groupName)}`,
  implies: (b, a) => GROUP_OPERATORS[b.op].implies[a.op]?.(b.groupIds, a.groupIds) ?? false,
};
