/**
 * The draft and publish stores over the real API client against the real edge (demo mode):
 * serialised saves, the draft revision and its conflict choice, crash recovery from
 * IndexedDB, publishing with the loss confirmation, and a publish conflict whose "load
 * theirs" really loads the other admin's version.
 */
import "fake-indexeddb/auto";
import { createRoot } from "solid-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ROUTES } from "../../shared/api/routes.ts";
import type { Catalog } from "../../shared/genea/model.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import { createApi } from "../../web/state/api.ts";
import { createDraft } from "../../web/state/draft.ts";
import { createHistory } from "../../web/state/history.ts";
import { createPublisher } from "../../web/state/publish.ts";
import { openCache } from "../../web/storage/cache.ts";
import { type EdgeProcess, startEdge } from "../support/edge-process.ts";
import { lintCleanRuleSet } from "../support/edge-rules.ts";
import { signedInTab } from "../support/web-edge.ts";

const PASSWORD = "harbour-violet-engine-3";
let edge: EdgeProcess;
let catalog: Catalog;
let n = 0;
const isDraftSave = (method: string, url: string) => method === "PUT" && url.endsWith(ROUTES.draft);

/** A rule set that names `tag`, lint-clean against the demo catalog. */
function tagged(tag: string): RuleSet {
  const rs = lintCleanRuleSet(catalog);
  for (const p of Object.values(rs.properties)) p.rules[0].name = `Staff (${tag})`;
  return rs;
}

async function tab(name = `draft-store-${++n}`) {
  const { api, stats } = await signedInTab(edge, PASSWORD, isDraftSave);
  const cache = await openCache(name);
  const onChange = vi.fn();
  const onPublished = vi.fn();
  const draft = createRoot(() => createDraft({ api, cache, onChange, onPublished, saveDelayMs: 0 }));
  await draft.load();
  return { api, stats, draft, cache, onChange, onPublished };
}

