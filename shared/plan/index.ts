/**
 * Planning: desired (an Outcome) vs current Genea state → Genea operations; applying a plan to
 * a state; summaries; and diffs between two outcomes.
 */
export { plan, type PlanInput } from "./plan.ts";
export { applyPlan, plannedUserUuid } from "./apply.ts";
export { summarisePlan, type PlanSummary, type KindCounts } from "./summary.ts";
export { diffOutcomes, GRANT_FIELDS } from "./diff-outcomes.ts";
export type { GrantField, DiffEntry, ChangedEntry, PropertyDiff, OutcomeDiff } from "./diff-outcomes.ts";
export { desiredProfile, profileChanges, normaliseEmail } from "./profile.ts";
export { OPERATION_ORDER } from "./operations.ts";
export { LedgerEntrySchema, emptyGrant, type LedgerEntry, type Ledger, type LedgerLink, type AbsentStatus } from "./ledger.ts";
export type {
  Operation,
  OperationKind,
  OperationOf,
  Plan,
  PlanReason,
  PlanUser,
  Placement,
  LocationGrant,
  ProfileChange,
  SkippedReason,
  SkippedUser,
  UnmanagedReason,
  UnmanagedUser,
} from "./operations.ts";
