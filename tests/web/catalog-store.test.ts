/**
 * The catalog store over the real API client against the real edge (demo mode): the Genea
 * catalog read and kept in IndexedDB; offline, the kept copy; with neither, the edge's reason.
 */
import "fake-indexeddb/auto";
import { createRoot } from "solid-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fail } from "../../shared/result.ts";
import { createCatalog } from "../../web/state/catalog.ts";
import { openCache } from "../../web/storage/cache.ts";
import { type EdgeProcess, startEdge } from "../support/edge-process.ts";
import { signedInTab } from "../support/web-edge.ts";

const PASSWORD = "catalog-store-harbour-5";
let edge: EdgeProcess;
beforeAll(async () => {
  edge = await startEdge(); // demo mode: the Genea sandbox has a catalog
}, 120_000);
afterAll(async () => {
  await edge?.stop();
});

const offline = { catalog: async () => fail("offline" as const, "The edge cannot be reached") };

describe("createCatalog()", () => {
  it("reads the catalog from the edge and keeps it, so it still names things offline", async () => {
    const { api } = await signedInTab(edge, PASSWORD);
    const cache = await openCache("catalog-store-1");
    const online = createRoot(() => createCatalog({ api, cache }));
    await online.load();
    expect(online.current()?.locations.map((l) => l.name)).toEqual(["San Francisco HQ", "New York", "London"]);
    expect(online.error()).toBeNull();
    const later = createRoot(() => createCatalog({ api: offline, cache }));
    await later.load();
    expect(later.current()).toEqual(online.current());
    expect(later.error()).toBeNull();
    cache.close();
  });

  it("says why when neither the edge nor the cache has one", async () => {
    const cache = await openCache("catalog-store-2");
    const store = createRoot(() => createCatalog({ api: offline, cache }));
    await store.load();
    expect(store.current()).toBeNull();
    expect(store.error()).toBe("The edge cannot be reached");
    cache.close();
  });
});