beforeAll(async () => {
  edge = await startEdge(); // demo mode: the Genea sandbox gives a catalog to publish against
  const { api } = await signedInTab(edge, PASSWORD);
  for (let i = 0; i < 100; i++) {
    const c = await api.catalog();
    if (c.ok) {
      catalog = c.value;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);
afterAll(async () => {
  await edge?.stop();
});

describe("createDraft()", () => {
  it("loads the edge's draft at its revision and what is published", async () => {
    const t = await tab();
    expect(t.draft.revision()).toBe(0);
    expect(t.draft.published()).toBeNull();
    expect(t.draft.hasUnpublishedChanges()).toBe(false);
    expect(t.onPublished).toHaveBeenCalledWith(null);
  });

  it("serialises saves: never two in flight, and the edge ends with the last edit", async () => {
    const t = await tab();
    const edits = Array.from({ length: 8 }, (_, i) => tagged(`edit ${i}`));
    const saves: Promise<boolean>[] = [];
    for (const e of edits) {
      t.draft.edit(e);
      saves.push(t.draft.saveNow());
    }
    expect(await Promise.all(saves)).toEqual(edits.map(() => true));
    expect(t.stats.maxInFlight).toBe(1);
    expect(t.draft.saveState()).toBe("saved");
    const remote = await t.api.draft();
    expect(remote.ok && remote.value.ruleSet).toEqual(edits.at(-1));
    expect(remote.ok && remote.value.revision).toBe(t.draft.revision());
  });

  it("refuses a stale save with the choice: reload theirs, or keep mine", async () => {
    const a = await tab();
    const b = await tab();
    a.draft.edit(tagged("from tab A"));
    expect(await a.draft.saveNow()).toBe(true);
    b.draft.edit(tagged("from tab B"));
    expect(await b.draft.saveNow()).toBe(false);
    expect(b.draft.saveState()).toBe("conflict");
    expect(b.draft.conflict()).toMatchObject({ code: "draft-conflict", updatedBy: "admin", revision: a.draft.revision() });
    // Further edits stay local until the admin chooses.
    b.draft.edit(tagged("from tab B, again"));
    expect(b.draft.saveState()).toBe("conflict");
    expect(await b.draft.keepMine()).toBe(true);
    const remote = await a.api.draft();
    expect(remote.ok && remote.value.ruleSet).toEqual(tagged("from tab B, again"));
    // Now tab A is stale: it reloads B's draft.
    a.draft.edit(tagged("from tab A, stale"));
    expect(await a.draft.saveNow()).toBe(false);
    expect(await a.draft.reloadTheirs()).toBe(true);
    expect(a.draft.ruleSet()).toEqual(tagged("from tab B, again"));
    expect(a.draft.conflict()).toBeNull();
    expect(a.draft.saveState()).toBe("saved");
  });

  it("keeps every edit in IndexedDB at once, marked unsynced while the edge is unreachable", async () => {
    const name = `draft-store-${++n}`;
    const cache = await openCache(name);
    const api = createApi({ fetch: globalThis.fetch, baseUrl: "http://127.0.0.1:9" });
    const draft = createRoot(() => createDraft({ api, cache, onChange: () => {}, saveDelayMs: 0 }));
    await draft.load();
    draft.edit(tagged("offline"));
    expect(await draft.saveNow()).toBe(false);
    expect(draft.saveState()).toBe("offline");
    const stored = await cache.readDraft();
    expect(stored.ok && stored.value).toMatchObject({ ruleSet: tagged("offline"), unsynced: true });
  });

  it("after a crash, prefers the unsynced local draft and saves it against its revision", async () => {
    const first = await tab();
    const name = `draft-store-${++n}`;
    const cache = await openCache(name);
    await cache.writeDraft({
      ruleSet: tagged("crashed"),
      baseVersion: 0,
      revision: first.draft.revision(),
      savedAt: "2026-11-28T11:00:00.000Z",
      unsynced: true,
    });
    const t = await tab(name);
    expect(t.draft.ruleSet()).toEqual(tagged("crashed"));
    await vi.waitFor(() => expect(t.draft.saveState()).toBe("saved"));
    const remote = await t.api.draft();
    expect(remote.ok && remote.value.ruleSet).toEqual(tagged("crashed"));
  });

  it("discards the draft back to the published rules", async () => {
    const t = await tab();
    t.draft.edit(tagged("to discard"));
    expect(t.draft.hasUnpublishedChanges()).toBe(true);
    expect(await t.draft.discard()).toBe(true);
    expect(t.draft.ruleSet().properties).toEqual({});
    expect(t.draft.hasUnpublishedChanges()).toBe(false);
  });
});

describe("createPublisher()", () => {
  const publisherOf = (t: Awaited<ReturnType<typeof tab>>, losses = 0, onPublished = vi.fn()) =>
    createRoot(() => createPublisher({ api: t.api, draft: t.draft, losses: () => losses, onPublished }));

  it("publishes the draft with a note against the version it started from and rebases the draft", async () => {
    const t = await tab();
    t.draft.edit(tagged("v1"));
    const onPublished = vi.fn();
    const publisher = publisherOf(t, 0, onPublished);
    expect(await publisher.publish("  First rules  ")).toBe(true);
    expect(publisher.state()).toMatchObject({ phase: "published", version: { version: 1, note: "First rules" } });
    expect(t.draft.baseVersion()).toBe(1);
    expect(t.draft.hasUnpublishedChanges()).toBe(false);
    expect(onPublished).toHaveBeenCalledWith(tagged("v1"));
    const remote = await t.api.draft();
    expect(remote.ok && remote.value.baseVersion).toBe(1);
  });

  it("refuses to publish a loss of access unless the count was confirmed and a note given", async () => {
    const t = await tab();
    t.draft.edit(tagged("v2"));
    const publisher = publisherOf(t, 1030);
    expect(await publisher.publish("")).toBe(false);
    expect(publisher.state()).toMatchObject({ phase: "failed", message: expect.stringMatching(/removes door access for 1,030 people/) });
    expect(await publisher.publish("", 1030)).toBe(false);
    expect(await publisher.publish("Contractors leave New York", 1029)).toBe(false);
    expect(await publisher.publish("Contractors leave New York", 1030)).toBe(true);
  });

  it("after a publish conflict, 'load theirs' replaces the draft with the other admin's version", async () => {
    const a = await tab();
    const b = await tab();
    a.draft.edit(tagged("A's version"));
    expect(await publisherOf(a).publish("from A")).toBe(true);
    b.draft.edit(tagged("B's stale draft"));
    const publisher = publisherOf(b);
    expect(await publisher.publish("from B")).toBe(false);
    expect(publisher.state().phase).toBe("conflict");
    await publisher.loadTheirs();
    expect(b.draft.ruleSet()).toEqual(tagged("A's version"));
    expect(b.draft.published()?.note).toBe("from A");
    expect(b.draft.baseVersion()).toBe(b.draft.published()?.version);
    // Publishing now publishes A's rules unchanged, never B's stale draft.
    expect(b.draft.hasUnpublishedChanges()).toBe(false);
  });
});

describe("createHistory()", () => {
  it("lists the versions newest first with what each changed, compares two and rolls back", async () => {
    const t = await tab();
    const rolledBack = vi.fn();
    const history = createRoot(() =>
      createHistory({
        api: t.api,
        currentVersion: () => t.draft.published()?.version ?? 0,
        onRolledBack: rolledBack,
        impact: async () => [],
      })
    );
    await history.load();
    const list = history.versions().map((x) => x.version);
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list).toEqual([...list].sort((a, b) => b - a));
    const [latest, before] = list;
    expect(history.counts()[latest]).toEqual({
      properties: catalog.locations.length,
      added: 0,
      removed: 0,
      changed: catalog.locations.length,
      moved: 0,
    });
    const c = await history.compare(before, latest);
    expect(c?.diff).toMatchObject({ from: before, to: latest });
    expect(c?.to).toEqual(t.draft.publishedRules());
    expect(await history.rollback(1, "")).toBe(true);
    expect(rolledBack).toHaveBeenCalledWith(
      expect.objectContaining({ version: latest + 1, rolledBackFrom: 1, note: "Rollback to version 1" }),
      tagged("v1"),
    );
    expect(history.versions()[0].version).toBe(latest + 1);
  });

  it("says why a rollback against a stale version is refused", async () => {
    const t = await tab();
    const history = createRoot(() =>
      createHistory({ api: t.api, currentVersion: () => 1, onRolledBack: () => {}, impact: async () => [] })
    );
    expect(await history.rollback(1, "stale")).toBe(false);
    expect(history.error()).toMatch(/published version \d+ while you were editing/);
  });
});
