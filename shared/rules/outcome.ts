/**
 * The result of evaluating a rule set over a directory, in a compact columnar form so a
 * 100,000-user outcome stays cheap to produce, diff and ship between worker and UI.
 */
import type { RuleSet } from "./model.ts";

/** Winner index meaning "no enabled rule matched: not synced to this property". */
export const NO_MATCH = -1;
/** Winner index meaning "the user is skipped everywhere" (see `skipped`). */
export const SKIPPED = -2;

export type SkipReason = "no-email" | "deprovisioned" | "suspended";

export interface Outcome {
  ruleSet: RuleSet;
  /** Okta user ids, index-aligned with the directory's users. */
  userIds: readonly string[];
  /** Per user: why they are synced nowhere, or null. */
  skipped: readonly (SkipReason | null)[];
  /**
   * Per property uuid, per user: index of the winning rule, NO_MATCH or SKIPPED. Read-only:
   * an engine shares one array between the outcomes of identical rules.
   */
  winners: Readonly<Record<string, Int32Array>>;
}

/** What one user should have at one property, and the rule that decided it. */
export interface RuleGrant {
  locationUuid: string;
  ruleId: string;
  roleId: string;
  accessGroupIds: readonly string[];
  mobileKey: boolean;
  wallet: boolean;
}

/**
 * The desired assignment of user `index` at `locationUuid`, or null when the user is not
 * synced there (skipped, no rule matched, or the winning rule excludes them).
 */
export function grantOf(outcome: Outcome, index: number, locationUuid: string): RuleGrant | null {
  const winners = outcome.winners[locationUuid];
  if (!winners) return null;
  const w = winners[index];
  if (w < 0) return null;
  const rule = outcome.ruleSet.properties[locationUuid].rules[w];
  if (rule.actions.kind !== "grant") return null;
  return {
    locationUuid,
    ruleId: rule.id,
    roleId: rule.actions.roleId,
    accessGroupIds: rule.actions.accessGroupIds,
    mobileKey: rule.actions.mobileKey,
    wallet: rule.actions.wallet,
  };
}
