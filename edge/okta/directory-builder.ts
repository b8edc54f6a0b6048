/**
 * Builds the Directory from a whole read's pages as they arrive, or as a checkpoint replays
 * them: no list of wire records is ever held, only the directory's own records. The result
 * does not depend on the order pages came in: users and groups in id order, each user's
 * groupIds in group order, the newer of two copies of a user read at different moments.
 */
import type { Directory, DirectoryUser } from "../../shared/directory/model.ts";
import { createInterners, createListInterner, type Intern } from "../intern.ts";
import { newer } from "./normalise.ts";
import type { ListedGroup, ReadPage } from "./read-page.ts";

export interface DirectoryBuilder {
  add(page: ReadPage): void;
  /** Whether a member record read now adds to what the user lists gave: a user unknown, or changed since. */
  adds(user: Pick<DirectoryUser, "id" | "status" | "lastUpdated">): boolean;
  /** the groups listed so far, in id order */
  groupIds(): string[];
  /** The directory (scoped: to the users assigned to the app, directly or by group) and the largest server timestamp in it. */
  finish(fetchedAt: string, scoped: boolean): { directory: Directory; watermark: string | null };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function createDirectoryBuilder(): DirectoryBuilder {
  const users = new Map<string, DirectoryUser>();
  const groups = new Map<string, ListedGroup>();
  const gone = new Set<string>();
  /** user id → ids of the groups listing them, in arrival order, repeats included */
  const memberOf = new Map<string, string[]>();
  const app = { users: new Set<string>(), groups: new Set<string>() };
  const interners = createInterners();
  const keep = (u: DirectoryUser) => {
    internProfile(u.profile, u.email, interners);
    const had = users.get(u.id);
    users.set(u.id, had ? newer(had, u) : u);
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
      const had = users.get(user.id);
      return !had || had.lastUpdated !== user.lastUpdated || had.status !== user.status;
    },
    groupIds: () => [...groups.keys()].sort(),
    finish(fetchedAt, scoped) {
      const kept = [...groups.values()].filter((g) => !gone.has(g.id)).sort(byId);
      const order = new Map(kept.map((g, i) => [g.id, i]));
      const names = kept.map((g) => g.id);
      let list = [...users.values()];
      // Users in the same groups share one frozen list (a 500,000-user org has a few thousand
      // distinct ones); each user's arrival list is let go as it is replaced.
      const lists = createListInterner();
      for (const u of list) {
        u.groupIds = lists(groupsOf(memberOf.get(u.id), order, names));
        memberOf.delete(u.id);
      }
      if (scoped) list = list.filter((u) => app.users.has(u.id) || u.groupIds.some((g) => app.groups.has(g)));
      list.sort(byId);
      const directory = { fetchedAt, users: list, groups: kept.map(({ id, name, type }) => ({ id, name, type })) };
      return { directory, watermark: maxTimestamp(list, kept) };
    },
  };
}

/**
 * Swaps each profile value for the copy its attribute's interner keeps, and a value equal to
 * the user's email (login, email) for the email itself: JSON.parse gave each its own copy.
 * In place: the builder owns its records.
 */
function internProfile(profile: DirectoryUser["profile"], email: string | null, interners: (attribute: string) => Intern): void {
  for (const key of Object.keys(profile)) {
    const value = profile[key];
    if (value === null || key === "__proto__") continue; // assigning "__proto__" would set the prototype
    if (value === email) {
      profile[key] = email;
      continue;
    }
    const intern = interners(key);
    profile[key] = typeof value === "string" ? intern(value) : value.map(intern);
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
