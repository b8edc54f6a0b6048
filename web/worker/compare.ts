/**
 * Draft vs published, per property, on top of the shared `diffOutcomes`: the counts the
 * what-if panel shows and the directory indexes of who would lose access (paged later).
 */
import { diffOutcomes } from "../../shared/plan/index.ts";
import type { PropertyCounts } from "../../shared/rules/index.ts";
import type { Outcome } from "../../shared/rules/outcome.ts";

export interface PropertyComparison {
  synced: number;
  gained: number;
  lost: number;
  changed: number;
  /** indexes (into the directory's users) of those who lose access */
  losers: Int32Array;
  /** indexes of those who gain access */
  gainers: Int32Array;
}

/** Users a grant rule decides (exclude rules decide too, but sync nobody). */
function syncedAt(outcome: Outcome, uuid: string, counts: PropertyCounts | undefined): number {
  const rules = outcome.ruleSet.properties[uuid]?.rules ?? [];
  let n = 0;
  rules.forEach((r, i) => r.actions.kind === "grant" && (n += counts?.perRule[i] ?? 0));
  return n;
}

export function compareOutcomes(
  draft: Outcome,
  published: Outcome,
  counts: Record<string, PropertyCounts>,
): Record<string, PropertyComparison> {
  const out: Record<string, PropertyComparison> = {};
  for (const p of diffOutcomes(published, draft).properties) {
    if (!(p.propertyUuid in draft.winners)) continue;
    out[p.propertyUuid] = {
      synced: syncedAt(draft, p.propertyUuid, counts[p.propertyUuid]),
      gained: p.gained.length,
      lost: p.lost.length,
      changed: p.changed.length,
      losers: Int32Array.from(p.lost, (e) => e.afterIndex ?? e.beforeIndex ?? -1).filter((i) => i >= 0),
      gainers: Int32Array.from(p.gained, (e) => e.afterIndex ?? e.beforeIndex ?? -1).filter((i) => i >= 0),
    };
  }
  for (const uuid of Object.keys(draft.winners)) {
    out[uuid] ??= {
      synced: syncedAt(draft, uuid, counts[uuid]),
      gained: 0,
      lost: 0,
      changed: 0,
      losers: new Int32Array(0),
      gainers: new Int32Array(0),
    };
  }
  return out;
}
