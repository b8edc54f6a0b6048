import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openCache, openDatabase, resumablePrefix } from "../../web/storage/cache.ts";
import { DB_VERSION, type StoredChunk, UPGRADES } from "../../web/storage/schema.ts";

let n = 0;
const freshName = () => `doorsync-test-${++n}`;
const E1 = `"${"1".repeat(64)}"`;
const E2 = `"${"2".repeat(64)}"`;
const chunk = (offset: number, length: number, etag = E1, size = 10): StoredChunk => ({
  etag,
  size,
  offset,
  bytes: Uint8Array.from({ length }, (_, i) => offset + i),
});
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

  it("version 3 adds the download's chunks", async () => {
    const db = await openDatabase(freshName(), 3);
    expect([...db.objectStoreNames].sort()).toEqual(["directory", "download", "drafts", "settings"]);
    db.close();
  });

  it("upgrading 2 → 3 keeps the cached directory, the draft and settings, with no download under way", async () => {
    const name = freshName();
    const v2 = await openDatabase(name, 2);
    await v2.put("directory", snapshot([4, 5, 6]), "current");
    await v2.put(
      "drafts",
      { ruleSet: { kept: true }, baseVersion: 2, revision: 7, savedAt: "2026-11-28T11:00:00.000Z", unsynced: true },
      "current",
    );
    await v2.put("settings", "dark", "theme");
    v2.close();
    const cache = await openCache(name);
    const read = await cache.readSnapshot();
    expect(read.ok && read.value?.bytes).toEqual(Uint8Array.from([4, 5, 6]));
    expect(await cache.readDraft()).toMatchObject({ ok: true, value: { ruleSet: { kept: true }, revision: 7 } });
    expect(await cache.readSetting("theme", (await import("valibot")).string())).toBe("dark");
    expect(await cache.readDownload()).toEqual({ ok: true, value: null });
    cache.close();
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

  it("keeps a download's chunks until a complete snapshot replaces them, in one transaction", async () => {
    const cache = await openCache(freshName());
    expect(await cache.readDownload()).toEqual({ ok: true, value: null });
    for (const c of [chunk(0, 4), chunk(4, 4)]) await cache.writeChunk(c);
    expect(await cache.readDownload()).toEqual({
      ok: true,
      value: { etag: E1, size: 10, received: 8, chunks: [chunk(0, 4).bytes, chunk(4, 4).bytes] },
    });
    await cache.writeSnapshot(snapshot());
    expect(await cache.readDownload()).toEqual({ ok: true, value: null });
    await cache.writeChunk(chunk(0, 4));
    await cache.clearDownload();
    expect(await cache.readDownload()).toEqual({ ok: true, value: null });
    cache.close();
  });

  it("refuses a chunk record that is not one", async () => {
    const name = freshName();
    const db = await openDatabase(name);
    await db.put("download", { ...chunk(0, 4), bytes: [0, 1, 2, 3] } as never, 0);
    db.close();
    const cache = await openCache(name);
    const read = await cache.readDownload();
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.message).toMatch(/^Invalid stored download chunks at /);
    cache.close();
  });

  it("returns null for a setting that fails its schema instead of trusting it", async () => {
    const cache = await openCache(freshName());
    await cache.writeSetting("theme", 42);
    expect(await cache.readSetting("theme", (await import("valibot")).picklist(["light", "dark"]))).toBeNull();
    cache.close();
  });
});

describe("resumablePrefix()", () => {
  it.each([
    ["nothing stored", [], null],
    ["no chunk at offset 0", [chunk(4, 4)], null],
    ["contiguous chunks, in any order", [chunk(4, 4), chunk(0, 4), chunk(8, 2)], 10],
    ["a gap", [chunk(0, 4), chunk(6, 4)], 4],
    ["a chunk of another snapshot after the first", [chunk(0, 4), chunk(4, 4, E2)], 4],
    ["a chunk claiming another size", [chunk(0, 4), chunk(4, 4, E1, 12)], 4],
    ["a chunk overrunning the size", [chunk(0, 4), chunk(4, 8)], 4],
    ["an empty first chunk", [chunk(0, 0)], null],
  ])("with %s resumes after %s bytes", (_, chunks, received) => {
    const prefix = resumablePrefix(chunks);
    expect(prefix?.received ?? null).toBe(received);
    if (prefix) expect(Buffer.concat(prefix.chunks)).toEqual(Buffer.from(Uint8Array.from({ length: prefix.received }, (_, i) => i)));
  });
});
