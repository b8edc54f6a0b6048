/** The decision trace `explain` produces: why one user gets what they get at one property. */
import type { Condition, Rule } from "./model.ts";
import type { SkipReason } from "./outcome.ts";

export interface ConditionTrace {
  index: number;
  kind: Condition["kind"];
  /** the condition in plain words, e.g. 'department equals "Engineering"' */
  description: string;
  /** what the condition asks for, e.g. 'equals "Engineering"' or 'any of Employees, Sales' */
  expected: string;
  /** the user's side: attribute value, the listed groups they belong to, or their status */
  actual: string;
  /** null when the rule was not evaluated (disabled, skipped user, an earlier rule won) */
  passed: boolean | null;
  /** extra detail, e.g. why a pattern was refused */
  note?: string;
}

/**
 * - won: the first enabled rule whose conditions match; evaluation stops here
 * - not-matched: evaluated, conditions not met
 * - disabled: skipped because it is disabled
 * - not-evaluated: an earlier rule won, or the user is skipped everywhere
 */
export type RuleVerdict = "won" | "not-matched" | "disabled" | "not-evaluated";

export interface RuleTrace {
  index: number;
  id: string;
  name: string;
  enabled: boolean;
  match: Rule["match"];
  action: Rule["actions"]["kind"];
  conditions: ConditionTrace[];
  verdict: RuleVerdict;
  /** the verdict in words, e.g. "not evaluated: an earlier rule won" */
  reason: string;
}

/**
 * - unknown-user: no user with this id in the directory
 * - skipped: synced nowhere (see `skipped`)
 * - won: rule `winner` decided (a grant, or an exclusion when `action` is "exclude")
 * - no-match: no enabled rule matched; not synced to this property
 */
export type Decision = "unknown-user" | "skipped" | "won" | "no-match";

export interface Trace {
  userId: string;
  locationUuid: string;
  decision: Decision;
  skipped: SkipReason | null;
  /** index of the winning rule, NO_MATCH or SKIPPED, exactly as in Outcome.winners */
  winner: number;
  winnerRuleId: string | null;
  /** the winning rule's action kind, or null */
  action: Rule["actions"]["kind"] | null;
  rules: RuleTrace[];
  /** one sentence for the UI, e.g. 'Rule "Staff" won: access granted' */
  summary: string;
}
