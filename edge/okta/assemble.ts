/**
 * Pure assembly of the Directory from what the lists returned: users (merged), groups,
 * per-group member lists, and optionally the app scope. Deterministic: users and groups in
 * id order, each user's groupIds in group order, whatever order the reads finished in.
 */
import type { Directory, DirectoryUser } from "../../shared/directory/model.ts";
import { newer, toDirectoryGroup, toDirectoryUser } from "./normalise.ts";
import type { WireGroup, WireUser } from "./schemas.ts";

export interface AppScope {
  /** users assigned to the app directly (or listed by Okta as assigned via a group) */
  userIds: string[];
  /** groups assigned to the app: their members are in scope */
  groupIds: string[];
}

export interface ReadParts {
  users: WireUser[];
  groups: WireGroup[];
  /** group id → members as read from /groups/{id}/users */
  members: Map<string, WireUser[]>;
  app: AppScope | null;
  fetchedAt: string;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function assembleDirectory(parts: ReadParts): Directory {
  const users = new Map<string, WireUser>();
  for (const u of parts.users) users.set(u.id, users.has(u.id) ? newer(users.get(u.id)!, u) : u);
  const groups = [...parts.groups].sort(byId);
  const groupIds = new Map<string, string[]>();
  for (const g of groups) {
    for (const m of parts.members.get(g.id) ?? []) {
      // A member missing from the user lists (created mid-read) is still a user we know.
      users.set(m.id, users.has(m.id) ? newer(users.get(m.id)!, m) : m);
      const ids = groupIds.get(m.id) ?? [];
      if (ids[ids.length - 1] !== g.id) ids.push(g.id); // page overlap must not duplicate
      groupIds.set(m.id, ids);
    }
  }
  let list: DirectoryUser[] = [...users.values()].map((u) => toDirectoryUser(u, groupIds.get(u.id) ?? []));
  if (parts.app) {
    const direct = new Set(parts.app.userIds);
    const viaGroup = new Set(parts.app.groupIds);
    list = list.filter((u) => direct.has(u.id) || u.groupIds.some((g) => viaGroup.has(g)));
  }
  list.sort(byId);
  return { fetchedAt: parts.fetchedAt, users: list, groups: groups.map(toDirectoryGroup) };
}

/** The largest server timestamp seen (users' lastUpdated, groups' lastUpdated/lastMembershipUpdated). */
export function maxTimestamp(users: readonly WireUser[], groups: readonly WireGroup[]): string | null {
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
