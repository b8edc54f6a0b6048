/**
 * Wires the stores together for one signed-in session: directory cache → worker, draft
 * edits → simulator, publish → worker's published rules. Pass the world in (api, cache,
 * worker client) so tests build the same graph over fakes of the outside only.
 */
import { createSignal } from "solid-js";
import type { Cache } from "../storage/cache.ts";
import type { DirectoryVocabulary, SimulationClient } from "../worker/contract.ts";
import type { Api } from "./api.ts";
import { createDirectory } from "./directory.ts";
import { createDraft } from "./draft.ts";
import { createPublisher } from "./publish.ts";
import { createSimulator } from "./simulator.ts";

export interface AppDeps {
  api: Api;
  cache: Cache;
  sim: SimulationClient;
  now?: () => Date;
  perf?: Pick<Performance, "mark"> | null;
}

export function createWorkspace(deps: AppDeps) {
  const perf = deps.perf === undefined ? (globalThis.performance ?? null) : deps.perf;
  const simulator = createSimulator(deps.sim, perf);
  const [vocabulary, setVocabulary] = createSignal<DirectoryVocabulary>({ groups: [], attributes: [] });
  const [ready, setReady] = createSignal(false);
  const directory = createDirectory({ api: deps.api, cache: deps.cache, sim: deps.sim, now: deps.now });
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
  const publisher = createPublisher({
    api: deps.api,
    draft,
    onPublished: (rs) => void deps.sim.setPublished(rs).then(() => simulator.request(draft.ruleSet())),
  });

  async function simulateAfterLoad(): Promise<void> {
    setVocabulary(await deps.sim.vocabulary());
    await simulator.request(draft.ruleSet());
  }

  async function loadGeneaState(): Promise<void> {
    const catalog = draft.catalog();
    if (!catalog) return;
    const state = await deps.api.geneaState();
    if (!state.ok) return;
    await deps.sim.setCurrentState(state.value, catalog);
    if (directory.info()) simulator.compareWhenIdle();
  }

  return {
    directory,
    draft,
    simulator,
    publisher,
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
      const [hadCache] = await Promise.all([directory.loadCached(), draft.load()]);
      const catalog = draft.catalog();
      if (catalog) await deps.sim.setCatalog(catalog);
      if (!hadCache) await directory.checkForUpdate();
      perf?.mark("doorsync:ready-to-simulate");
      if (directory.info()) {
        // The first tab's numbers first (a partial simulation), then every property.
        const focus = catalog?.locations[0]?.uuid;
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
    async importLink(link: string): Promise<string | null> {
      const r = await deps.api.importLink(link);
      if (!r.ok) return r.error.message;
      draft.replace(r.value.ruleSet, r.value.baseVersion);
      return null;
    },
  };
}
export type Workspace = ReturnType<typeof createWorkspace>;
