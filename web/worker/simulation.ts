/**
 * The simulation core the worker exposes: the decoded directory, the compiled incremental
 * engine, the published rules and current Genea state to compare against. Synchronous and
 * free of worker APIs so tests call it directly; `simulation.worker.ts` only exposes it.
 */
import { decodeDirectory } from "../../shared/directory/compact.ts";
import type { Directory } from "../../shared/directory/model.ts";
import type { Catalog, GeneaState } from "../../shared/genea/model.ts";
import { compileDirectory, createEngine, type Engine, type Finding, lint } from "../../shared/rules/index.ts";
import { emptyRuleSet, type RuleSet } from "../../shared/rules/model.ts";
import type { Outcome } from "../../shared/rules/outcome.ts";
import { ok, type Result } from "../../shared/result.ts";
import type { StoredSnapshot } from "../storage/schema.ts";
import { compareOutcomes, type PropertyComparison } from "./compare.ts";
import { createPropertyCache, narrow, propertyKey } from "./property-cache.ts";
import { createUserIndex, type UserIndex } from "./user-index.ts";
import { vsCurrentByProperty } from "./vs-current.ts";
import {
  type CachedSnapshotInfo,
  LOSERS_IN_SUMMARY,
  type PropertySummary,
  type SimulationApi,
  type SimulationSummary,
  type VsCurrent,
} from "./contract.ts";

interface Loaded {
  directory: Directory;
  engine: Engine;
  users: UserIndex;
}

export interface SimulationDeps {
  /** the browser cache's snapshot reader and writer (the worker entry passes IndexedDB's) */
  readCachedSnapshot?: () => Promise<Result<StoredSnapshot | null>>;
  writeCachedSnapshot?: (snapshot: StoredSnapshot) => Promise<void>;
}

/**
 * Conditions stay cached between edits, so an edit recomputes one condition: testing every
 * distinct value (a few ms over 100,000 emails) beats sorting the column first (~0.7 s, which
 * the edit that triggered it would wait for). The worker therefore never builds value indexes.
 */
const WORKER_COMPILE = { indexAfterEvaluations: Infinity };

