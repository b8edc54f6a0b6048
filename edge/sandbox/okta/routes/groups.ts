/**
 * GET /api/v1/groups (list, filter, search, q), /groups/{id}, /groups/{id}/users (full User
 * objects, every status, since Okta doesn't always drop deactivated members).
 */
import { type Context, Hono } from "hono";
import type { OktaGroupRecord } from "../../demo/types.ts";
import { originOf, type Sandbox } from "../context.ts";
import { notFound, oktaError, type OktaFailure } from "../errors.ts";
import { isFailure, pageOf, readLimit } from "../paging.ts";
import { compile, groupFilter, groupSearch } from "../queries.ts";
import { membersOf, memo } from "../store.ts";
import { wireGroup, wireUser } from "../wire.ts";

const fail = (c: Context, f: OktaFailure) => oktaError(c, f.code, f.summary, f.causes);

function matching(sb: Sandbox, c: Context): OktaGroupRecord[] | OktaFailure {
  const filter = c.req.query("filter");
  const search = c.req.query("search");
  const { store } = sb;
  if (filter !== undefined && search !== undefined) return { code: "E0000033" };
  const expression = filter ?? search;
  if (expression === undefined) return store.sortedGroups;
  const spec = filter !== undefined ? groupFilter : groupSearch;
  return memo(store, `groups:${spec.what}:${expression}`, () => {
    const q = compile(spec, expression);
    return q.ok ? store.sortedGroups.filter(q.test) : q.failure;
  });
}

export function groupRoutes(sb: Sandbox): Hono {
  const app = new Hono();

  app.get("/api/v1/groups", (c) => {
    const q = c.req.query("q");
    if (q !== undefined && c.req.query("filter") === undefined && c.req.query("search") === undefined) {
      const limit = readLimit(c, { default: 300, max: 10000 });
      if (isFailure(limit)) return fail(c, limit);
      const prefix = q.toLowerCase();
      const found = sb.store.sortedGroups.filter((g) => g.profile.name.toLowerCase().startsWith(prefix)).slice(0, limit);
      c.header("link", `<${c.req.url}>; rel="self"`, { append: true });
      return c.json(found.map((g) => wireGroup(g, originOf(c))));
    }
    const limit = readLimit(c, { default: 200, max: 10000 });
    if (isFailure(limit)) return fail(c, limit);
    const groups = matching(sb, c);
    if (isFailure(groups)) return fail(c, groups);
    const page = pageOf(c, groups, limit);
    if (isFailure(page)) return fail(c, page);
    return c.json(page.map((g) => wireGroup(g, originOf(c))));
  });

  app.get("/api/v1/groups/:id", (c) => {
    const group = sb.store.groups.get(c.req.param("id"));
    if (!group) return fail(c, notFound("UserGroup", c.req.param("id")));
    return c.json(wireGroup(group, originOf(c)));
  });

  app.get("/api/v1/groups/:id/users", (c) => {
    const id = c.req.param("id");
    if (!sb.store.groups.has(id)) return fail(c, notFound("UserGroup", id));
    const limit = readLimit(c, { default: 1000, max: 1000 });
    if (isFailure(limit)) return fail(c, limit);
    const page = pageOf(c, membersOf(sb.store, id), limit);
    if (isFailure(page)) return fail(c, page);
    return c.json(page.map((u) => wireUser(u, originOf(c))));
  });

  return app;
}
