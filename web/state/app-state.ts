/**
 * Wires the stores together for one signed-in session: directory cache → worker, draft
 * edits → simulator, publish → worker's published rules. Pass the world in (api, cache,
 * worker client) so tests build the same graph over fakes of the outside only.
 */
import { createSignal } from "solid-js";
import type { Rule, RuleSet } from "../../shared/rules/model.ts";
import type { Cache } from "../storage/cache.ts";
import type { DirectoryVocabulary, SimulationClient } from "../worker/contract.ts";
import type { Api } from "./api.ts";
import { createDirectory } from "./directory.ts";
import { createCatalog } from "./catalog.ts";
import { createDraft } from "./draft.ts";
import { createHistory } from "./history.ts";
import { createPublisher } from "./publish.ts";
import { deleteRule, insertRule } from "./rule-ops.ts";
import { createSharedRules } from "./shared-rules.ts";
import { createSimulator } from "./simulator.ts";
import { createUndo } from "./undo.ts";

export interface WorkspaceDeps {
  api: Api;
  cache: Cache;
  sim: SimulationClient;
  now?: () => Date;
  perf?: Pick<Performance, "mark"> | null;
}

export function createWorkspace(deps: WorkspaceDeps) {
  const perf = deps.perf === undefined ? (globalThis.performance ?? null) : deps.perf;
  const simulator = createSimulator(deps.sim, perf);
  const [vocabulary, setVocabulary] = createSignal<DirectoryVocabulary>({ groups: [], attributes: [] });
  const [ready, setReady] = createSignal(false);
  const directory = createDirectory({ api: deps.api, cache: deps.cache, sim: deps.sim, now: deps.now });
  const catalog = createCatalog({ api: deps.api, cache: deps.cache });
  const draft = createDraft({
    api: deps.api,
    cache: deps.cache,
    now: deps.now,
    onChange: (rs) => {
      if (ready() && directory.info()) void simulator.request(rs);
    },
    onPublished: (rs) => {
      // During start-up the first simulation follows anyway; afterwards re-simulate.
      void deps.sim.setPublished(rs).then(() => {
        if (ready() && directory.info()) void simulator.request(draft.ruleSet());
      });
    },
  });
  const undo = createUndo((next) => draft.put(next), () => draft.ruleSet());
  /** Offer to bring back the whole draft as it was before `label` happened. */
  const offerRestore = (before: RuleSet, label: string) => undo.push({ label, revert: () => before, wholeDraft: true });
  const totalLosses = () => (simulator.summary()?.properties ?? []).reduce((n, p) => n + p.lost, 0);
  const publishedChanged = (rs: RuleSet) => void deps.sim.setPublished(rs).then(() => simulator.request(draft.ruleSet()));
  const publisher = createPublisher({
    api: deps.api,
    draft,
    losses: totalLosses,
    onPublished: publishedChanged,
    beforeReplace: offerRestore,
  });
  const history = createHistory({
    api: deps.api,
    currentVersion: () => draft.published()?.version ?? 0,
    impact: (rs) => deps.sim.impact(rs),
    async onRolledBack(info, ruleSet) {
      offerRestore(draft.ruleSet(), `Rolled back to version ${info.rolledBackFrom}: your draft now holds its rules`);
      draft.setPublishedVersion(info, ruleSet);
      publishedChanged(ruleSet);
      await draft.put(structuredClone(ruleSet), info.version);
    },
  });
  const shared = createSharedRules({
    known: () => catalog.current()?.locations.map((l) => l.uuid) ?? [],
    draft: () => draft.ruleSet(),
    published: () => draft.publishedRules(),
    publishedVersion: () => draft.published()?.version ?? 0,
    lint: (rs) => deps.sim.lint(rs),
    impact: (rs) => deps.sim.impact(rs),
    async apply(candidate, before) {
      await draft.put(candidate);
      offerRestore(before, "Imported the shared rules as your draft");
    },
  });

  async function simulateAfterLoad(): Promise<void> {
    setVocabulary(await deps.sim.vocabulary());
    await simulator.request(draft.ruleSet());
  }

  async function loadGeneaState(): Promise<void> {
    const known = catalog.current();
    if (!known) return;
    const state = await deps.api.geneaState();
    if (!state.ok) return;
    await deps.sim.setCurrentState(state.value, known);
    if (directory.info()) simulator.compareWhenIdle();
  }

  return {
    directory,
    catalog,
    draft,
    simulator,
    publisher,
    history,
    shared,
    undo,
    vocabulary,
    ready,
    sim: deps.sim,
    api: deps.api,
    /**
     * Cached directory and draft first, so the first simulation does not wait for the
     * network; then the edge is asked for a newer snapshot and the Genea state.
     */
    async start(): Promise<void> {
      perf?.mark("doorsync:start");
      const [hadCache] = await Promise.all([directory.loadCached(), draft.load(), catalog.load()]);
      const known = catalog.current();
      if (known) await deps.sim.setCatalog(known);
      if (!hadCache) await directory.checkForUpdate();
      perf?.mark("doorsync:ready-to-simulate");
      if (directory.info()) {
        // The first tab's numbers first (a partial simulation), then every property.
        const focus = known?.locations[0]?.uuid;
        if (focus) simulator.show(await deps.sim.setDraft(draft.ruleSet(), focus));
        perf?.mark("doorsync:first-result");
        await simulateAfterLoad();
      } else perf?.mark("doorsync:first-result");
      setReady(true);
      if (hadCache && (await directory.checkForUpdate())) await simulateAfterLoad();
      await loadGeneaState();
    },
    async refreshDirectory(): Promise<void> {
      if (await directory.refreshFromOkta()) await simulateAfterLoad();
    },
    /** Edit the draft (the undo offer for a whole-draft change lapses). */
    edit(next: RuleSet): void {
      undo.edited();
      if (publisher.state().phase === "published") publisher.reset(); // "Published version N" no longer describes the draft
      draft.edit(next);
    },
    /** Delete a rule, with an offer to put it back where it was. */
    deleteRule(property: string, rule: Rule, propertyName: string): void {
      const index = (draft.ruleSet().properties[property]?.rules ?? []).findIndex((r) => r.id === rule.id);
      if (index < 0) return;
      if (publisher.state().phase === "published") publisher.reset();
      draft.edit(deleteRule(draft.ruleSet(), property, rule.id));
      undo.push({
        label: `Deleted rule "${rule.name || rule.id}" at ${propertyName}`,
        revert: (rs) => insertRule(rs, property, rule, index),
        wholeDraft: false,
      });
    },
    /** Throw the draft away (back to the published rules), with an offer to undo. */
    async discardDraft(): Promise<void> {
      const before = draft.ruleSet();
      await draft.discard();
      offerRestore(before, "Discarded the draft");
    },
    /** Draft conflict: take the other tab's draft, with an offer to bring mine back. */
    async reloadTheirDraft(): Promise<void> {
      const mine = draft.ruleSet();
      if (await draft.reloadTheirs()) offerRestore(mine, "Reloaded the other draft over yours");
    },
  };
}
export type Workspace = ReturnType<typeof createWorkspace>;
