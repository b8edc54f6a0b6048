/**
 * Reads and writes of the browser cache. Everything read back is validated: IndexedDB is
 * outside our trust boundary (older app versions, extensions, a half-written record).
 */
import { openDB, type IDBPDatabase } from "idb";
import * as v from "valibot";
import { validate } from "../../shared/validate.ts";
import { ok, type Result } from "../../shared/result.ts";
import { DB_NAME, DB_VERSION, upgrade, type DoorsyncDb, type StoredDraft, type StoredSnapshot } from "./schema.ts";

const SNAPSHOT_KEY = "current";
const DRAFT_KEY = "current";

const SnapshotSchema = v.object({
  bytes: v.instance(Uint8Array),
  etag: v.nullable(v.string()),
  fetchedAt: v.string(),
  storedAt: v.string(),
});
const DraftRecordSchema = v.object({
  ruleSet: v.unknown(),
  baseVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** the edge's draft revision this copy edits (absent in copies stored before revisions) */
  revision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  savedAt: v.string(),
  unsynced: v.boolean(),
});

export interface Cache {
  readSnapshot(): Promise<Result<StoredSnapshot | null>>;
  writeSnapshot(snapshot: StoredSnapshot): Promise<void>;
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

export async function openCache(name = DB_NAME): Promise<Cache> {
  const db = await openDatabase(name);
  return {
    readSnapshot: () => readChecked(() => db.get("directory", SNAPSHOT_KEY), SnapshotSchema, "cached directory"),
    writeSnapshot: async (snapshot) => {
      await db.put("directory", snapshot, SNAPSHOT_KEY);
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
