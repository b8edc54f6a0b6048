/**
 * A directory's users read by position, whichever way they are held: as records (a
 * `Directory`, as the browser and the tests have it) or as columns (`DirectoryColumns`, as the
 * edge holds 500,000 users). The rule engine, plan() and the snapshot encoder read through it.
 */
import type { Directory, DirectoryGroup, DirectoryUser, OktaStatus, ProfileValue } from "./model.ts";

export interface DirectoryTable {
  readonly fetchedAt: string;
  readonly groups: readonly DirectoryGroup[];
  /** how many users */
  readonly size: number;
  id(row: number): string;
  status(row: number): OktaStatus;
  email(row: number): string | null;
  lastUpdated(row: number): string | undefined;
  /** the user's group ids (shared between users: never changed in place) */
  groupIds(row: number): readonly string[];
  /** Reads one profile attribute: null where it is not set (a key the profile lacks, or one only inherited). */
  attribute(name: string): (row: number) => ProfileValue;
  /** The user as a record. From columns it is built on each call: keep it no longer than needed. */
  user(row: number): DirectoryUser;
}

/** A directory as records or as columns. */
export type DirectoryInput = Directory | DirectoryTable;

export function tableOf(directory: DirectoryInput): DirectoryTable {
  return "users" in directory ? recordsTable(directory) : directory;
}

function recordsTable({ fetchedAt, users, groups }: Directory): DirectoryTable {
  return {
    fetchedAt,
    groups,
    size: users.length,
    id: (row) => users[row].id,
    status: (row) => users[row].status,
    email: (row) => users[row].email,
    lastUpdated: (row) => users[row].lastUpdated,
    groupIds: (row) => users[row].groupIds,
    attribute: (name) => (row) => {
      const profile = users[row].profile;
      return Object.hasOwn(profile, name) ? profile[name] : null;
    },
    user: (row) => users[row],
  };
}

/** Every user's id, in row order. */
export const idsOf = (table: DirectoryTable): string[] => Array.from({ length: table.size }, (_, row) => table.id(row));

/** The directory as records: for a table from columns, every user built at once (small directories, tests). */
export function recordsOf(directory: DirectoryInput): Directory {
  if ("users" in directory) return directory;
  const users = Array.from({ length: directory.size }, (_, row) => directory.user(row));
  return { fetchedAt: directory.fetchedAt, users, groups: [...directory.groups] };
}