export function createSimulation(deps: SimulationDeps = {}): SimulationApi {
  let cachedLoad: Promise<Result<CachedSnapshotInfo> | null> | null = null;
  let loaded: Loaded | null = null;
  let catalog: Catalog | null = null;
  let current: GeneaState | null = null;
  let published_: RuleSet | null = null; // trailing _: `published` names the baseline outcome below
  let publishedOutcome: Outcome | null = null;
  let draft: RuleSet | null = null;
  let draftOutcome: Outcome | null = null;
  let revision = 0;
  let comparisons: Record<string, PropertyComparison> = {};

  /** Everything a property's summary needs that only its own rules change. */
  const perProperty = createPropertyCache<{ ruleCounts: number[]; findings: Finding[]; comparison: PropertyComparison }>();
  function summariseProperty(uuid: string, draftPart: Outcome, publishedPart: Outcome) {
    const { engine, directory } = need();
    const counts = engine.counts(draftPart);
    const location = catalog?.locations.filter((l) => l.uuid === uuid) ?? [];
    const findings = catalog
      ? lint(draftPart.ruleSet, directory, { ...catalog, locations: location }, engine).filter((f) => f.propertyUuid === uuid)
      : [];
    return { ruleCounts: counts[uuid]?.perRule ?? [], findings, comparison: compareOutcomes(draftPart, publishedPart, counts)[uuid] };
  }
  /** Rules for a location the catalog does not know: not in any property's summary. */
  function unknownPropertyFindings(ruleSet: RuleSet): Finding[] {
    if (!catalog) return [];
    const known = new Set(catalog.locations.map((l) => l.uuid));
    const unknown = Object.keys(ruleSet.properties).filter((uuid) => !known.has(uuid));
    if (unknown.length === 0) return [];
    const only = { ...ruleSet, properties: Object.fromEntries(unknown.map((u) => [u, ruleSet.properties[u]])) };
    return lint(only, need().directory, { ...catalog, locations: [] }, need().engine);
  }

  const need = (): Loaded => {
    if (!loaded) throw new Error("simulation: loadSnapshot() must succeed before anything else");
    return loaded;
  };
  /**
   * The baseline changed: drop it and every per-property summary; it is evaluated again on
   * the next setDraft (lazily, so start-up does not evaluate it once per message).
   * With nothing published the baseline is "nobody synced": every grant is a gain.
   */
  const evaluatePublished = () => {
    perProperty.clear();
    publishedOutcome = null;
  };
  const baseline = (): Outcome => (publishedOutcome ??= need().engine.evaluate(published_ ?? emptyRuleSet(), catalog ?? undefined));

  return {
    loadSnapshot(bytes) {
      const decoded = decodeDirectory(bytes);
      if (!decoded.ok) return decoded;
      const directory = decoded.value;
      loaded = { directory, engine: createEngine(compileDirectory(directory, WORKER_COMPILE)), users: createUserIndex(directory.users) };
      evaluatePublished();
      return ok({ users: directory.users.length, groups: directory.groups.length, fetchedAt: directory.fetchedAt });
    },
    async storeSnapshot(bytes, etag, storedAt) {
      const info = this.loadSnapshot(bytes);
      if (!info.ok) return info;
      // The worker owns the snapshot: it keeps the bytes it compiled, the page only the info.
      await deps.writeCachedSnapshot?.({ bytes, etag, fetchedAt: info.value.fetchedAt, storedAt });
      cachedLoad = Promise.resolve(ok({ ...info.value, etag }));
      return info;
    },
    loadCachedSnapshot() {
      cachedLoad ??= (async () => {
        if (!deps.readCachedSnapshot) return null;
        const stored = await deps.readCachedSnapshot();
        if (!stored.ok) return stored;
        if (!stored.value) return null;
        const info = this.loadSnapshot(stored.value.bytes);
        return info.ok ? ok({ ...info.value, etag: stored.value.etag }) : info;
      })();
      return cachedLoad;
    },
    setCatalog(next) {
      catalog = next;
      evaluatePublished();
    },
    setPublished(ruleSet) {
      published_ = ruleSet;
      evaluatePublished();
    },
    setCurrentState(state, next) {
      current = state;
      catalog = next;
      evaluatePublished();
    },
    setDraft(ruleSet, focus): SimulationSummary {
      const session = need();
      const { engine, directory, users } = session;
      draft = ruleSet;
      let outcome: Outcome;
      let published: Outcome;
      if (focus !== undefined) {
        const only = (rs: RuleSet): RuleSet => ({ ...rs, properties: rs.properties[focus] ? { [focus]: rs.properties[focus] } : {} });
        const location = catalog ? { ...catalog, locations: catalog.locations.filter((l) => l.uuid === focus) } : undefined;
        outcome = engine.evaluate(only(ruleSet), location);
        published = engine.evaluate(only(published_ ?? emptyRuleSet()), location);
      } else {
        outcome = draftOutcome = engine.evaluate(ruleSet, catalog ?? undefined);
        published = baseline();
      }
      comparisons = {};
      const properties: PropertySummary[] = Object.keys(outcome.winners).map((uuid) => {
        const part = perProperty.get(
          uuid,
          propertyKey(ruleSet, uuid),
          () => summariseProperty(uuid, narrow(outcome, uuid), narrow(published, uuid)),
        );
        comparisons[uuid] = part.comparison;
        const c = part.comparison;
        return {
          locationUuid: uuid,
          synced: c.synced,
          gained: c.gained,
          lost: c.lost,
          changed: c.changed,
          ruleCounts: part.ruleCounts,
          findings: part.findings,
          losers: { total: c.lost, first: users.refs(c.losers.subarray(0, LOSERS_IN_SUMMARY)) },
          gainers: { total: c.gained, first: users.refs(c.gainers.subarray(0, LOSERS_IN_SUMMARY)) },
        };
      });
      const findings = focus === undefined ? unknownPropertyFindings(ruleSet) : [];
      return {
        revision: ++revision,
        users: directory.users.length,
        properties,
        findings,
        partial: focus !== undefined,
      };
    },
    compareWithCurrent() {
      const { directory } = need();
      if (!catalog || !current || !draftOutcome) return null;
      const byProperty: Record<string, VsCurrent> = {};
      const planned = vsCurrentByProperty({ directory, outcome: draftOutcome, catalog, current });
      for (const uuid of Object.keys(draftOutcome.winners)) byProperty[uuid] = planned[uuid] ?? { adds: 0, removes: 0, changes: 0 };
      return { revision, byProperty };
    },
    explain(userId, propertyUuid) {
      const { engine, users } = need();
      if (!draft || !users.has(userId)) return null;
      return engine.explain(draft, userId, propertyUuid);
    },
    lint(ruleSet) {
      return catalog ? lint(ruleSet, loaded?.directory ?? null, catalog, loaded?.engine) : [];
    },
    impact(ruleSet) {
      const { engine } = need();
      const outcome = engine.evaluate(ruleSet, catalog ?? undefined);
      const compared = compareOutcomes(outcome, baseline(), engine.counts(outcome));
      return Object.entries(compared).map(([locationUuid, c]) => ({ locationUuid, gained: c.gained, lost: c.lost }));
    },
    searchUsers(query, limit) {
      return need().users.search(query, limit);
    },
    listLosers(propertyUuid, offset, limit) {
      const losers = comparisons[propertyUuid]?.losers;
      return losers ? need().users.refs(losers.subarray(offset, offset + limit)) : [];
    },
    vocabulary() {
      const { directory, users } = need();
      const groups = directory.groups.map((g) => ({ id: g.id, name: g.name })).sort((a, b) => a.name.localeCompare(b.name));
      return { groups, attributes: users.attributeKeys() };
    },
  };
}
