import "fake-indexeddb/auto";
import { createRoot } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import type { Draft, VersionInfo } from "../../shared/api/schemas.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import { fail, ok } from "../../shared/result.ts";
import type { Api } from "../../web/state/api.ts";
import { createDraft } from "../../web/state/draft.ts";
import { createPublisher } from "../../web/state/publish.ts";
import { openCache } from "../../web/storage/cache.ts";
import { grantRule, HQ, ruleSetOf, webCatalog } from "../support/web-factories.ts";

let n = 0;
const v = (version: number): VersionInfo => ({ version, publishedAt: "2026-11-28T09:00:00.000Z", publishedBy: "alice", note: "", contentHash: "h", rolledBackFrom: null });
const remoteSet = ruleSetOf({ [HQ]: [grantRule("remote", [])] });
const localSet = ruleSetOf({ [HQ]: [grantRule("local", [])] });

type EdgeApi = Pick<Api, "draft" | "saveDraft" | "versions" | "version" | "catalog" | "publish">;
function edge(overrides: Partial<EdgeApi> = {}): EdgeApi {
  return {
    draft: async () => ok<Draft>({ ruleSet: remoteSet, baseVersion: 1, updatedAt: null, updatedBy: null }),
    saveDraft: vi.fn(async (ruleSet: RuleSet, baseVersion: number) => ok<Draft>({ ruleSet, baseVersion, updatedAt: null, updatedBy: null })),
    versions: async () => ok([v(1)]),
    version: async (k: number) => ok({ ...v(k), ruleSet: remoteSet }),
    catalog: async () => ok(webCatalog()),
    publish: async () => ok(v(2)),
    ...overrides,
  };
}

async function setup(api: EdgeApi, name = `draft-store-${++n}`) {
  const cache = await openCache(name);
  const onChange = vi.fn();
  const onPublished = vi.fn();
  const draft = createRoot(() => createDraft({ api, cache, onChange, onPublished, saveDelayMs: 0 }));
  return { draft, cache, onChange, onPublished };
}

describe("createDraft()", () => {
  it("loads the edge's draft, the catalog and the published rules", async () => {
    const { draft, onChange, onPublished } = await setup(edge());
    await draft.load();
    expect(draft.ruleSet()).toEqual(remoteSet);
    expect(draft.catalog()).toEqual(webCatalog());
    expect(draft.published()?.version).toBe(1);
    expect(onPublished).toHaveBeenCalledWith(remoteSet);
    expect(onChange).toHaveBeenLastCalledWith(remoteSet);
  });

  it("keeps every edit in IndexedDB at once, marked unsynced until the edge has it", async () => {
    const api = edge({ saveDraft: async () => fail("offline", "Could not reach the doorsync server.") });
    const { draft, cache } = await setup(api);
    await draft.load();
    draft.edit(localSet);
    await vi.waitFor(() => expect(draft.saveState()).toBe("offline"));
    const stored = await cache.readDraft();
    expect(stored.ok && stored.value).toMatchObject({ ruleSet: localSet, unsynced: true });
  });

  it("after a crash, prefers the unsynced local draft to the edge's and saves it", async () => {
    const name = `draft-store-${++n}`;
    const cache = await openCache(name);
    await cache.writeDraft({ ruleSet: localSet, baseVersion: 1, savedAt: "2026-11-28T11:00:00.000Z", unsynced: true });
    const api = edge();
    const { draft } = await setup(api, name);
    await draft.load();
    expect(draft.ruleSet()).toEqual(localSet);
    await vi.waitFor(() => expect(api.saveDraft).toHaveBeenCalledWith(localSet, 1));
    await vi.waitFor(() => expect(draft.saveState()).toBe("saved"));
  });

  it("uses the cached catalog when the edge is unreachable", async () => {
    const name = `draft-store-${++n}`;
    const first = await setup(edge(), name);
    await first.draft.load();
    const offline = edge({ catalog: async () => fail("offline", "Could not reach the doorsync server.") });
    const { draft } = await setup(offline, name);
    await draft.load();
    expect(draft.catalog()).toEqual(webCatalog());
  });
});

describe("createPublisher()", () => {
  it("publishes the draft with a note against the version it started from", async () => {
    const publish = vi.fn(async () => ok(v(2)));
    const { draft } = await setup(edge({ publish }));
    await draft.load();
    const onPublished = vi.fn();
    const publisher = createRoot(() => createPublisher({ api: { publish }, draft, onPublished }));
    expect(await publisher.publish("  New doors for HQ  ")).toBe(true);
    expect(publish).toHaveBeenCalledWith("New doors for HQ", 1, remoteSet);
    expect(publisher.state()).toMatchObject({ phase: "published", version: { version: 2 } });
    expect(draft.baseVersion()).toBe(2);
    expect(onPublished).toHaveBeenCalledWith(remoteSet);
  });

  it("turns a 409 into a conflict sentence and reloads the newer version on request", async () => {
    let latest = 1;
    const publish = async () => fail("conflict", "Version 2 was published by bob.");
    const { draft } = await setup(edge({ publish, versions: async () => ok(Array.from({ length: latest }, (_, i) => v(i + 1))) }));
    await draft.load();
    const publisher = createRoot(() => createPublisher({ api: { publish }, draft, onPublished: () => {} }));
    latest = 2;
    expect(await publisher.publish("mine")).toBe(false);
    const state = publisher.state();
    expect(state.phase).toBe("conflict");
    if (state.phase === "conflict") expect(state.message).toMatch(/^Someone else published a new version after you started \(you expected version 1\)\..*bob/);
    await publisher.reload();
    expect(draft.published()?.version).toBe(2);
    expect(draft.baseVersion()).toBe(2);
    expect(publisher.state()).toEqual({ phase: "idle" });
  });
});
