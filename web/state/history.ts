/**
 * The published versions: the list (who, when, note, what changed vs the version before),
 * one version's rules, the diff between any two, and rollback (publishing an old version
 * again as a new one, after the admin confirmed it).
 */
import { createSignal } from "solid-js";
import type { RuleSetDiff, Version, VersionInfo } from "../../shared/api/schemas.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import type { PropertyImpact } from "../worker/contract.ts";
import type { Api } from "./api.ts";

/** How many rows of the list get their change counts (one diff request each). */
export const COUNTED_ROWS = 25;

export interface ChangeCounts {
  properties: number;
  added: number;
  removed: number;
  changed: number;
  moved: number;
}

export interface Comparison {
  diff: RuleSetDiff;
  /** the rules on each side, to name rules by name rather than id */
  from: RuleSet;
  to: RuleSet;
}

export function countChanges(diff: RuleSetDiff): ChangeCounts {
  const sum = (f: (p: RuleSetDiff["properties"][number]) => number) => diff.properties.reduce((n, p) => n + f(p), 0);
  return {
    properties: diff.properties.length,
    added: sum((p) => p.added.length),
    removed: sum((p) => p.removed.length),
    changed: sum((p) => p.changed.length),
    moved: sum((p) => p.moved.length),
  };
}

const EMPTY: RuleSet = { schemaVersion: 1, settings: { suspended: "deny" }, properties: {} };

export function createHistory(deps: {
  api: Pick<Api, "versions" | "version" | "diff" | "rollback">;
  /** the version the editor believes is current (the rollback's expected version) */
  currentVersion: () => number;
  /** after a rollback: the new version and its rules */
  onRolledBack: (info: VersionInfo, ruleSet: RuleSet) => Promise<void> | void;
  /** who gains and loses access per property if `ruleSet` replaced the published rules */
  impact: (ruleSet: RuleSet) => Promise<PropertyImpact[]>;
}) {
  const [versions, setVersions] = createSignal<VersionInfo[]>([]);
  const [counts, setCounts] = createSignal<Record<number, ChangeCounts>>({});
  const [error, setError] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const rules = new Map<number, RuleSet>([[0, EMPTY]]);

  async function rulesOf(n: number): Promise<RuleSet | null> {
    const known = rules.get(n);
    if (known) return known;
    const r = await deps.api.version(n);
    if (!r.ok) {
      setError(r.error.message);
      return null;
    }
    rules.set(n, r.value.ruleSet);
    return r.value.ruleSet;
  }

  return {
    versions,
    counts,
    error,
    loading,
    async load(): Promise<void> {
      setLoading(true);
      const r = await deps.api.versions();
      setLoading(false);
      if (!r.ok) return void setError(r.error.message);
      setError(null);
      const list = [...r.value].sort((a, b) => b.version - a.version);
      setVersions(list);
      const next: Record<number, ChangeCounts> = {};
      for (const info of list.slice(0, COUNTED_ROWS)) {
        const d = await deps.api.diff(info.version - 1, info.version);
        if (d.ok) next[info.version] = countChanges(d.value);
      }
      setCounts(next);
    },
    async view(n: number): Promise<Version | null> {
      const r = await deps.api.version(n);
      if (!r.ok) {
        setError(r.error.message);
        return null;
      }
      rules.set(n, r.value.ruleSet);
      return r.value;
    },
    async compare(from: number, to: number): Promise<Comparison | null> {
      const d = await deps.api.diff(from, to);
      if (!d.ok) {
        setError(d.error.message);
        return null;
      }
      const [a, b] = await Promise.all([rulesOf(from), rulesOf(to)]);
      return a && b ? { diff: d.value, from: a, to: b } : null;
    },
    /** What rolling back to `n` changes: the diff from the current version and who loses access. */
    async rollbackPreview(n: number): Promise<{ comparison: Comparison | null; impact: PropertyImpact[] }> {
      const comparison = await this.compare(deps.currentVersion(), n);
      const rules = comparison?.to ?? (await rulesOf(n));
      return { comparison, impact: rules ? await deps.impact(rules) : [] };
    },
    /** Publish version `n`'s rules again as a new version; false (with error()) when refused. */
    async rollback(n: number, note: string): Promise<boolean> {
      const r = await deps.api.rollback(n, note.trim(), deps.currentVersion());
      if (!r.ok) {
        setError(r.error.message);
        return false;
      }
      const ruleSet = await rulesOf(n);
      if (ruleSet) await deps.onRolledBack(r.value, ruleSet);
      setError(null);
      await this.load();
      return true;
    },
  };
}
export type HistoryStore = ReturnType<typeof createHistory>;
