/**
 * The Okta lists a directory read needs, each read completely (every page). The first-page
 * URLs are the only ones we build; after that we follow Okta's `next` links.
 */
import { ok, type Result } from "../../shared/result.ts";
import type { OktaErrorCode } from "./errors.ts";
import { type ReadContext, readPages } from "./pages.ts";
import { type WireGroup, WireGroupSchema, type WireUser, WireUserSchema } from "./schemas.ts";
import { newer } from "./normalise.ts";

type R<T> = Result<T, OktaErrorCode>;
type OnPage<T> = (items: T[]) => void;

const q = (s: string) => encodeURIComponent(s);
const url = (ctx: ReadContext, path: string, query: string) => `${ctx.transport.origin}${path}?${query}`;

/** Okta's filter timestamp format, `2024-01-31T18:25:03.000Z`. */
export const oktaTime = (ms: number) => new Date(ms).toISOString();

/** The first page of each list a whole-directory read streams (directory.ts); later pages follow `next` links. */
export const firstUrls = {
  users: (ctx: ReadContext) => url(ctx, "/api/v1/users", "limit=200"),
  /** the plain list leaves DEPROVISIONED users out; a filter includes them */
  deprovisioned: (ctx: ReadContext) => url(ctx, "/api/v1/users", `limit=200&filter=${q('status eq "DEPROVISIONED"')}`),
  groups: (ctx: ReadContext) => url(ctx, "/api/v1/groups", "limit=200"),
  members: (ctx: ReadContext, groupId: string) => url(ctx, `/api/v1/groups/${q(groupId)}/users`, "limit=200"),
  appUsers: (ctx: ReadContext, appId: string) => url(ctx, `/api/v1/apps/${q(appId)}/users`, "limit=500"),
  appGroups: (ctx: ReadContext, appId: string) => url(ctx, `/api/v1/apps/${q(appId)}/groups`, "limit=200"),
};

/** Merge lists of users read at different moments: one entry per id, the newer copy wins. */
export function mergeUsers(lists: WireUser[][]): WireUser[] {
  const byId = new Map<string, WireUser>();
  for (const list of lists) for (const u of list) byId.set(u.id, byId.has(u.id) ? newer(byId.get(u.id)!, u) : u);
  return [...byId.values()];
}

/**
 * Every user. The plain list leaves DEPROVISIONED users out and a filter includes them, so
 * read both (in parallel) and merge by id.
 */
export async function listAllUsers(ctx: ReadContext, onPage?: OnPage<WireUser>): Promise<R<WireUser[]>> {
  const [plain, deprovisioned] = await Promise.all([
    readPages(ctx, firstUrls.users(ctx), WireUserSchema, "users", onPage),
    readPages(ctx, firstUrls.deprovisioned(ctx), WireUserSchema, "users", onPage),
  ]);
  if (!plain.ok) return plain;
  if (!deprovisioned.ok) return deprovisioned;
  return ok(mergeUsers([plain.value, deprovisioned.value]));
}

/** Users whose record changed at or after `since` (ISO): DEPROVISIONED ones included. */
export function listUsersChangedSince(ctx: ReadContext, since: string, onPage?: OnPage<WireUser>): Promise<R<WireUser[]>> {
  return readPages(ctx, url(ctx, "/api/v1/users", `limit=200&filter=${q(`lastUpdated ge "${since}"`)}`), WireUserSchema, "users", onPage);
}

export function listAllGroups(ctx: ReadContext, onPage?: OnPage<WireGroup>): Promise<R<WireGroup[]>> {
  return readPages(ctx, firstUrls.groups(ctx), WireGroupSchema, "groups", onPage);
}

/** Groups whose profile or membership changed at or after `since` (ISO). */
export function listGroupsChangedSince(ctx: ReadContext, since: string, onPage?: OnPage<WireGroup>): Promise<R<WireGroup[]>> {
  const filter = `lastUpdated ge "${since}" or lastMembershipUpdated ge "${since}"`;
  return readPages(ctx, url(ctx, "/api/v1/groups", `limit=200&filter=${q(filter)}`), WireGroupSchema, "groups", onPage);
}

/** Members of a group (full user records, deactivated ones included). */
export function listMembers(ctx: ReadContext, groupId: string, onPage?: OnPage<WireUser>): Promise<R<WireUser[]>> {
  return readPages(ctx, firstUrls.members(ctx, groupId), WireUserSchema, "group members", onPage);
}
