/**
 * Reads and writes of the browser cache. Everything read back is validated: IndexedDB is
 * outside our trust boundary (older app versions, extensions, a half-written record).
 */
import { type IDBPDatabase, openDB } from "idb";
import * as v from "valibot";
import { validate } from "../../shared/validate.ts";
import { ok, type Result } from "../../shared/result.ts";
import { MAX_DIRECTORY_BYTES } from "../../shared/directory/index.ts";
import { DB_NAME, DB_VERSION, type DoorsyncDb, type StoredChunk, type StoredDraft, type StoredSnapshot, upgrade } from "./schema.ts";

const SNAPSHOT_KEY = "current";
const DRAFT_KEY = "current";

const SnapshotSchema = v.object({
  bytes: v.instance(Uint8Array),
  etag: v.nullable(v.string()),
  fetchedAt: v.string(),
  storedAt: v.string(),
});
const ChunkSchema = v.object({
  etag: v.string(),
  size: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_DIRECTORY_BYTES)),
  offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
  bytes: v.instance(Uint8Array),
});
const DraftRecordSchema = v.object({
  ruleSet: v.unknown(),
  baseVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** the edge's draft revision this copy edits (absent in copies stored before revisions) */
  revision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  savedAt: v.string(),
  unsynced: v.boolean(),
});

/** The chunks of an unfinished download that can be resumed: bytes [0, received) of `etag`. */
export interface PartialDownload {
  etag: string;
  size: number;
  received: number;
  chunks: Uint8Array[];
}

export interface Cache {
  readSnapshot(): Promise<Result<StoredSnapshot | null>>;
  /** Stores a complete snapshot and, in the same transaction, drops any download's chunks. */
  writeSnapshot(snapshot: StoredSnapshot): Promise<void>;
  /** The stored chunks from offset 0 on, as far as they are contiguous and of one snapshot. */
  readDownload(): Promise<Result<PartialDownload | null>>;
  writeChunk(chunk: StoredChunk): Promise<void>;
  clearDownload(): Promise<void>;
  readDraft(): Promise<Result<StoredDraft | null>>;
  writeDraft(draft: StoredDraft): Promise<void>;
  clearDraft(): Promise<void>;
  readSetting<T>(key: string, schema: v.GenericSchema<unknown, T>): Promise<T | null>;
  writeSetting(key: string, value: unknown): Promise<void>;
  close(): void;
}

export function openDatabase(name = DB_NAME, version = DB_VERSION): Promise<IDBPDatabase<DoorsyncDb>> {
  return openDB<DoorsyncDb>(name, version, {
    upgrade: (db, oldVersion, newVersion, tx) => upgrade(db, oldVersion, newVersion ?? version, tx),
  });
}

async function readChecked<T>(
  read: () => Promise<unknown>,
  schema: v.GenericSchema<unknown, T>,
  what: string,
): Promise<Result<T | null>> {
  const raw = await read();
  if (raw === undefined) return ok(null);
  return validate(schema, raw, what);
}

/**
 * The resumable prefix of stored chunks: chunks past a gap, of another snapshot (another
 * tab's download) or overrunning the size are left for the next clear.
 */
export function resumablePrefix(chunks: readonly StoredChunk[]): PartialDownload | null {
  const first = chunks.find((c) => c.offset === 0);
  if (!first) return null;
  const byOffset = new Map(chunks.filter((c) => c.etag === first.etag && c.size === first.size).map((c) => [c.offset, c.bytes]));
  const taken: Uint8Array[] = [];
  let received = 0;
  for (let bytes = byOffset.get(0); bytes && bytes.length > 0 && received + bytes.length <= first.size; bytes = byOffset.get(received)) {
    taken.push(bytes);
    received += bytes.length;
  }
  return received === 0 ? null : { etag: first.etag, size: first.size, received, chunks: taken };
}

export async function openCache(name = DB_NAME): Promise<Cache> {
  const db = await openDatabase(name);
  return {
    readSnapshot: () => readChecked(() => db.get("directory", SNAPSHOT_KEY), SnapshotSchema, "cached directory"),
    writeSnapshot: async (snapshot) => {
      const tx = db.transaction(["directory", "download"], "readwrite");
      await Promise.all([tx.objectStore("directory").put(snapshot, SNAPSHOT_KEY), tx.objectStore("download").clear(), tx.done]);
    },
    readDownload: async () => {
      const read = validate(v.array(ChunkSchema), await db.getAll("download"), "stored download chunks");
      return read.ok ? ok(resumablePrefix(read.value)) : read;
    },
    writeChunk: async (chunk) => {
      await db.put("download", chunk, chunk.offset);
    },
    clearDownload: async () => {
      await db.clear("download");
    },
    readDraft: () => readChecked(() => db.get("drafts", DRAFT_KEY), DraftRecordSchema, "cached draft"),
    writeDraft: async (draft) => {
      await db.put("drafts", draft, DRAFT_KEY);
    },
    clearDraft: async () => {
      await db.delete("drafts", DRAFT_KEY);
    },
    readSetting: async (key, schema) => {
      const raw = await db.get("settings", key);
      const parsed = v.safeParse(schema, raw);
      return parsed.success ? parsed.output : null;
    },
    writeSetting: async (key, value) => {
      await db.put("settings", value, key);
    },
    close: () => db.close(),
  };
}
