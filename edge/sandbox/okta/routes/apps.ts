/**
 * GET /api/v1/apps/{id}/users (AppUser: scope USER for direct, GROUP via an assigned group;
 * DEPROVISIONED users are unassigned; `expand=user` embeds the User) and /api/v1/apps/{id}/groups.
 */
import { type Context, Hono } from "hono";
import type { OktaAppRecord, OktaGroupRecord, OktaUserRecord } from "../../demo/types.ts";
import { originOf, type Sandbox } from "../context.ts";
import { notFound, oktaError, type OktaFailure } from "../errors.ts";
import { isFailure, pageOf, readLimit } from "../paging.ts";
import { memo, type OktaStore } from "../store.ts";
import { wireAppGroup, wireAppUser, wireUser } from "../wire.ts";

const fail = (c: Context, f: OktaFailure) => oktaError(c, f.code, f.summary, f.causes);

interface AppAssignment {
  id: string;
  user: OktaUserRecord;
  scope: "USER" | "GROUP";
}

function assignments(store: OktaStore, app: OktaAppRecord): AppAssignment[] {
  return memo(store, `apps:users:${app.id}`, () => {
    const out = new Map<string, AppAssignment>();
    for (const id of app.userIds) {
      const user = store.users.get(id);
      if (user) out.set(id, { id, user, scope: "USER" });
    }
    for (const groupId of app.groupIds) {
      for (const id of store.members.get(groupId) ?? []) {
        const user = store.users.get(id);
        if (user && !out.has(id)) out.set(id, { id, user, scope: "GROUP" });
      }
    }
    return [...out.values()].filter((a) => a.user.status !== "DEPROVISIONED").sort((a, b) => (a.id < b.id ? -1 : 1));
  });
}

export function appRoutes(sb: Sandbox): Hono {
  const router = new Hono();

  router.get("/api/v1/apps/:id/users", (c) => {
    const app = sb.store.apps.get(c.req.param("id"));
    if (!app) return fail(c, notFound("AppInstance", c.req.param("id")));
    const limit = readLimit(c, { default: 50, max: 500 });
    if (isFailure(limit)) return fail(c, limit);
    const page = pageOf(c, assignments(sb.store, app), limit);
    if (isFailure(page)) return fail(c, page);
    const expand = c.req.query("expand") === "user";
    return c.json(
      page.map((a) => {
        const appUser = wireAppUser(a.user, app, a.scope, originOf(c));
        return expand ? { ...appUser, _embedded: { user: wireUser(a.user, originOf(c)) } } : appUser;
      }),
    );
  });

  router.get("/api/v1/apps/:id/groups", (c) => {
    const app = sb.store.apps.get(c.req.param("id"));
    if (!app) return fail(c, notFound("AppInstance", c.req.param("id")));
    const limit = readLimit(c, { default: 20, max: 200 });
    if (isFailure(limit)) return fail(c, limit);
    const groups = app.groupIds
      .map((id) => sb.store.groups.get(id))
      .filter((g): g is OktaGroupRecord => g !== undefined)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    // Okta's minimum page is 20.
    const page = pageOf(c, groups, Math.max(20, limit));
    if (isFailure(page)) return fail(c, page);
    return c.json(page.map((g) => wireAppGroup(g, app, app.groupIds.indexOf(g.id), originOf(c))));
  });

  return router;
}
