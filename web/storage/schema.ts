/**
 * The browser's IndexedDB schema: one database, versioned, each version an explicit upgrade
 * step so a browser holding any older version walks forward one step at a time.
 *
 * v1: `directory` — the compressed Okta snapshot (bytes + ETag + fetchedAt).
 * v2: `drafts` — the draft rule set, saved on every edit so nothing is lost offline;
 *     `settings` — small UI preferences (theme, last property).
 * v3: `download` — the chunks of a snapshot download in progress, keyed by their offset, each
 *     with the ETag of the snapshot it belongs to, so a reload resumes instead of starting over.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from "idb";

export const DB_NAME = "doorsync";
export const DB_VERSION = 3;

export interface StoredSnapshot {
  bytes: Uint8Array;
  etag: string | null;
  /** when Okta was read (from the snapshot) */
  fetchedAt: string;
  /** when this browser stored it */
  storedAt: string;
}

/** One complete chunk of a snapshot being downloaded (bytes [offset, offset + bytes.length)). */
export interface StoredChunk {
  /** the ETag (quoted sha256) of the snapshot the chunk is part of */
  etag: string;
  /** that snapshot's size in bytes */
  size: number;
  offset: number;
  bytes: Uint8Array;
}

export interface StoredDraft {
  ruleSet: unknown;
  baseVersion: number;
  /** the edge's draft revision this copy edits */
  revision?: number;
  savedAt: string;
  /** true until the edge has acknowledged this draft */
  unsynced: boolean;
}

export interface DoorsyncDb extends DBSchema {
  directory: { key: string; value: StoredSnapshot };
  drafts: { key: string; value: StoredDraft };
  settings: { key: string; value: unknown };
  download: { key: number; value: StoredChunk };
}

type UpgradeTx = IDBPTransaction<DoorsyncDb, StoreNames<DoorsyncDb>[], "versionchange">;
type Step = (db: IDBPDatabase<DoorsyncDb>, tx: UpgradeTx) => void;

/** UPGRADES[n] takes a database from version n to n + 1. Never edit a shipped step. */
export const UPGRADES: readonly Step[] = [
  (db) => {
    db.createObjectStore("directory");
  },
  (db) => {
    db.createObjectStore("drafts");
    db.createObjectStore("settings");
  },
  (db) => {
    db.createObjectStore("download");
  },
];

export function upgrade(db: IDBPDatabase<DoorsyncDb>, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let v = oldVersion; v < newVersion; v++) UPGRADES[v](db, tx);
}
