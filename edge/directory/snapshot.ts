/**
 * The snapshot the browser downloads: kept in memory for speed, with KV as the source of
 * truth (another isolate may have refreshed it, so the pointer is checked on every read).
 */
import { sha256Hex as sha256 } from "../../shared/codecs/index.ts";
import { readSnapshotBytes, readSnapshotMeta, saveSnapshot, type SnapshotMeta } from "../store/snapshot.ts";
import { decodeDirectoryColumns, encodeDirectory } from "../../shared/directory/compact.ts";
import { type DirectoryInput, type DirectoryTable, tableOf } from "../../shared/directory/table.ts";
import { createEngine, type Engine } from "../../shared/rules/index.ts";

export interface Snapshot {
  meta: SnapshotMeta;
  bytes: Uint8Array;
}

/** The decoded directory (as columns) with a compiled engine over it, for lint and evaluation. */
export interface CompiledSnapshot {
  id: Snapshot["meta"]["id"];
  directory: DirectoryTable;
  engine: Engine;
}

export interface SnapshotCache {
  current(): Promise<Snapshot | null>;
  /** Decoded and compiled once per snapshot: compiling 100,000 users takes seconds. */
  compiled(): Promise<CompiledSnapshot | null>;
  store(directory: DirectoryInput): Promise<SnapshotMeta>;
  /**
   * Lets the decoded directory and its engine go (the stored bytes stay): a full read about to
   * replace them should not hold two directories at once. The next `compiled()` decodes again.
   */
  forget(): void;
}

export function createSnapshotCache(kv: Deno.Kv): SnapshotCache {
  let cached: Snapshot | null = null;
  let compiled: CompiledSnapshot | null = null;
  /** the directory this process just stored: compiled from memory, not decoded again */
  let stored: { id: string; directory: DirectoryTable } | null = null;
  async function current(): Promise<Snapshot | null> {
    const meta = await readSnapshotMeta(kv);
    if (!meta) return null;
    if (cached?.meta.id !== meta.id) cached = { meta, bytes: await readSnapshotBytes(kv, meta) };
    return cached;
  }
  return {
    current,
    async compiled() {
      const snapshot = await current();
      if (!snapshot) return null;
      if (compiled?.id === snapshot.meta.id) return compiled;
      let directory: DirectoryTable;
      if (stored?.id === snapshot.meta.id) directory = stored.directory;
      else {
        const decoded = decodeDirectoryColumns(snapshot.bytes);
        // Our own bytes: failing to read them back is a bug, not a reason to skip the checks.
        if (!decoded.ok) throw new Error(`stored directory snapshot: ${decoded.error.message}`);
        directory = decoded.value;
      }
      stored = null;
      compiled = { id: snapshot.meta.id, directory, engine: createEngine(directory) };
      return compiled;
    },
    async store(input) {
      const directory = tableOf(input);
      const bytes = encodeDirectory(directory);
      const meta = await saveSnapshot(kv, bytes, {
        etag: await sha256(bytes),
        fetchedAt: directory.fetchedAt,
        users: directory.size,
        groups: directory.groups.length,
      });
      cached = { meta, bytes };
      stored = { id: meta.id, directory };
      compiled = null; // the old engine is no longer needed: let it go before the new one is built
      return meta;
    },
    forget() {
      compiled = null;
      stored = null;
    },
  };
}
