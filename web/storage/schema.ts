/**
 * The browser's IndexedDB schema: one database, versioned, each version an explicit upgrade
 * step so a browser holding any older version walks forward one step at a time.
 *
 * v1: `directory` — the compressed Okta snapshot (bytes + ETag + fetchedAt).
 * v2: `drafts` — the draft rule set, saved on every edit so nothing is lost offline;
 *     `settings` — small UI preferences (theme, last property).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from "idb";

export const DB_NAME = "doorsync";
export const DB_VERSION = 2;

export interface StoredSnapshot {
  bytes: Uint8Array;
  etag: string | null;
  /** when Okta was read (from the snapshot) */
  fetchedAt: string;
  /** when this browser stored it */
  storedAt: string;
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
];

export function upgrade(db: IDBPDatabase<DoorsyncDb>, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let v = oldVersion; v < newVersion; v++) UPGRADES[v](db, tx);
}
