/**
 * Builds the directory from a whole read's pages as they arrive, or as a checkpoint replays
 * them, straight into columns (shared/directory/columns.ts): no list of wire records and no
 * user objects are held, only one row per user. The result does not depend on the order pages
 * came in: users and groups in id order, each user's groupIds in group order, the newer of
 * two copies of a user read at different moments.
 */
import type { DirectoryUser } from "../../shared/directory/model.ts";
import { createColumnsBuilder } from "../../shared/directory/columns.ts";
import type { DirectoryTable } from "../../shared/directory/table.ts";
import { newer } from "./normalise.ts";
import type { ListedGroup, ReadPage } from "./read-page.ts";

export interface DirectoryBuilder {
  add(page: ReadPage): void;
  /** Whether a member record read now adds to what the user lists gave: a user unknown, or changed since. */
  adds(user: Pick<DirectoryUser, "id" | "status" | "lastUpdated">): boolean;
  /** the groups listed so far, in id order */
  groupIds(): string[];
  /** The directory (scoped: to the users assigned to the app, directly or by group) and the largest server timestamp in it. */
  finish(fetchedAt: string, scoped: boolean): { directory: DirectoryTable; watermark: string | null };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function createDirectoryBuilder(): DirectoryBuilder {
  /** user id → row */
  const rows = new Map<string, number>();
  const columns = createColumnsBuilder();
  const groups = new Map<string, ListedGroup>();
  const gone = new Set<string>();
  /** user id → ids of the groups listing them, in arrival order, repeats included */
  const memberOf = new Map<string, string[]>();
  const app = { users: new Set<string>(), groups: new Set<string>() };
  const keep = (u: DirectoryUser) => {
    shareEmail(u.profile, u.email);
    const row = rows.get(u.id);
    if (row === undefined) rows.set(u.id, columns.add(u));
    else if (newer(columns.read(row), u) === u) columns.set(row, u);
  };
  const adders: { [K in ReadPage["kind"]]: (page: Extract<ReadPage, { kind: K }>) => void } = {
    users: (p) => p.users.forEach(keep),
    groups: (p) => p.groups.forEach((g) => groups.set(g.id, g)),
    members: (p) => {
      p.users.forEach(keep);
      for (const id of p.ids) {
        const list = memberOf.get(id);
        if (list) list.push(p.groupId);
        else memberOf.set(id, [p.groupId]);
      }
    },
    gone: (p) => gone.add(p.groupId),
    "app-users": (p) => p.ids.forEach((id) => app.users.add(id)),
    "app-groups": (p) => p.ids.forEach((id) => app.groups.add(id)),
  };
  return {
    add: (page) => (adders[page.kind] as (p: ReadPage) => void)(page),
    adds(user) {
      const row = rows.get(user.id);
      if (row === undefined) return true;
      const had = columns.read(row);
      return had.lastUpdated !== user.lastUpdated || had.status !== user.status;
    },
    groupIds: () => [...groups.keys()].sort(),
    finish(fetchedAt, scoped) {
      const kept = [...groups.values()].filter((g) => !gone.has(g.id)).sort(byId);
      const order = new Map(kept.map((g, i) => [g.id, i]));
      const names = kept.map((g) => g.id);
      const chosen: [string, number][] = [];
      for (const [id, row] of rows) {
        const groupIds = groupsOf(memberOf.get(id), order, names);
        memberOf.delete(id); // each arrival list is let go as it is replaced
        columns.setGroupIds(row, groupIds);
        if (!scoped || app.users.has(id) || groupIds.some((g) => app.groups.has(g))) chosen.push([id, row]);
      }
      rows.clear();
      chosen.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const watermark = maxTimestamp(chosen.map(([, row]) => columns.read(row)), kept);
      const directory = columns.finish(fetchedAt, kept.map(({ id, name, type }) => ({ id, name, type })), chosen.map(([, row]) => row));
      return { directory, watermark };
    },
  };
}

/**
 * A profile value equal to the user's email (login, email) becomes the email itself:
 * JSON.parse gave each its own copy. In place: the builder owns its records. Repeated values
 * (departments, titles) are kept once by the columns themselves.
 */
function shareEmail(profile: DirectoryUser["profile"], email: string | null): void {
  if (email === null) return;
  for (const key of Object.keys(profile)) {
    // assigning "__proto__" would set the prototype
    if (key !== "__proto__" && profile[key] === email) profile[key] = email;
  }
}

/** A user's groups in group order, each once, leaving out groups not (or no longer) listed. */
function groupsOf(ids: string[] | undefined, order: ReadonlyMap<string, number>, names: readonly string[]): string[] {
  if (!ids) return [];
  const places = [...new Set(ids)].map((id) => order.get(id)).filter((i) => i !== undefined).sort((a, b) => a - b);
  return places.map((i) => names[i]);
}

/** The largest server timestamp seen (users' lastUpdated, groups' lastUpdated/lastMembershipUpdated). */
export function maxTimestamp(
  users: readonly { lastUpdated?: string }[],
  groups: readonly { lastUpdated?: string; lastMembershipUpdated?: string }[],
): string | null {
  let best: string | null = null;
  let bestMs = -Infinity;
  const see = (ts: string | undefined) => {
    if (!ts) return;
    const ms = Date.parse(ts);
    if (Number.isFinite(ms) && ms > bestMs) {
      bestMs = ms;
      best = ts;
    }
  };
  for (const u of users) see(u.lastUpdated);
  for (const g of groups) {
    see(g.lastUpdated);
    see(g.lastMembershipUpdated);
  }
  return best;
}
