/**
 * The latest directory snapshot as stored bytes (the compact compressed form), chunked
 * under a per-snapshot prefix; a pointer record switches atomically to a complete snapshot
 * and the old chunks are deleted afterwards.
 */
import * as v from "valibot";
import { keys } from "./keys.ts";
import { deletePrefix, readChunks, readValid, writeChunks } from "./kv.ts";

export const SnapshotMetaSchema = v.object({
  id: v.string(),
  /** sha256 hex of the bytes */
  etag: v.string(),
  size: v.number(),
  chunks: v.number(),
  fetchedAt: v.string(),
  users: v.number(),
  groups: v.number(),
});
export type SnapshotMeta = v.InferOutput<typeof SnapshotMetaSchema>;

export async function readSnapshotMeta(kv: Deno.Kv): Promise<SnapshotMeta | null> {
  return (await readValid(kv, keys.directoryCurrent(), SnapshotMetaSchema)).value;
}

export function readSnapshotBytes(kv: Deno.Kv, meta: SnapshotMeta): Promise<Uint8Array> {
  return readChunks(kv, (i) => keys.directoryChunk(meta.id, i), meta.chunks, meta.size);
}

export async function saveSnapshot(
  kv: Deno.Kv,
  bytes: Uint8Array,
  meta: Omit<SnapshotMeta, "id" | "size" | "chunks">,
): Promise<SnapshotMeta> {
  const id = crypto.randomUUID();
  const chunks = await writeChunks(kv, (i) => keys.directoryChunk(id, i), bytes);
  const full: SnapshotMeta = { ...meta, id, size: bytes.length, chunks };
  for (;;) {
    const current = await readValid(kv, keys.directoryCurrent(), SnapshotMetaSchema);
    const res = await kv.atomic()
      .check({ key: keys.directoryCurrent(), versionstamp: current.versionstamp })
      .set(keys.directoryCurrent(), full)
      .commit();
    if (res.ok) {
      if (current.value) await deletePrefix(kv, keys.directoryChunks(current.value.id));
      return full;
    }
  }
}
