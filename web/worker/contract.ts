/**
 * The ONE contract between the UI thread and the simulation worker. The worker owns the
 * decoded directory and the compiled engine; the UI only ever receives these compact
 * summaries (counts, first-N lists), never per-user arrays.
 */
import type { Catalog, GeneaState } from "../../shared/genea/model.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import type { Finding, Trace } from "../../shared/rules/index.ts";
import type { Result } from "../../shared/result.ts";

export type { Finding, Trace };

/** How many people each summary lists by name; the rest are paged with `listLosers`. */
export const LOSERS_IN_SUMMARY = 50;

export interface UserRef {
  id: string;
  name: string;
  email: string | null;
  login: string | null;
}

export interface SnapshotInfo {
  users: number;
  groups: number;
  fetchedAt: string;
}

export interface GroupRef {
  id: string;
  name: string;
}

/** What the rule editor's pickers offer: groups and the profile keys seen in the directory. */
export interface DirectoryVocabulary {
  groups: GroupRef[];
  attributes: string[];
}

export interface PropertyImpact {
  locationUuid: string;
  gained: number;
  lost: number;
}

export interface VsCurrent {
  adds: number;
  removes: number;
  changes: number;
}

export interface PropertySummary {
  locationUuid: string;
  /** users the draft syncs to this property (a grant rule won) */
  synced: number;
  /** vs the published rules */
  gained: number;
  lost: number;
  changed: number;
  /** users decided by each rule, index-aligned with the property's rules */
  ruleCounts: number[];
  findings: Finding[];
  /** who would lose access vs published: the first LOSERS_IN_SUMMARY and the total */
  losers: { total: number; first: UserRef[] };
  /** who would gain access vs published: the first LOSERS_IN_SUMMARY and the total */
  gainers: { total: number; first: UserRef[] };
}

/**
 * Draft vs what Genea holds now, per property. Planning against Genea is ~10× the cost of an
 * evaluation at 100,000 users, so it is asked for separately, after edits settle.
 */
export interface CurrentComparison {
  /** the SimulationSummary revision this compares */
  revision: number;
  byProperty: Record<string, VsCurrent>;
}

export interface SimulationSummary {
  /** increases with every setDraft, so the UI can drop stale answers */
  revision: number;
  users: number;
  properties: PropertySummary[];
  /** findings not tied to one property (e.g. settings) */
  findings: Finding[];
  /** true when only the focused property was evaluated */
  partial: boolean;
}

/** A snapshot the worker loaded from the browser cache itself, with the ETag it was stored under. */
export interface CachedSnapshotInfo extends SnapshotInfo {
  etag: string | null;
}

export interface SimulationApi {
  /** Decode the compressed snapshot and compile the engine over it. */
  loadSnapshot(bytes: Uint8Array): Result<SnapshotInfo>;
  /**
   * Load a snapshot just downloaded (checked against its ETag) and keep it in IndexedDB,
   * replacing the cached one (and the download's chunks) in one transaction.
   */
  storeSnapshot(bytes: Uint8Array, etag: string, storedAt: string): Promise<Result<SnapshotInfo>>;
  /**
   * Read the snapshot cached in IndexedDB (from inside the worker, in parallel with the
   * page's start-up) and load it; null when nothing is cached. Repeated calls share one load.
   */
  loadCachedSnapshot(): Promise<Result<CachedSnapshotInfo> | null>;
  /** The Genea catalog (locations, access groups, roles): lint and "all properties" need it. */
  setCatalog(catalog: Catalog): void;
  setPublished(ruleSet: RuleSet | null): void;
  setCurrentState(state: GeneaState, catalog: Catalog): void;
  /**
   * Simulate the draft. With `focus`, only that property is evaluated (a partial summary,
   * `partial: true`): start-up shows the visible property's numbers before the rest.
   */
  setDraft(ruleSet: RuleSet, focus?: string): SimulationSummary;
  /** The latest draft vs current Genea state; null until setCurrentState has been called. */
  compareWithCurrent(): CurrentComparison | null;
  explain(userId: string, propertyUuid: string): Trace | null;
  lint(ruleSet: RuleSet): Finding[];
  /**
   * Who would gain and lose access per property if `ruleSet` were published instead of the
   * published rules (a rollback target, a share link), without touching the draft's summary.
   */
  impact(ruleSet: RuleSet): PropertyImpact[];
  searchUsers(query: string, limit: number): UserRef[];
  /** A page of the people who would lose access at a property (for the virtual list). */
  listLosers(propertyUuid: string, offset: number, limit: number): UserRef[];
  vocabulary(): DirectoryVocabulary;
}

/** The worker as the UI thread sees it (through comlink every call is asynchronous). */
export type SimulationClient = {
  [K in keyof SimulationApi]: (...args: Parameters<SimulationApi[K]>) => Promise<Awaited<ReturnType<SimulationApi[K]>>>;
};
