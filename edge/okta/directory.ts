/**
 * Whole-directory and incremental reads (Okta's lists, every page). Any failure fails the
 * whole read: a partial directory would look like users leaving groups, and that locks doors.
 */
import * as v from "valibot";
import { ok, type Result } from "../../shared/result.ts";
import type { DirectoryTable } from "../../shared/directory/table.ts";
import type { DirectoryChanges, GroupChange } from "./changes.ts";
import { type ListCursor, NO_CHECKPOINT, type ReadCheckpoint } from "./checkpoint.ts";
import { createDirectoryBuilder, maxTimestamp } from "./directory-builder.ts";
import { type OktaErrorCode, oktaFail } from "./errors.ts";
import { firstUrls, listGroupsChangedSince, listMembers, listUsersChangedSince, oktaTime } from "./lists.ts";
import { toDirectoryGroup, toDirectoryUser, toListedGroup } from "./normalise.ts";
import { eachPage, forEachLimited, guard, type ReadContext } from "./pages.ts";
import type { ReadPage } from "./read-page.ts";
import { WireAppGroupSchema, WireAppUserSchema, type WireGroup, WireGroupSchema, type WireUser, WireUserSchema } from "./schemas.ts";

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
  directory: DirectoryTable;
  /** largest server timestamp seen: a safe `since` for the first readChanges */
  watermark: string | null;
  /** pages a checkpoint gave back (read before the read was cut short), not read again */
  resumedPages: number;
}

const interrupted = oktaFail("interrupted", "The directory read was stopped: its pages can no longer be saved");

const tallyOf = (page: ReadPage): Partial<Tally> =>
  page.kind === "users"
    ? { users: page.users.length }
    : page.kind === "groups"
    ? { groups: page.groups.length }
    : page.kind === "members"
    ? { memberships: page.ids.length }
    : {};

/**
 * Every user (plain list + DEPROVISIONED), group and app assignment, read in parallel, then
 * every group's members with at most `width` groups at once. Pages are streamed into the
 * directory as they arrive and saved to `checkpoint`, so a read that stops resumes at its
 * cursors. Any failure fails the whole read: a partial directory would look like users
 * leaving groups, and that locks doors.
 */
export async function readSnapshot(
  ctx: ReadContext,
  o: ReadOptions,
  checkpoint: ReadCheckpoint = NO_CHECKPOINT,
): Promise<R<DirectoryRead>> {
  const b = createDirectoryBuilder();
  let resumedPages = 0;
  const resumed = await checkpoint.resume((_list, page) => {
    resumedPages++;
    b.add(page);
    o.tally(tallyOf(page));
  });
  const fetchedAt = resumed?.fetchedAt ?? oktaTime(o.now());
  if (!resumed && !(await checkpoint.begin(fetchedAt))) return interrupted;
  const cursors = resumed?.lists ?? new Map<string, ListCursor>();
  /** Reads a list from its cursor, each page normalised, kept and saved before the next is asked for. */
  const stream = <S extends v.GenericSchema>(
    list: string,
    firstUrl: string,
    item: S,
    what: string,
    toPage: (items: v.InferOutput<S>[]) => ReadPage,
  ): Promise<R<null>> => {
    const at = cursors.get(list) ?? { next: firstUrl, pages: 0 };
    saved.set(list, at.pages);
    if (at.next === null) return Promise.resolve(ok(null));
    return eachPage(ctx, at.next, item, what, (items, next) => keep(list, toPage(items), next));
  };
  /** pages saved per list, resumed ones included: where the next page of a list goes */
  const saved = new Map<string, number>();
  const keep = async (list: string, page: ReadPage, next: string | null): Promise<R<null>> => {
    b.add(page);
    o.tally(tallyOf(page));
    const index = saved.get(list) ?? 0;
    saved.set(list, index + 1);
    return (await checkpoint.save({ list, index, next, page })) ? ok(null) : interrupted;
  };
  const toUsers = (items: WireUser[]): ReadPage => ({ kind: "users", users: items.map((u) => toDirectoryUser(u, [])) });
  const first = await Promise.all([
    stream("users", firstUrls.users(ctx), WireUserSchema, "users", toUsers),
    stream("users-deprovisioned", firstUrls.deprovisioned(ctx), WireUserSchema, "users", toUsers),
    stream("groups", firstUrls.groups(ctx), WireGroupSchema, "groups", (items) => ({ kind: "groups", groups: items.map(toListedGroup) })),
    ...(o.appId
      ? [
        stream("app-users", firstUrls.appUsers(ctx, o.appId), WireAppUserSchema, "app users", (items) => ({
          kind: "app-users",
          ids: items.map((x) => x.id),
        })),
        stream("app-groups", firstUrls.appGroups(ctx, o.appId), WireAppGroupSchema, "app groups", (items) => ({
          kind: "app-groups",
          ids: items.map((x) => x.id),
        })),
      ]
      : []),
  ].map((read) => guard(ctx, read)));
  const failed = first.find((r) => !r.ok);
  if (failed) return failed;
  const members = await forEachLimited(ctx, b.groupIds(), o.width, async (groupId) => {
    const list = `members/${groupId}`;
    const r = await stream(list, firstUrls.members(ctx, groupId), WireUserSchema, "group members", (items) => {
      const all = items.map((u) => toDirectoryUser(u, []));
      return { kind: "members", groupId, ids: all.map((u) => u.id), users: all.filter((u) => b.adds(u)) };
    });
    if (r.ok || r.error.code !== "not-found") return r;
    return keep(list, { kind: "gone", groupId }, null); // deleted since it was listed: dropped, not an error
  });
  if (!members.ok) return members;
  return ok({ ...b.finish(fetchedAt, o.appId !== undefined), resumedPages });
}

/** Members of each group; a group deleted since it was listed (404) is dropped, not an error. */
async function readMembers(
  ctx: ReadContext,
  groups: WireGroup[],
  o: ReadOptions,
): Promise<R<{ members: Map<string, WireUser[]>; gone: Set<string> }>> {
  const members = new Map<string, WireUser[]>();
  const gone = new Set<string>();
  const done = await forEachLimited(ctx, groups, o.width, async (g) => {
    const r = await listMembers(ctx, g.id, (page) => o.tally({ memberships: page.length }));
    if (r.ok) members.set(g.id, r.value);
    else if (r.error.code === "not-found") gone.add(g.id);
    else return r;
    return ok(null);
  });
  if (!done.ok) return done;
  return ok({ members, gone });
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
