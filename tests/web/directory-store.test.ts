/**
 * The directory store over the real API client against the real edge (connected to the Okta
 * and Genea sandboxes), through a proxy that drops connections, corrupts bytes or changes
 * the snapshot mid-download: chunked downloads with progress, resumed after a drop or a
 * reload from the last complete chunk, restarted when the snapshot changes, checked against
 * the ETag before the cached snapshot is replaced.
 */
import "fake-indexeddb/auto";
import { createHash } from "node:crypto";
import { createRoot } from "solid-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../shared/api/routes.ts";
import type { Api } from "../../web/state/api.ts";
import { createDirectory } from "../../web/state/directory.ts";
import { type Cache, openCache } from "../../web/storage/cache.ts";
import { createSimulation } from "../../web/worker/simulation.ts";
import { changeDirectory, startDirectoryWorld } from "../support/directory-world.ts";
import { type Fault, type FaultProxy, type ProxiedRequest, startFaultProxy } from "../support/fault-proxy.ts";
import { PASSWORD, type SyncWorld } from "../support/sync-world.ts";
import { signedInTab } from "../support/web-edge.ts";

/** small chunks, so a 400-person snapshot is a few dozen of them */
const CHUNK = 1024;
/** tries per chunk before the store gives up for now (web/state/snapshot-download.ts) */
const ATTEMPTS = 5;
let world: SyncWorld;
let proxy: FaultProxy;
let api: Api;
let n = 0;

