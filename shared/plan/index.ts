/**
 * Planning: desired (an Outcome) vs current Genea state → Genea operations; applying a plan to
 * a state; summaries; and diffs between two outcomes.
 */
export { plan, type PlanInput } from "./plan.ts";
export { applyPlan, plannedUserUuid } from "./apply.ts";
export { type KindCounts, type PlanSummary, summarisePlan } from "./summary.ts";
export { diffOutcomes, GRANT_FIELDS } from "./diff-outcomes.ts";
export type { ChangedEntry, DiffEntry, GrantField, OutcomeDiff, PropertyDiff } from "./diff-outcomes.ts";
export { desiredProfile, normaliseEmail, profileChanges } from "./profile.ts";
export { OPERATION_ORDER } from "./operations.ts";
export { type AbsentStatus, emptyGrant, type Ledger, type LedgerEntry, LedgerEntrySchema, type LedgerLink } from "./ledger.ts";
export type {
  LocationGrant,
  Operation,
  OperationKind,
  OperationOf,
  Placement,
  Plan,
  PlanReason,
  PlanUser,
  ProfileChange,
  SkippedReason,
  SkippedUser,
  UnmanagedReason,
  UnmanagedUser,
} from "./operations.ts";
