/**
 * The sandbox's mutable directory: users, groups, memberships and app assignments, indexed
 * for 100k-user orgs (id-sorted arrays, id and login maps) with list results memoised per
 * query until the next change. Mutations go through mutations.ts, which keeps these in step.
 */
import type { OktaAppRecord, OktaGroupRecord, OktaSeed, OktaUserRecord } from "../demo/types.ts";

export interface OktaStore {
  orgName: string;
  users: Map<string, OktaUserRecord>;
  /** every user, sorted by id */
  sortedUsers: OktaUserRecord[];
  /** lower-cased login → id */
  logins: Map<string, string>;
  groups: Map<string, OktaGroupRecord>;
  sortedGroups: OktaGroupRecord[];
  members: Map<string, Set<string>>;
  userGroups: Map<string, Set<string>>;
  apps: Map<string, OktaAppRecord>;
  /** bumped on every directory change; memoised lists are keyed by it */
  version: number;
  memo: Map<string, { version: number; value: unknown }>;
  /** search-index lag: users whose search view still shows an older copy until `at` */
  searchLag: { at: number; id: string; before: OktaUserRecord | null }[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A copy of the seed the sandbox may mutate (structuredClone is too slow for 100k users). */
function copySeed(seed: OktaSeed): OktaSeed {
  return {
    ...seed,
    users: seed.users.map((u) => ({ ...u, type: { ...u.type }, profile: { ...u.profile } })),
    groups: seed.groups.map((g) => ({
      ...g,
      objectClass: [...g.objectClass],
      profile: { ...g.profile },
      ...(g.source ? { source: { ...g.source } } : {}),
    })),
    apps: seed.apps.map((a) => ({ ...a, userIds: [...a.userIds], groupIds: [...a.groupIds] })),
  };
}

export function createStore(seed: OktaSeed): OktaStore {
  const clone = copySeed(seed);
  const store: OktaStore = {
    orgName: clone.orgName,
    users: new Map(clone.users.map((u) => [u.id, u])),
    sortedUsers: [...clone.users].sort(byId),
    logins: new Map(),
    groups: new Map(clone.groups.map((g) => [g.id, g])),
    sortedGroups: [...clone.groups].sort(byId),
    members: new Map(clone.groups.map((g) => [g.id, new Set<string>()])),
    userGroups: new Map(),
    apps: new Map(clone.apps.map((a) => [a.id, a])),
    version: 0,
    memo: new Map(),
    searchLag: [],
  };
  for (const u of clone.users) if (typeof u.profile.login === "string") store.logins.set(u.profile.login.toLowerCase(), u.id);
  for (const [groupId, userIds] of Object.entries(clone.memberships)) {
    if (!store.groups.has(groupId)) continue;
    for (const userId of userIds) if (store.users.has(userId)) addMember(store, groupId, userId);
  }
  return store;
}

/** The first index whose id is greater than `id` (binary search). */
export function indexAfter(sorted: readonly { id: string }[], id: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertSorted<T extends { id: string }>(sorted: T[], item: T): void {
  sorted.splice(indexAfter(sorted, item.id), 0, item);
}
export function removeSorted<T extends { id: string }>(sorted: T[], id: string): void {
  const i = indexAfter(sorted, id) - 1;
  if (i >= 0 && sorted[i].id === id) sorted.splice(i, 1);
}

export function memo<T>(store: OktaStore, key: string, compute: () => T): T {
  const hit = store.memo.get(key);
  if (hit && hit.version === store.version) return hit.value as T;
  const value = compute();
  if (store.memo.size > 500) store.memo.clear();
  store.memo.set(key, { version: store.version, value });
  return value;
}

export function addMember(store: OktaStore, groupId: string, userId: string): boolean {
  const set = store.members.get(groupId);
  if (!set || set.has(userId)) return false;
  set.add(userId);
  let groups = store.userGroups.get(userId);
  if (!groups) store.userGroups.set(userId, groups = new Set());
  groups.add(groupId);
  return true;
}
export function removeMember(store: OktaStore, groupId: string, userId: string): boolean {
  const removed = store.members.get(groupId)?.delete(userId) ?? false;
  store.userGroups.get(userId)?.delete(groupId);
  return removed;
}

/** Members of a group as user records, sorted by id (memoised). */
export function membersOf(store: OktaStore, groupId: string): OktaUserRecord[] {
  return memo(store, `members:${groupId}`, () => [...(store.members.get(groupId) ?? [])].map((id) => store.users.get(id)!).sort(byId));
}

/** Users as the (possibly lagging) search index sees them, sorted by id. */
export function searchView(store: OktaStore, now: number): OktaUserRecord[] {
  store.searchLag = store.searchLag.filter((entry) => entry.at > now);
  if (store.searchLag.length === 0) return store.sortedUsers;
  const stale = new Map<string, OktaUserRecord | null>();
  for (const entry of store.searchLag) if (!stale.has(entry.id)) stale.set(entry.id, entry.before);
  const out: OktaUserRecord[] = [];
  for (const u of store.sortedUsers) {
    if (!stale.has(u.id)) out.push(u);
    else if (stale.get(u.id)) out.push(stale.get(u.id)!);
  }
  for (const [id, before] of stale) if (before && !store.users.has(id)) insertSorted(out, before);
  return out;
}

export function userByIdOrLogin(store: OktaStore, key: string): OktaUserRecord | undefined {
  const direct = store.users.get(key) ?? store.users.get(store.logins.get(key.toLowerCase()) ?? "");
  if (direct) return direct;
  // An unambiguous short name: the login's part before "@".
  const short = key.toLowerCase();
  let found: OktaUserRecord | undefined;
  for (const [login, id] of store.logins) {
    if (login.split("@")[0] !== short) continue;
    if (found) return undefined;
    found = store.users.get(id);
  }
  return found;
}
