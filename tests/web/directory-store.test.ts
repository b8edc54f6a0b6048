import "fake-indexeddb/auto";
import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import type { RefreshJob } from "../../shared/api/schemas.ts";
import { fail, ok } from "../../shared/result.ts";
import { createDirectory } from "../../web/state/directory.ts";
import { openCache } from "../../web/storage/cache.ts";
import { createSimulation } from "../../web/worker/simulation.ts";
import type { SimulationClient } from "../../web/worker/contract.ts";
import type { Api } from "../../web/state/api.ts";
import { directoryBytes, webDirectory } from "../support/web-factories.ts";

let n = 0;
const job = (state: RefreshJob["state"], users: number): RefreshJob => ({
  id: "job-1", state, requests: users / 100, users, groups: 3, error: state === "failed" ? "Okta answered 429 too many times." : null,
  startedAt: "2026-11-28T10:00:00.000Z", finishedAt: null,
});

/** The real worker core, called as the UI calls it through comlink (asynchronously). */
async function setup(edge: Partial<Pick<Api, "directory" | "startRefresh" | "refreshJob">>) {
  const cache = await openCache(`directory-store-${++n}`);
  const core = createSimulation({ readCachedSnapshot: () => cache.readSnapshot() });
  const sim = {
    loadSnapshot: async (b: Uint8Array) => core.loadSnapshot(b),
    loadCachedSnapshot: () => core.loadCachedSnapshot(),
  } as Pick<SimulationClient, "loadSnapshot" | "loadCachedSnapshot">;
  const api = {
    directory: edge.directory ?? (async () => fail("offline", "Could not reach the doorsync server.")),
    startRefresh: edge.startRefresh ?? (async () => fail("offline", "Could not reach the doorsync server.")),
    refreshJob: edge.refreshJob ?? (async () => fail("offline", "Could not reach the doorsync server.")),
  };
  const store = createRoot(() => createDirectory({ api, cache, sim, sleep: async () => {}, now: () => new Date("2026-11-28T12:00:00.000Z") }));
  return { store, cache, core };
}

describe("createDirectory()", () => {
  it("downloads, stores and loads a snapshot when nothing is cached", async () => {
    const { store, cache } = await setup({ directory: async () => ok({ bytes: directoryBytes(webDirectory(6)), etag: '"e1"' }) });
    expect(await store.loadCached()).toBe(false);
    expect(await store.checkForUpdate()).toBe(true);
    expect(store.info()).toEqual({ users: 6, groups: 3, fetchedAt: "2026-11-28T10:00:00.000Z" });
    const stored = await cache.readSnapshot();
    expect(stored.ok && stored.value?.etag).toBe('"e1"');
  });

  it("keeps simulating from the cache when the edge is unreachable, and says so", async () => {
    const first = await setup({ directory: async () => ok({ bytes: directoryBytes(webDirectory(4)), etag: '"e1"' }) });
    await first.store.checkForUpdate();
    // A second session over the same browser cache, with the edge gone.
    const name = `directory-store-${n}`;
    const cache = await openCache(name);
    const core = createSimulation({ readCachedSnapshot: () => cache.readSnapshot() });
    const store = createRoot(() =>
      createDirectory({
        api: { directory: async () => fail("offline", "x"), startRefresh: async () => fail("offline", "x"), refreshJob: async () => fail("offline", "x") },
        cache,
        sim: { loadSnapshot: async (b) => core.loadSnapshot(b), loadCachedSnapshot: () => core.loadCachedSnapshot() },
      }),
    );
    expect(await store.loadCached()).toBe(true);
    expect(await store.checkForUpdate()).toBe(false);
    expect(store.offline()).toBe(true);
    expect(store.info()?.users).toBe(4);
    expect(core.searchUsers("person3", 1).map((u) => u.id)).toEqual(["00u00003"]);
  });

  it("asks with the cached ETag and loads nothing new when the edge says not-modified", async () => {
    const asked: (string | null)[] = [];
    const bytes = directoryBytes(webDirectory(3));
    const { store } = await setup({
      directory: async (etag) => {
        asked.push(etag);
        return etag ? fail("not-modified", "current") : ok({ bytes, etag: '"e9"' });
      },
    });
    await store.checkForUpdate();
    expect(await store.checkForUpdate()).toBe(false);
    expect(asked).toEqual([null, '"e9"']);
  });

  it("refreshes from Okta: polls the job's progress, then downloads", async () => {
    const polls = [job("running", 200), job("running", 400), job("done", 600)];
    const { store } = await setup({
      startRefresh: async () => ok(job("running", 0)),
      refreshJob: async () => ok(polls.shift()!),
      directory: async () => ok({ bytes: directoryBytes(webDirectory(9)), etag: '"e2"' }),
    });
    const done = store.refreshFromOkta();
    expect(await done).toBe(true);
    expect(polls).toEqual([]);
    expect(store.refresh()).toEqual({ phase: "idle" });
    expect(store.info()?.users).toBe(9);
  });

  it("reports a failed refresh job in the job's own words", async () => {
    const { store } = await setup({ startRefresh: async () => ok(job("running", 0)), refreshJob: async () => ok(job("failed", 0)) });
    expect(await store.refreshFromOkta()).toBe(false);
    expect(store.refresh()).toEqual({ phase: "failed", message: "Okta answered 429 too many times." });
  });

  it("refuses a corrupt download with a sentence, keeping the snapshot it had", async () => {
    const { store } = await setup({ directory: async () => ok({ bytes: new Uint8Array([9, 9, 9]), etag: '"bad"' }) });
    expect(await store.checkForUpdate()).toBe(false);
    expect(store.error()).toMatch(/^The directory snapshot could not be read: /);
    expect(store.info()).toBeNull();
  });
});
