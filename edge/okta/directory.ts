/**
 * Whole-directory and incremental reads. Users (plain + DEPROVISIONED), groups and the app
 * assignment are read in parallel, then every group's members with at most `width` groups
 * at once. Any failure fails the whole read: a partial directory would look like users
 * leaving groups, and that locks doors.
 */
import { ok, type Result } from "../../shared/result.ts";
import type { Directory } from "../../shared/directory/model.ts";
import { type AppScope, assembleDirectory, maxTimestamp } from "./assemble.ts";
import type { DirectoryChanges, GroupChange } from "./changes.ts";
import type { OktaErrorCode } from "./errors.ts";
import {
  listAllGroups,
  listAllUsers,
  listAppGroups,
  listAppUsers,
  listGroupsChangedSince,
  listMembers,
  listUsersChangedSince,
  oktaTime,
} from "./lists.ts";
import { toDirectoryGroup, toDirectoryUser } from "./normalise.ts";
import { forEachLimited, guard, type ReadContext } from "./pages.ts";
import type { WireGroup, WireUser } from "./schemas.ts";

export interface Tally {
  users: number;
  groups: number;
  memberships: number;
}

export interface ReadOptions {
  width: number;
  now: () => number;
  appId?: string;
  /** called after every page with running totals */
  tally: (delta: Partial<Tally>) => void;
}

type R<T> = Result<T, OktaErrorCode>;

export interface DirectoryRead {
  directory: Directory;
  /** largest server timestamp seen: a safe `since` for the first readChanges */
  watermark: string | null;
}

async function readApp(ctx: ReadContext, appId: string): Promise<R<AppScope>> {
  const [users, groups] = await Promise.all([guard(ctx, listAppUsers(ctx, appId)), guard(ctx, listAppGroups(ctx, appId))]);
  if (!users.ok) return users;
  if (!groups.ok) return groups;
  return ok({ userIds: users.value.map((u) => u.id), groupIds: groups.value.map((g) => g.id) });
}

/**
 * Members of each group; a group deleted since it was listed (404) is dropped, not an error.
 * A member identical to the copy from the user lists is kept as that copy, so a big org's
 * memberships do not hold a second record per membership.
 */
async function readMembers(
  ctx: ReadContext,
  groups: WireGroup[],
  o: ReadOptions,
  known: ReadonlyMap<string, WireUser> = new Map(),
): Promise<R<{ members: Map<string, WireUser[]>; gone: Set<string> }>> {
  const members = new Map<string, WireUser[]>();
  const gone = new Set<string>();
  const done = await forEachLimited(ctx, groups, o.width, async (g) => {
    const r = await listMembers(ctx, g.id, (page) => o.tally({ memberships: page.length }));
    if (r.ok) {
      members.set(
        g.id,
        r.value.map((m) => {
          const k = known.get(m.id);
          return k && k.lastUpdated === m.lastUpdated && k.status === m.status ? k : m;
        }),
      );
    } else if (r.error.code === "not-found") gone.add(g.id);
    else return r;
    return ok(null);
  });
  if (!done.ok) return done;
  return ok({ members, gone });
}

export async function readSnapshot(ctx: ReadContext, o: ReadOptions): Promise<R<DirectoryRead>> {
  const fetchedAt = oktaTime(o.now());
  const [users, groups, app] = await Promise.all([
    guard(ctx, listAllUsers(ctx, (page) => o.tally({ users: page.length }))),
    guard(ctx, listAllGroups(ctx, (page) => o.tally({ groups: page.length }))),
    o.appId ? readApp(ctx, o.appId) : Promise.resolve(ok(null)),
  ]);
  if (!users.ok) return users;
  if (!groups.ok) return groups;
  if (!app.ok) return app;
  const known = new Map(users.value.map((u) => [u.id, u]));
  const m = await readMembers(ctx, groups.value, o, known);
  if (!m.ok) return m;
  const kept = groups.value.filter((g) => !m.value.gone.has(g.id));
  const directory = assembleDirectory({ users: users.value, groups: kept, members: m.value.members, app: app.value, fetchedAt });
  return ok({ directory, watermark: maxTimestamp(users.value, kept) });
}

/**
 * Users changed at or after `since − overlap`, and groups (profile or membership) changed at
 * or after `groupsSince − overlap` (their own watermark), each changed group's members read
 * again — except BUILT_IN groups ("Everyone": every user), whose membership follows from who
 * exists and is never re-listed (a single hire or delete bumps it).
 */
export async function readChanges(
  ctx: ReadContext,
  o: ReadOptions,
  since: string,
  overlapMs: number,
  groupsSince = since,
): Promise<R<DirectoryChanges>> {
  const fetchedAt = oktaTime(o.now());
  const queriedFrom = oktaTime(Date.parse(since) - overlapMs);
  const groupsFrom = oktaTime(Date.parse(groupsSince) - overlapMs);
  const [users, groups] = await Promise.all([
    guard(ctx, listUsersChangedSince(ctx, queriedFrom, (page) => o.tally({ users: page.length }))),
    guard(ctx, listGroupsChangedSince(ctx, groupsFrom, (page) => o.tally({ groups: page.length }))),
  ]);
  if (!users.ok) return users;
  if (!groups.ok) return groups;
  const relisted = groups.value.filter((g) => g.type !== "BUILT_IN");
  const m = await readMembers(ctx, relisted, o);
  if (!m.ok) return m;
  const kept = relisted.filter((g) => !m.value.gone.has(g.id));
  const changes: GroupChange[] = kept.map((g) => ({
    group: toDirectoryGroup(g),
    members: (m.value.members.get(g.id) ?? []).map((u) => toDirectoryUser(u, [])),
  }));
  const later = (seen: string | null, from: string) => (seen !== null && Date.parse(seen) > Date.parse(from) ? seen : from);
  return ok({
    since,
    queriedFrom,
    watermark: later(maxTimestamp(users.value, []), since),
    groupsWatermark: later(maxTimestamp([], groups.value), groupsSince),
    fetchedAt,
    users: users.value.map((u) => toDirectoryUser(u, [])),
    groups: changes,
  });
}
