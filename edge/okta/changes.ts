/**
 * Incremental reads. Okta has no change feed in the list APIs, only timestamps:
 *  - users: `filter=lastUpdated gt "T"` (includes DEPROVISIONED, so deactivations show up);
 *  - memberships do not bump a user's lastUpdated, so groups are read with
 *    `lastUpdated gt "T" or lastMembershipUpdated gt "T"` and each such group's full member
 *    list is re-read and replaces the old one.
 * Watermark: the largest timestamp the *server* returned (never the local clock); the next
 * read asks from `watermark − overlap` (default 5 min) so writes committed slightly out of
 * timestamp order are not skipped; applying a change twice is harmless (records replace).
 * Not seen: hard deletes (no tombstone in the lists) and app (un)assignments — run a full
 * read periodically (e.g. nightly) for those.
 */
import type { Directory, DirectoryGroup, DirectoryUser } from "../../shared/directory/model.ts";

export interface GroupChange {
  group: DirectoryGroup;
  /** the group's complete member list now (users as Okta returned them, groupIds unknown: []) */
  members: DirectoryUser[];
}

export interface DirectoryChanges {
  /** what the caller asked from */
  since: string;
  /** what was actually queried (since − overlap) */
  queriedFrom: string;
  /** pass as `since` next time: the largest user `lastUpdated` seen, or `since` if nothing changed */
  watermark: string;
  /** the same for groups (`lastUpdated` / `lastMembershipUpdated`): their own watermark */
  groupsWatermark: string;
  fetchedAt: string;
  /** users whose record changed (groupIds: [] — membership comes from `groups`) */
  users: DirectoryUser[];
  groups: GroupChange[];
}

/** Apply changes to a snapshot: pure, idempotent. Users keep their memberships unless a changed group says otherwise. */
export function applyChanges(base: Directory, changes: DirectoryChanges): Directory {
  const users = new Map(base.users.map((u) => [u.id, { ...u, groupIds: [...u.groupIds] }]));
  // A new user is in every BUILT_IN group ("Everyone"), whose members are never re-listed.
  const builtIn = base.groups.filter((g) => g.type === "BUILT_IN").map((g) => g.id);
  const upsert = (u: DirectoryUser) => {
    const old = users.get(u.id);
    users.set(u.id, { ...u, groupIds: old ? old.groupIds : [...builtIn] });
  };
  for (const u of changes.users) upsert(u);
  const groups = new Map(base.groups.map((g) => [g.id, g]));
  for (const { group, members } of changes.groups) {
    groups.set(group.id, group);
    const memberIds = new Set(members.map((m) => m.id));
    for (const m of members) if (!users.has(m.id)) upsert(m);
    for (const u of users.values()) {
      const has = u.groupIds.includes(group.id);
      if (has && !memberIds.has(u.id)) u.groupIds = u.groupIds.filter((g) => g !== group.id);
      if (!has && memberIds.has(u.id)) u.groupIds.push(group.id);
    }
  }
  const order = [...groups.keys()].sort();
  const rank = new Map(order.map((id, i) => [id, i]));
  const list = [...users.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const u of list) u.groupIds.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  return { fetchedAt: changes.fetchedAt, users: list, groups: order.map((id) => groups.get(id)!) };
}