/** The snapshot as the edge serves it now, fetched past the proxy. */
async function edgeSnapshot(): Promise<{ bytes: Buffer; etag: string }> {
  const res = await fetch(world.edge.url + ROUTES.directory, {
    headers: { cookie: `doorsync_session=${world.admin.cookies.get("doorsync_session")}` },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(res.headers.get("etag")).toBe(`"${createHash("sha256").update(bytes).digest("hex")}"`);
  return { bytes, etag: res.headers.get("etag")! };
}

/** A browser tab over an IndexedDB database (`name` again: the same browser after a reload). */
async function tab(name = `directory-store-${++n}`) {
  const cache = await openCache(name);
  const core = createSimulation({ readCachedSnapshot: () => cache.readSnapshot(), writeCachedSnapshot: (x) => cache.writeSnapshot(x) });
  const sim = {
    storeSnapshot: (b: Uint8Array, e: string, at: string) => core.storeSnapshot(b, e, at),
    loadCachedSnapshot: () => core.loadCachedSnapshot(),
  };
  const store = createRoot(() => createDirectory({ api, cache, sim, sleep: async () => {}, chunkBytes: CHUNK }));
  return { store, cache, core, name };
}

async function cached(cache: Cache): Promise<{ bytes: Buffer; etag: string | null } | null> {
  const read = await cache.readSnapshot();
  if (!read.ok) throw new Error(read.error.message);
  return read.value && { bytes: Buffer.from(read.value.bytes), etag: read.value.etag };
}

/** The directory downloads the proxy saw: where each asked to start, and under which ETag. */
const asks = () =>
  proxy.log.filter((r) => r.path === ROUTES.directory).map((r) => ({ start: startOf(r), ifMatch: r.ifMatch, outcome: r.outcome }));
const startOf = (r: ProxiedRequest) => Number(/^bytes=(\d+)-/.exec(r.range ?? "")?.[1] ?? NaN);
const chunkStarts = (size: number) => Array.from({ length: Math.ceil(size / CHUNK) }, (_, i) => i * CHUNK);
/** a fault for directory requests only */
const onDirectory = (f: (req: ProxiedRequest) => Fault | null | Promise<Fault | null>) =>
(
  req: ProxiedRequest,
) => (req.path === ROUTES.directory ? f(req) : null);

beforeAll(async () => {
  world = await startDirectoryWorld({ users: 400, seed: 31 });
  proxy = await startFaultProxy(world.edge.url);
  ({ api } = await signedInTab(proxy, PASSWORD));
}, 120_000);
afterEach(() => {
  proxy.fault = null;
  proxy.log.length = 0;
  world.intercept.okta = null;
});
afterAll(async () => {
  await proxy?.close();
  await world?.close();
});

describe("createDirectory() downloading the snapshot", () => {
  it("downloads it in chunks with progress, byte-identical to the edge's, when nothing is cached", async () => {
    const edge = await edgeSnapshot();
    const t = await tab();
    const progress: unknown[] = [];
    proxy.fault = onDirectory(() => (progress.push(t.store.progress()), null));
    expect(await t.store.loadCached()).toBe(false);
    expect(await t.store.checkForUpdate()).toBe(true);
    const starts = chunkStarts(edge.bytes.length);
    expect(starts.length).toBeGreaterThan(5);
    expect(asks()).toEqual(starts.map((start, i) => ({ start, ifMatch: i === 0 ? null : edge.etag, outcome: 206 })));
    expect(progress).toEqual(starts.map((start) => (start === 0 ? null : { received: start, total: edge.bytes.length })));
    expect(t.store.progress()).toBeNull();
    expect(await cached(t.cache)).toEqual(edge);
    expect(await t.cache.readDownload()).toEqual({ ok: true, value: null });
    expect(t.store.info()?.users).toBe(400);
  });

  it("asks with the cached ETag and downloads nothing when the edge says it is current", async () => {
    const t = await tab();
    await t.store.checkForUpdate();
    proxy.log.length = 0;
    expect(await t.store.checkForUpdate()).toBe(false);
    expect(proxy.log.filter((r) => r.path === ROUTES.directory).map((r) => [r.ifNoneMatch, r.outcome])).toEqual([[
      (await edgeSnapshot()).etag,
      304,
    ]]);
    expect(t.store.error()).toBeNull();
  });

  it.each(
    [
      ["half-way through a chunk", "drop-mid-body"],
      ["before the edge answers", "drop"],
    ] as const,
  )("resumes where it was when the connection drops %s, and ends byte-identical", async (_, kind) => {
    const edge = await edgeSnapshot();
    const t = await tab();
    let dropped = 0;
    proxy.fault = onDirectory((r) => (startOf(r) === 3 * CHUNK && dropped++ < 2 ? { kind } : null));
    expect(await t.store.checkForUpdate()).toBe(true);
    const starts = chunkStarts(edge.bytes.length);
    expect(asks().map((a) => a.start)).toEqual([...starts.slice(0, 4), 3 * CHUNK, 3 * CHUNK, ...starts.slice(4)]);
    expect(asks().filter((a) => a.outcome !== 206).map((a) => a.outcome)).toEqual([
      kind === "drop" ? "dropped" : "dropped-mid-body",
      kind === "drop" ? "dropped" : "dropped-mid-body",
    ]);
    expect(await cached(t.cache)).toEqual(edge);
    expect(t.store.offline()).toBe(false);
  });

  it("keeps the chunks it has when the edge stays out of reach, and a reload resumes from the last complete chunk", async () => {
    const edge = await edgeSnapshot();
    const first = await tab();
    proxy.fault = onDirectory((r) => (startOf(r) >= 3 * CHUNK ? { kind: "drop" } : null));
    expect(await first.store.checkForUpdate()).toBe(false);
    expect(first.store.offline()).toBe(true);
    expect(asks().map((a) => a.start)).toEqual([0, CHUNK, 2 * CHUNK, ...Array(ATTEMPTS).fill(3 * CHUNK)]);
    const kept = await first.cache.readDownload();
    expect(kept.ok && kept.value && { etag: kept.value.etag, received: kept.value.received }).toEqual({
      etag: edge.etag,
      received: 3 * CHUNK,
    });
    first.cache.close();

    proxy.fault = null;
    proxy.log.length = 0;
    const reloaded = await tab(first.name);
    expect(await reloaded.store.loadCached()).toBe(false);
    expect(await reloaded.store.checkForUpdate()).toBe(true);
    expect(asks()[0]).toEqual({ start: 3 * CHUNK, ifMatch: edge.etag, outcome: 206 });
    expect(asks().map((a) => a.start)).toEqual(chunkStarts(edge.bytes.length).slice(3));
    expect(await cached(reloaded.cache)).toEqual(edge);
    expect(await reloaded.cache.readDownload()).toEqual({ ok: true, value: null });
  });

  it("starts again from the first byte when the snapshot changes between two chunks, and ends with the new one", async () => {
    const before = await edgeSnapshot();
    const t = await tab();
    let changed = false;
    proxy.fault = onDirectory(async (r) => {
      if (startOf(r) === 3 * CHUNK && !changed) await changeDirectory(world).then(() => (changed = true));
      return null;
    });
    expect(await t.store.checkForUpdate()).toBe(true);
    const after = await edgeSnapshot();
    expect(after.etag).not.toBe(before.etag);
    expect(asks().slice(0, 5)).toEqual([
      { start: 0, ifMatch: null, outcome: 206 },
      { start: CHUNK, ifMatch: before.etag, outcome: 206 },
      { start: 2 * CHUNK, ifMatch: before.etag, outcome: 206 },
      { start: 3 * CHUNK, ifMatch: before.etag, outcome: 412 },
      { start: 0, ifMatch: null, outcome: 206 },
    ]);
    expect(asks().slice(4).map((a) => a.start)).toEqual(chunkStarts(after.bytes.length));
    expect(asks().slice(5).every((a) => a.ifMatch === after.etag)).toBe(true);
    expect(await cached(t.cache)).toEqual(after);
    expect(await t.cache.readDownload()).toEqual({ ok: true, value: null });
  });

  it("starts again when the snapshot changed while the browser was closed mid-download", async () => {
    const before = await edgeSnapshot();
    const first = await tab();
    proxy.fault = onDirectory((r) => (startOf(r) >= 2 * CHUNK ? { kind: "drop" } : null));
    expect(await first.store.checkForUpdate()).toBe(false);
    first.cache.close();
    await changeDirectory(world);
    const after = await edgeSnapshot();
    proxy.fault = null;
    proxy.log.length = 0;
    const reloaded = await tab(first.name);
    expect(await reloaded.store.checkForUpdate()).toBe(true);
    expect(asks().slice(0, 2)).toEqual([
      { start: 2 * CHUNK, ifMatch: before.etag, outcome: 412 },
      { start: 0, ifMatch: null, outcome: 206 },
    ]);
    expect(await cached(reloaded.cache)).toEqual(after);
  });

  it("refuses a download that fails its checksum, keeping the snapshot it had, and downloads it whole next time", async () => {
    const t = await tab();
    await t.store.checkForUpdate();
    const old = await edgeSnapshot();
    const fetchedAt = t.store.info()?.fetchedAt;
    await changeDirectory(world);
    const next = await edgeSnapshot();
    let corrupted = false;
    proxy.fault = onDirectory((r) => (startOf(r) === CHUNK && !corrupted ? ((corrupted = true), { kind: "corrupt" }) : null));
    expect(await t.store.checkForUpdate()).toBe(false);
    expect(t.store.error()).toMatch(/did not match its checksum \(sha256\)/);
    expect(t.store.info()?.fetchedAt).toBe(fetchedAt);
    expect(await cached(t.cache)).toEqual(old);
    expect(await t.cache.readDownload()).toEqual({ ok: true, value: null });
    proxy.log.length = 0;
    expect(await t.store.checkForUpdate()).toBe(true);
    expect(asks()[0]).toEqual({ start: 0, ifMatch: null, outcome: 206 });
    expect(await cached(t.cache)).toEqual(next);
    expect(t.store.error()).toBeNull();
  });

  it("refuses a snapshot it cannot read even when its checksum holds, with a sentence", async () => {
    const t = await tab();
    const garbage = new Uint8Array([9, 9, 9]);
    const etag = `"${createHash("sha256").update(garbage).digest("hex")}"`;
    proxy.fault = onDirectory(() => ({
      kind: "answer",
      status: 200,
      headers: { etag, "content-type": "application/octet-stream" },
      body: garbage,
    }));
    expect(await t.store.checkForUpdate()).toBe(false);
    expect(t.store.error()).toMatch(/^The directory snapshot could not be read: /);
    expect(t.store.info()).toBeNull();
    expect(await cached(t.cache)).toBeNull();
  });

  it("keeps simulating from the cache when the edge cannot be reached, and says so", async () => {
    const first = await tab();
    await first.store.checkForUpdate();
    first.cache.close();
    proxy.fault = onDirectory(() => ({ kind: "drop" }));
    proxy.log.length = 0;
    const t = await tab(first.name);
    expect(await t.store.loadCached()).toBe(true);
    expect(await t.store.checkForUpdate()).toBe(false);
    expect(t.store.offline()).toBe(true);
    expect(asks()).toHaveLength(ATTEMPTS);
    expect(t.store.info()?.users).toBe(400);
    const someone = world.org.okta.users.find((u) => u.profile.email)!;
    expect(t.core.searchUsers(someone.profile.email!, 1).map((u) => u.id)).toEqual([someone.id]);
  });
});

describe("createDirectory() refreshing from Okta", () => {
  it("starts a refresh job, follows it, then downloads the new snapshot with progress", async () => {
    const t = await tab();
    await t.store.checkForUpdate();
    const before = await edgeSnapshot();
    const person = world.org.okta.users.filter((u) => u.status === "ACTIVE").at(-1)!;
    expect((await world.oktaSandbox("POST", `/sandbox/users/${person.id}/lifecycle/deactivate`)).status).toBe(200);
    proxy.log.length = 0;
    const during: unknown[] = [];
    proxy.fault = onDirectory((r) => (startOf(r) > 0 && during.push([t.store.refresh().phase, t.store.progress()?.received]), null));
    expect(await t.store.refreshFromOkta()).toBe(true);
    const after = await edgeSnapshot();
    expect(after.etag).not.toBe(before.etag);
    expect(proxy.log.filter((r) => r.path.startsWith(`${ROUTES.directoryRefresh}/`)).length).toBeGreaterThan(0);
    expect(during).toEqual(chunkStarts(after.bytes.length).slice(1).map((start) => ["downloading", start]));
    expect(t.store.refresh()).toEqual({ phase: "idle" });
    expect(await cached(t.cache)).toEqual(after);
  });

  it("downloads the refreshed snapshot after a start-up check that finished with the old one, never two downloads at once", async () => {
    const { api: own, stats } = await signedInTab(proxy, PASSWORD, (_method, url) => url.endsWith(ROUTES.directory));
    const cache = await openCache(`directory-store-${++n}`);
    const core = createSimulation({ readCachedSnapshot: () => cache.readSnapshot(), writeCachedSnapshot: (x) => cache.writeSnapshot(x) });
    const sim = {
      storeSnapshot: (b: Uint8Array, e: string, at: string) => core.storeSnapshot(b, e, at),
      loadCachedSnapshot: () => core.loadCachedSnapshot(),
    };
    const store = createRoot(() => createDirectory({ api: own, cache, sim, sleep: async () => {}, chunkBytes: CHUNK, pollMs: 20 }));
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const last = chunkStarts((await edgeSnapshot()).bytes.length).at(-1);
    // The check's last chunk is served from the old snapshot but reaches the tab only after
    // the refresh has stored the new one.
    proxy.fault = onDirectory((r) => (startOf(r) === last && r.ifMatch ? { kind: "hold", until: held } : null));
    const check = store.checkForUpdate();
    await expect.poll(() => asks().some((a) => a.start === last), { interval: 10, timeout: 10_000 }).toBe(true);
    const person = world.org.okta.users.filter((u) => u.status === "ACTIVE").at(-2)!;
    expect((await world.oktaSandbox("POST", `/sandbox/users/${person.id}/lifecycle/deactivate`)).status).toBe(200);
    const refreshed = store.refreshFromOkta();
    await expect.poll(() => store.refresh().phase, { interval: 20, timeout: 20_000 }).toBe("downloading");
    release();
    expect(await check).toBe(true);
    expect(await refreshed).toBe(true);
    expect(stats.maxInFlight).toBe(1);
    expect(await cached(cache)).toEqual(await edgeSnapshot());
  });

  it("reports a failed refresh job in the job's own words", async () => {
    const t = await tab();
    world.intercept.okta = () =>
      new Response(JSON.stringify({ errorCode: "E0000011", errorSummary: "Invalid token provided", errorCauses: [] }), {
        status: 401,
        headers: { "content-type": "application/json" },
      });
    expect(await t.store.refreshFromOkta()).toBe(false);
    const state = t.store.refresh();
    expect(state.phase).toBe("failed");
    if (state.phase === "failed") expect(state.message).toMatch(/Okta/);
  });
});
