/**
 * GET /api/v1/users (plain list, filter, search, q), /users/{idOrLogin}, /users/{id}/groups.
 * The plain list hides DEPROVISIONED users; filter and search show them; q hides them and
 * has no paging. Result lists are memoised per query until the directory changes, so a
 * page of a 100k-user list is a binary search and a slice.
 */
import { type Context, Hono } from "hono";
import type { OktaUserRecord } from "../../demo/types.ts";
import { originOf, type Sandbox } from "../context.ts";
import { notFound, oktaError, type OktaFailure } from "../errors.ts";
import { isFailure, pageOf, readLimit } from "../paging.ts";
import { compile, userFilter, userSearch } from "../queries.ts";
import { memo, searchView, userByIdOrLogin } from "../store.ts";
import { wireGroup, wireUser } from "../wire.ts";

const fail = (c: Context, f: OktaFailure) => oktaError(c, f.code, f.summary, f.causes);

function matching(sb: Sandbox, c: Context): OktaUserRecord[] | OktaFailure {
  const filter = c.req.query("filter");
  const search = c.req.query("search");
  const { store } = sb;
  if (filter !== undefined && search !== undefined) return { code: "E0000033" };
  if (filter !== undefined) {
    return memo(store, `users:filter:${filter}`, () => {
      const q = compile(userFilter, filter);
      return q.ok ? store.sortedUsers.filter(q.test) : q.failure;
    });
  }
  if (search !== undefined) {
    const lagging = store.searchLag.length > 0;
    const run = () => {
      const q = compile(userSearch, search);
      return q.ok ? searchView(store, sb.now()).filter(q.test) : q.failure;
    };
    // While the index lags the view depends on the clock, so don't memoise it.
    return lagging ? run() : memo(store, `users:search:${search}`, run);
  }
  return memo(store, "users:visible", () => store.sortedUsers.filter((u) => u.status !== "DEPROVISIONED"));
}

function byQ(sb: Sandbox, q: string, limit: number): OktaUserRecord[] {
  const prefix = q.toLowerCase();
  const out: OktaUserRecord[] = [];
  for (const u of sb.store.sortedUsers) {
    if (u.status === "DEPROVISIONED") continue;
    const p = u.profile;
    if ([p.firstName, p.lastName, p.email, p.login].some((v) => typeof v === "string" && v.toLowerCase().startsWith(prefix))) {
      out.push(u);
      if (out.length >= limit) break;
    }
  }
  return out;
}

export function userRoutes(sb: Sandbox): Hono {
  const app = new Hono();

  app.get("/api/v1/users", (c) => {
    const q = c.req.query("q");
    if (q !== undefined && c.req.query("filter") === undefined && c.req.query("search") === undefined) {
      const limit = readLimit(c, { default: 10, max: 200 });
      if (isFailure(limit)) return fail(c, limit);
      c.header("link", `<${c.req.url}>; rel="self"`, { append: true });
      return c.json(byQ(sb, q, limit).map((u) => wireUser(u, originOf(c))));
    }
    const limit = readLimit(c, { default: 200, max: 200 });
    if (isFailure(limit)) return fail(c, limit);
    const users = matching(sb, c);
    if (isFailure(users)) return fail(c, users);
    const page = pageOf(c, users, limit);
    if (isFailure(page)) return fail(c, page);
    return c.json(page.map((u) => wireUser(u, originOf(c))));
  });

  app.get("/api/v1/users/:idOrLogin", (c) => {
    const user = userByIdOrLogin(sb.store, c.req.param("idOrLogin"));
    if (!user) return fail(c, notFound("User", c.req.param("idOrLogin")));
    return c.json(wireUser(user, originOf(c)));
  });

  app.get("/api/v1/users/:id/groups", (c) => {
    const user = userByIdOrLogin(sb.store, c.req.param("id"));
    if (!user) return fail(c, notFound("User", c.req.param("id")));
    const ids = [...(sb.store.userGroups.get(user.id) ?? [])].sort();
    return c.json(ids.map((id) => wireGroup(sb.store.groups.get(id)!, originOf(c))));
  });

  return app;
}
