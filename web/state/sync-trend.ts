/**
 * The run history as a series over time for the chart: per run (oldest first) the changes it
 * made in Genea, grouped as additions, changes and removals, and its failed operations.
 * Dry runs and runs that wrote nothing (stopped, rejected) count zero: they changed nothing.
 */
import { groupTotal, total } from "./sync-words.ts";
import type { SyncRunView } from "../../shared/api/sync-views.ts";

export const SERIES = ["additions", "changes", "removals", "errors"] as const;
export type Series = (typeof SERIES)[number];

export interface TrendPoint extends Record<Series, number> {
  runId: string;
  at: string;
}

export function trendOf(runs: readonly SyncRunView[]): TrendPoint[] {
  return [...runs]
    .filter((r) => r.state !== "running")
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    .map((r) => {
      const wrote = r.mode === "apply";
      return {
        runId: r.id,
        at: r.startedAt,
        additions: wrote ? groupTotal(r.applied, "additions") : 0,
        changes: wrote ? groupTotal(r.applied, "changes") : 0,
        removals: wrote ? groupTotal(r.applied, "removals") : 0,
        errors: total(r.failed),
      };
    });
}

/** The chart's vertical scale: a round top at or above the largest value (at least 1). */
export function niceMax(points: readonly TrendPoint[]): number {
  const max = Math.max(1, ...points.flatMap((p) => SERIES.map((s) => p[s])));
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}
