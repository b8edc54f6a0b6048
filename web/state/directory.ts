/**
 * The Okta snapshot as the browser holds it: cached in IndexedDB, loaded into the worker
 * at start, refreshed on demand (start a job, poll its progress, download in resumable
 * chunks under If-None-Match, with progress). When the edge is unreachable the cache keeps
 * the simulator working.
 */
import { createSignal } from "solid-js";
import type { RefreshJob } from "../../shared/api/schemas.ts";
import type { Cache } from "../storage/cache.ts";
import type { SimulationClient, SnapshotInfo } from "../worker/contract.ts";
import type { Api } from "./api.ts";
import { type DownloadProgress, downloadSnapshot } from "./snapshot-download.ts";

export interface DirectoryDeps {
  api: Pick<Api, "directoryRange" | "startRefresh" | "refreshJob">;
  cache: Pick<Cache, "readDownload" | "writeChunk" | "clearDownload">;
  sim: Pick<SimulationClient, "storeSnapshot" | "loadCachedSnapshot">;
  now?: () => Date;
  /** wait between polls; tests pass a zero delay */
  sleep?: (ms: number) => Promise<void>;
  pollMs?: number;
  /** bytes per download request (1 MiB; tests use less) */
  chunkBytes?: number;
}

export type RefreshState =
  | { phase: "idle" }
  | { phase: "running"; job: RefreshJob }
  | { phase: "downloading" }
  | { phase: "failed"; message: string };

export function createDirectory(deps: DirectoryDeps) {
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const [info, setInfo] = createSignal<SnapshotInfo | null>(null);
  const [offline, setOffline] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [refresh, setRefresh] = createSignal<RefreshState>({ phase: "idle" });
  const [progress, setProgress] = createSignal<DownloadProgress | null>(null);
  let etag: string | null = null;
  /** downloads run one after another: two would race over the stored chunks */
  let downloads: Promise<unknown> = Promise.resolve();

  /** The worker loads the snapshot and keeps it (it owns the bytes); the page keeps the info. */
  async function load(bytes: Uint8Array, etag: string): Promise<boolean> {
    const r = await deps.sim.storeSnapshot(bytes, etag, now().toISOString());
    if (!r.ok) {
      setError(`The directory snapshot could not be read: ${r.error.message}`);
      return false;
    }
    setInfo(r.value);
    setError(null);
    return true;
  }

  /**
   * Download from the edge unless our ETag is current; store and load what is new.
   * "changed": a new snapshot is loaded; "current": ours is up to date; "failed": see error().
   */
  function download(): Promise<"changed" | "current" | "failed"> {
    // A later caller (a refresh finishing during the start-up check) asks again afterwards,
    // with the ETag the earlier one stored: a 304 when nothing changed in between.
    const next = downloads.then(() => fetchSnapshot().finally(() => setProgress(null)));
    downloads = next.catch(() => {});
    return next;
  }

  async function fetchSnapshot(): Promise<"changed" | "current" | "failed"> {
    const r = await downloadSnapshot(
      { api: deps.api, cache: deps.cache, sleep, onProgress: setProgress, chunkBytes: deps.chunkBytes },
      etag,
    );
    if (!r.ok) {
      if (r.error.code === "offline") setOffline(true);
      else setError(r.error.message);
      return "failed";
    }
    setOffline(false);
    if (!r.value) return "current";
    if (!(await load(r.value.bytes, r.value.etag))) {
      await deps.cache.clearDownload(); // verified yet unreadable: resuming would only fail again
      return "failed";
    }
    etag = r.value.etag;
    return "changed";
  }

  return {
    info,
    offline,
    error,
    refresh,
    /** bytes of the snapshot download under way, null when none is */
    progress,
    /** Have the worker load the snapshot cached in IndexedDB; false when there is none. */
    async loadCached(): Promise<boolean> {
      const cached = await deps.sim.loadCachedSnapshot();
      globalThis.performance?.mark("doorsync:snapshot-loaded");
      if (!cached) return false;
      if (!cached.ok) {
        setError(`The cached directory was unreadable and will be downloaded again (${cached.error.message}).`);
        return false;
      }
      const { etag: storedEtag, ...snapshot } = cached.value;
      setInfo(snapshot);
      etag = storedEtag;
      return true;
    },
    /** Ask the edge for a newer snapshot (If-None-Match); true when a new one was loaded. */
    async checkForUpdate(): Promise<boolean> {
      return (await download()) === "changed";
    },
    async refreshFromOkta(): Promise<boolean> {
      const started = await deps.api.startRefresh();
      if (!started.ok) {
        if (started.error.code === "offline") setOffline(true);
        setRefresh({ phase: "failed", message: started.error.message });
        return false;
      }
      let job = started.value;
      setRefresh({ phase: "running", job });
      while (job.state === "running") {
        await sleep(deps.pollMs ?? 500);
        const polled = await deps.api.refreshJob(job.id);
        if (!polled.ok) {
          setRefresh({ phase: "failed", message: polled.error.message });
          return false;
        }
        job = polled.value;
        setRefresh({ phase: "running", job });
      }
      if (job.state === "failed") {
        setRefresh({ phase: "failed", message: job.error ?? "The refresh from Okta failed without a reason." });
        return false;
      }
      setRefresh({ phase: "downloading" });
      const done = (await download()) !== "failed";
      setRefresh(done ? { phase: "idle" } : { phase: "failed", message: error() ?? "The new snapshot could not be downloaded." });
      return done;
    },
  };
}
export type DirectoryStore = ReturnType<typeof createDirectory>;
