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
import type { DirectoryGroup, DirectoryUser } from "../../shared/directory/model.ts";
import { createColumnsBuilder } from "../../shared/directory/columns.ts";
import { type DirectoryInput, type DirectoryTable, tableOf } from "../../shared/directory/table.ts";

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

/**
 * Apply changes to a snapshot: pure, idempotent. Users keep their memberships unless a changed
 * group says otherwise. The result is columns, built a user at a time: only the changed users
 * and the changed groups' member lists are held whole.
 */
export function applyChanges(directory: DirectoryInput, changes: DirectoryChanges): DirectoryTable {
  const base = tableOf(directory);
  const baseRow = new Map<string, number>();
  for (let row = 0; row < base.size; row++) baseRow.set(base.id(row), row);
  // A new user is in every BUILT_IN group ("Everyone"), whose members are never re-listed.
  const builtIn = base.groups.filter((g) => g.type === "BUILT_IN").map((g) => g.id);
  /** the changed and newly listed users, by id */
  const changed = new Map<string, DirectoryUser>();
  const groupIdsOf = (id: string): readonly string[] => {
    const row = baseRow.get(id);
    return row === undefined ? builtIn : base.groupIds(row);
  };
  for (const u of changes.users) changed.set(u.id, { ...u, groupIds: [...(changed.get(u.id)?.groupIds ?? groupIdsOf(u.id))] });
  const groups = new Map(base.groups.map((g) => [g.id, g]));
  /** group id → its member ids now, for each changed group */
  const members = new Map<string, Set<string>>();
  for (const { group, members: listed } of changes.groups) {
    groups.set(group.id, group);
    members.set(group.id, new Set(listed.map((m) => m.id)));
    for (const m of listed) {
      if (!baseRow.has(m.id) && !changed.has(m.id)) changed.set(m.id, { ...m, groupIds: [...builtIn] });
    }
  }
  const order = [...groups.keys()].sort();
  const rank = new Map(order.map((id, i) => [id, i]));
  /** a user's group ids after the changed groups' lists replaced the old memberships */
  const regroup = (id: string, had: readonly string[]): string[] => {
    const kept = had.filter((g) => !members.has(g) || members.get(g)!.has(id));
    for (const [g, ids] of members) if (ids.has(id) && !kept.includes(g)) kept.push(g);
    return kept.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  };
  const ids = [...new Set([...baseRow.keys(), ...changed.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const builder = createColumnsBuilder(ids.length);
  for (const id of ids) {
    const user = changed.get(id) ?? base.user(baseRow.get(id)!);
    builder.add({ ...user, groupIds: regroup(id, user.groupIds) });
  }
  return builder.finish(changes.fetchedAt, order.map((id) => groups.get(id)!));
}
