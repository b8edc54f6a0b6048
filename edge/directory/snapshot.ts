/**
 * The snapshot the browser downloads: kept in memory for speed, with KV as the source of
 * truth (another isolate may have refreshed it, so the pointer is checked on every read).
 */
import { sha256 } from "../store/encoding.ts";
import { readSnapshotBytes, readSnapshotMeta, saveSnapshot, type SnapshotMeta } from "../store/snapshot.ts";
import { encodeDirectory } from "../../shared/directory/compact.ts";
import type { Directory } from "../../shared/directory/model.ts";

export interface Snapshot {
  meta: SnapshotMeta;
  bytes: Uint8Array;
}

export interface SnapshotCache {
  current(): Promise<Snapshot | null>;
  store(directory: Directory): Promise<SnapshotMeta>;
}

export function createSnapshotCache(kv: Deno.Kv): SnapshotCache {
  let cached: Snapshot | null = null;
  return {
    async current() {
      const meta = await readSnapshotMeta(kv);
      if (!meta) return null;
      if (cached?.meta.id !== meta.id) cached = { meta, bytes: await readSnapshotBytes(kv, meta) };
      return cached;
    },
    async store(directory) {
      const bytes = encodeDirectory(directory);
      const meta = await saveSnapshot(kv, bytes, {
        etag: await sha256(bytes),
        fetchedAt: directory.fetchedAt,
        users: directory.users.length,
        groups: directory.groups.length,
      });
      cached = { meta, bytes };
      return meta;
    },
  };
}
