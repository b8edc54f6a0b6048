/**
 * The directory as columns: one column per field and per profile attribute (cells.ts), so
 * 500,000 users cost a few arrays, not 500,000 user and profile objects. Few-valued columns
 * (status, department, group lists) keep two bytes a user; the rest keep each value once.
 *
 * Built row by row (`createColumnsBuilder`), by the Okta read as pages arrive and by the
 * snapshot decoder; rows can be replaced while building (a newer copy of a user), and
 * `finish` puts them in the order asked for.
 */
import { Cells, jsonKey, stringKey } from "./cells.ts";
import type { DirectoryGroup, DirectoryUser, OktaStatus, ProfileValue } from "./model.ts";
import type { DirectoryTable } from "./table.ts";

interface Parts {
  ids: Cells<string>;
  statuses: Cells<OktaStatus>;
  emails: Cells<string | null>;
  lastUpdated: Cells<string>;
  groupLists: Cells<readonly string[]>;
  /** in the order attributes were first seen */
  attributes: Map<string, Cells<ProfileValue>>;
}

/** Strings as themselves; null and lists as JSON, which never starts with "s". */
const valueKey = (v: ProfileValue): string => (typeof v === "string" ? "s" + v : JSON.stringify(v));
const emailKey = (v: string | null): string => (v === null ? "" : "s" + v);

class Columns implements DirectoryTable {
  constructor(
    readonly fetchedAt: string,
    readonly groups: readonly DirectoryGroup[],
    readonly size: number,
    private readonly parts: Parts,
  ) {}
  id = (row: number): string => this.parts.ids.get(row)!;
  status = (row: number): OktaStatus => this.parts.statuses.get(row)!;
  email = (row: number): string | null => this.parts.emails.get(row) ?? null;
  lastUpdated = (row: number): string | undefined => this.parts.lastUpdated.get(row);
  groupIds = (row: number): readonly string[] => this.parts.groupLists.get(row) ?? NO_GROUPS;
  attribute(name: string): (row: number) => ProfileValue {
    const cells = this.parts.attributes.get(name);
    return cells ? (row) => cells.get(row) ?? null : () => null;
  }
  user = (row: number): DirectoryUser => userAt(this.parts, row);
}

const NO_GROUPS: readonly string[] = Object.freeze([]);

function userAt(parts: Parts, row: number): DirectoryUser {
  const profile: Record<string, ProfileValue> = {};
  for (const [key, cells] of parts.attributes) {
    const value = cells.get(row);
    if (value === undefined) continue;
    // a "__proto__" attribute must stay data, not become the object's prototype
    if (key === "__proto__") Object.defineProperty(profile, key, { value, enumerable: true, writable: true, configurable: true });
    else profile[key] = typeof value === "string" || value === null ? value : [...value];
  }
  const user: DirectoryUser = {
    id: parts.ids.get(row)!,
    status: parts.statuses.get(row)!,
    email: parts.emails.get(row) ?? null,
    profile,
    groupIds: [...(parts.groupLists.get(row) ?? NO_GROUPS)],
  };
  const lastUpdated = parts.lastUpdated.get(row);
  if (lastUpdated !== undefined) user.lastUpdated = lastUpdated;
  return user;
}

export interface ColumnsBuilder {
  /** how many rows so far */
  readonly rows: number;
  /** Adds a user as a new row; returns the row. */
  add(user: DirectoryUser): number;
  /** Replaces row `row` with this user (its group ids too). */
  set(row: number, user: DirectoryUser): void;
  setGroupIds(row: number, groupIds: readonly string[]): void;
  /** What a row holds now, for comparing a copy read later. */
  read(row: number): Pick<DirectoryUser, "id" | "status" | "lastUpdated">;
  /** The table, rows in `order` (default: as added); the builder must not be used after. */
  finish(fetchedAt: string, groups: readonly DirectoryGroup[], order?: ArrayLike<number>): DirectoryTable;
}

export function createColumnsBuilder(capacity = 1024): ColumnsBuilder {
  const parts: Parts = {
    ids: new Cells(stringKey, capacity),
    statuses: new Cells<OktaStatus>(stringKey, capacity),
    emails: new Cells(emailKey, capacity),
    lastUpdated: new Cells(stringKey, capacity),
    groupLists: new Cells<readonly string[]>(jsonKey, capacity),
    attributes: new Map(),
  };
  let rows = 0;
  const setGroupIds = (row: number, groupIds: readonly string[]) =>
    parts.groupLists.set(row, groupIds.length === 0 ? undefined : Object.freeze([...groupIds]));
  const set = (row: number, user: DirectoryUser) => {
    parts.ids.set(row, user.id);
    parts.statuses.set(row, user.status);
    parts.emails.set(row, user.email ?? undefined);
    parts.lastUpdated.set(row, user.lastUpdated);
    setGroupIds(row, user.groupIds);
    for (const cells of parts.attributes.values()) cells.set(row, undefined);
    for (const key of Object.keys(user.profile)) {
      let cells = parts.attributes.get(key);
      if (!cells) parts.attributes.set(key, cells = new Cells(valueKey, capacity));
      cells.set(row, user.profile[key]);
    }
  };
  return {
    get rows() {
      return rows;
    },
    add(user) {
      set(rows, user);
      return rows++;
    },
    set,
    setGroupIds,
    read: (row) => ({ id: parts.ids.get(row)!, status: parts.statuses.get(row)!, lastUpdated: parts.lastUpdated.get(row) }),
    finish(fetchedAt, groups, order) {
      if (!order) {
        for (const cells of [parts.ids, parts.statuses, parts.emails, parts.lastUpdated, parts.groupLists]) cells.seal();
        for (const cells of parts.attributes.values()) cells.seal();
        return new Columns(fetchedAt, groups, rows, parts);
      }
      const pick = <T>(cells: Cells<T>) => cells.pick(order);
      const picked: Parts = {
        ids: pick(parts.ids),
        statuses: pick(parts.statuses),
        emails: pick(parts.emails),
        lastUpdated: pick(parts.lastUpdated),
        groupLists: pick(parts.groupLists),
        attributes: new Map([...parts.attributes].map(([key, cells]) => [key, pick(cells)])),
      };
      return new Columns(fetchedAt, groups, order.length, picked);
    },
  };
}
