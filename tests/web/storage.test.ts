import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openCache, openDatabase } from "../../web/storage/cache.ts";
import { DB_VERSION, UPGRADES } from "../../web/storage/schema.ts";

let n = 0;
const freshName = () => `doorsync-test-${++n}`;
const snapshot = (bytes = [1, 2, 3]) => ({
  bytes: Uint8Array.from(bytes),
  etag: '"abc"',
  fetchedAt: "2026-11-28T10:00:00.000Z",
  storedAt: "2026-11-28T10:05:00.000Z",
});

describe("IndexedDB schema", () => {
  it("has one upgrade step per version", () => {
    expect(UPGRADES).toHaveLength(DB_VERSION);
  });

  it("version 1 creates the directory store only", async () => {
    const db = await openDatabase(freshName(), 1);
    expect([...db.objectStoreNames]).toEqual(["directory"]);
    db.close();
  });

  it("version 2 adds drafts and settings", async () => {
    const db = await openDatabase(freshName(), 2);
    expect([...db.objectStoreNames].sort()).toEqual(["directory", "drafts", "settings"]);
    db.close();
  });

  it("upgrading 1 → 2 keeps the cached directory", async () => {
    const name = freshName();
    const v1 = await openDatabase(name, 1);
    await v1.put("directory", snapshot([9, 8, 7]), "current");
    v1.close();
    const cache = await openCache(name);
    const read = await cache.readSnapshot();
    expect(read.ok && read.value?.bytes).toEqual(Uint8Array.from([9, 8, 7]));
    expect(await cache.readDraft()).toEqual({ ok: true, value: null });
    cache.close();
  });
});

describe("openCache()", () => {
  it("round-trips the snapshot, the draft and settings", async () => {
    const cache = await openCache(freshName());
    expect(await cache.readSnapshot()).toEqual({ ok: true, value: null });
    await cache.writeSnapshot(snapshot());
    await cache.writeDraft({ ruleSet: { any: "thing" }, baseVersion: 3, savedAt: "2026-11-28T11:00:00.000Z", unsynced: true });
    await cache.writeSetting("theme", "dark");
    expect(await cache.readSnapshot()).toEqual({ ok: true, value: snapshot() });
    expect(await cache.readDraft()).toMatchObject({ ok: true, value: { baseVersion: 3, unsynced: true } });
    expect(await cache.readSetting("theme", (await import("valibot")).picklist(["light", "dark"]))).toBe("dark");
    await cache.clearDraft();
    expect(await cache.readDraft()).toEqual({ ok: true, value: null });
    cache.close();
  });

  it.each([
    ["a record with bytes as a plain array", { ...snapshot(), bytes: [1, 2, 3] }],
    ["a record without fetchedAt", { bytes: new Uint8Array(1), etag: null, storedAt: "x" }],
    ["a string", "not a snapshot"],
  ])("refuses %s read back from the directory store", async (_, record) => {
    const name = freshName();
    const db = await openDatabase(name);
    await db.put("directory", record as never, "current");
    db.close();
    const cache = await openCache(name);
    const read = await cache.readSnapshot();
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.message).toMatch(/^Invalid cached directory at /);
    cache.close();
  });

  it("returns null for a setting that fails its schema instead of trusting it", async () => {
    const cache = await openCache(freshName());
    await cache.writeSetting("theme", 42);
    expect(await cache.readSetting("theme", (await import("valibot")).picklist(["light", "dark"]))).toBeNull();
    cache.close();
  });
});
