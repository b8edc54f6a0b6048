/**
 * summarisePlan(): counts for the "vs current Genea" panel and the sync audit.
 */
import { type Operation, OPERATION_ORDER, type OperationKind, type Plan, type SkippedReason, type UnmanagedReason } from "./operations.ts";

export type KindCounts = Record<OperationKind, number>;

export interface PlanSummary {
  operations: number;
  /** distinct users with at least one operation */
  users: number;
  byKind: KindCounts;
  /** per location uuid: location operations there (createUser counts once per initial location) */
  byProperty: Record<string, KindCounts>;
  skipped: Partial<Record<SkippedReason, number>>;
  unmanaged: Partial<Record<UnmanagedReason, number>>;
}

const zero = (): KindCounts => Object.fromEntries(OPERATION_ORDER.map((k) => [k, 0])) as KindCounts;

function locationsOf(op: Operation): string[] {
  if (op.kind === "createUser") return op.locations.map((l) => l.locationUuid);
  return "locationUuid" in op ? [op.locationUuid] : [];
}

function count<K extends string>(keys: Iterable<K>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

export function summarisePlan(plan: Plan): PlanSummary {
  const byKind = zero();
  const byProperty: Record<string, KindCounts> = Object.create(null); // keyed by location uuid: no inherited keys
  const users = new Set<string>();
  for (const op of plan.operations) {
    byKind[op.kind]++;
    users.add(op.user.oktaId);
    for (const location of locationsOf(op)) (byProperty[location] ??= zero())[op.kind]++;
  }
  return {
    operations: plan.operations.length,
    users: users.size,
    byKind,
    byProperty,
    skipped: count(plan.skipped.map((s) => s.reason)),
    unmanaged: count(plan.unmanaged.map((u) => u.reason)),
  };
}
