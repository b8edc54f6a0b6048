/** Okta status conditions: the user's status is one of the listed ones. */
import * as v from "valibot";
import { OktaStatusSchema } from "../../directory/model.ts";
import { usersWithStatus } from "../engine/statuses.ts";
import { sortedSet } from "./fields.ts";
import type { ConditionKind } from "./kind.ts";

export const StatusConditionSchema = v.strictObject({
  kind: v.literal("status"),
  /** user status is one of */
  statuses: v.pipe(v.array(OktaStatusSchema), v.minLength(1, "needs at least one status")),
});
export type StatusCondition = v.InferOutput<typeof StatusConditionSchema>;

export const statusKind: ConditionKind<StatusCondition> = {
  key: (c) => JSON.stringify(["status", sortedSet(c.statuses)]),
  bits: (dir, c) => usersWithStatus(dir, c.statuses),
  check: (user, c) => ({ expected: `one of ${c.statuses.join(", ")}`, actual: user.status, passed: c.statuses.includes(user.status) }),
  describe: (c) => `Okta status is one of ${c.statuses.join(", ")}`,
  implies: (b, a) => b.statuses.every((s) => a.statuses.includes(s)),
};
