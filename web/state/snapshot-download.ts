/**
 * The directory snapshot downloaded in chunks (HTTP byte ranges). Each complete chunk is
 * stored in IndexedDB with the ETag of the snapshot it belongs to as soon as it arrives, so a
 * dropped connection (retried here) or a reload resumes from the last complete chunk. Later
 * chunks are asked for under If-Match: a snapshot that changes mid-download answers 412 and
 * the download starts again from the first byte. The whole is checked against its ETag
 * (sha256) before anyone may use it.
 */
import { MAX_DIRECTORY_BYTES, sha256Hex } from "../../shared/directory/index.ts";
import { fail, ok, type Result } from "../../shared/result.ts";
import type { Cache } from "../storage/cache.ts";
import type { Api, ApiCode } from "./api.ts";

export const CHUNK_BYTES = 1024 * 1024;
/** tries per chunk before giving up for now (its predecessors stay stored) */
const ATTEMPTS = 5;
/** a snapshot that changes this many times during one download is not chased further */
const RESTARTS = 3;
const SHA256_ETAG = /^"([0-9a-f]{64})"$/;

export interface DownloadProgress {
  received: number;
  total: number;
}

export interface SnapshotDownloadDeps {
  api: Pick<Api, "directoryRange">;
  cache: Pick<Cache, "readDownload" | "writeChunk" | "clearDownload">;
  sleep: (ms: number) => Promise<void>;
  onProgress: (progress: DownloadProgress) => void;
  chunkBytes?: number;
}

/** The verified snapshot, or null when the one held (`current`) is still the edge's. */
export type Downloaded = { bytes: Uint8Array; etag: string } | null;

/** The snapshot being put together: bytes [0, received) of `etag` are in `whole`. */
interface Assembly {
  etag: string;
  whole: Uint8Array;
  received: number;
}

async function resume(cache: SnapshotDownloadDeps["cache"], current: string | null): Promise<Assembly | null> {
  const stored = await cache.readDownload();
  // Unreadable chunks, or a download of the snapshot already held: start clean.
  if (!stored.ok || (stored.value && stored.value.etag === current)) await cache.clearDownload();
  if (!stored.ok || !stored.value || stored.value.etag === current) return null;
  const { etag, size, chunks } = stored.value;
  const whole = new Uint8Array(size);
  let received = 0;
  for (const c of chunks) (whole.set(c, received), (received += c.length));
  return { etag, whole, received };
}

/** The API's codes, a checksum mismatch, and a snapshot that kept changing under the download. */
export type DownloadCode = ApiCode | "checksum" | "changing";

async function verified(etag: string, bytes: Uint8Array, cache: SnapshotDownloadDeps["cache"]): Promise<Result<Downloaded, DownloadCode>> {
  const expected = SHA256_ETAG.exec(etag)?.[1];
  if (!expected) {
    return fail("bad-response", `The server's ETag for the directory (${etag}) is not a sha256, so the download cannot be checked.`);
  }
  if ((await sha256Hex(bytes)) === expected) return ok({ bytes, etag });
  await cache.clearDownload();
  return fail(
    "checksum",
    "The downloaded directory snapshot did not match its checksum (sha256) and was discarded; it will be downloaded again from the start.",
  );
}

/**
 * Download the edge's snapshot unless `current` (the ETag of the complete one held) is still
 * its. Failures leave the chunks received so far stored, except a checksum mismatch.
 */
export async function downloadSnapshot(deps: SnapshotDownloadDeps, current: string | null): Promise<Result<Downloaded, DownloadCode>> {
  const chunk = deps.chunkBytes ?? CHUNK_BYTES;
  let at = await resume(deps.cache, current);
  let [failures, restarts] = [0, 0];
  const restart = async (): Promise<Result<never, DownloadCode> | null> => {
    await deps.cache.clearDownload();
    at = null;
    return ++restarts > RESTARTS
      ? fail("changing", `The directory snapshot changed ${RESTARTS} times while it was downloading; try again in a minute.`)
      : null;
  };
  if (at) deps.onProgress({ received: at.received, total: at.whole.length });
  while (!at || at.received < at.whole.length) {
    const start = at?.received ?? 0;
    const r = await deps.api.directoryRange({ start, end: start + chunk - 1, ifMatch: at?.etag ?? null, ifNoneMatch: at ? null : current });
    if (!r.ok) {
      if (r.error.code === "not-modified") return ok(null);
      if (r.error.code === "changed" || r.error.code === "range-not-satisfiable") {
        const stop = await restart();
        if (stop) return stop;
        continue;
      }
      if (r.error.code === "offline" && ++failures < ATTEMPTS) {
        await deps.sleep(500 * 2 ** (failures - 1));
        continue;
      }
      return r;
    }
    failures = 0;
    const got = r.value;
    if (got.kind === "whole") return verified(got.etag, got.bytes, deps.cache);
    if (at && (got.etag !== at.etag || got.size !== at.whole.length)) {
      // An edge that ignored If-Match: the chunks so far are of another snapshot.
      const stop = await restart();
      if (stop) return stop;
      continue;
    }
    if (!at) {
      if (got.size > MAX_DIRECTORY_BYTES) {
        return fail(
          "too-large",
          `The server's directory snapshot is ${got.size} bytes, over this browser's limit of ${MAX_DIRECTORY_BYTES}.`,
        );
      }
      at = { etag: got.etag, whole: new Uint8Array(got.size), received: 0 };
    }
    await deps.cache.writeChunk({ etag: at.etag, size: at.whole.length, offset: got.start, bytes: got.bytes });
    at.whole.set(got.bytes, got.start);
    at.received += got.bytes.length;
    deps.onProgress({ received: at.received, total: at.whole.length });
  }
  return verified(at.etag, at.whole, deps.cache);
}
