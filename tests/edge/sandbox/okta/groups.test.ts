import { describe, expect, it } from "vitest";
import { createOktaSandbox } from "../../../../edge/sandbox/okta/index.ts";
import { oktaApp, oktaGroup, oktaSeed, oktaUser, oktaUsers } from "../../../support/okta-seed.ts";
import { allPages, getJson, ids, links } from "./requests.ts";

describe("GET /api/v1/groups", () => {
  const groups = Array.from({ length: 5 }, (_, i) => oktaGroup({ profile: { name: i < 2 ? `Doors ${i}` : `Team ${i}` } }));
  const sandbox = createOktaSandbox(oktaSeed({ groups }));

  it("pages every group in id order", async () => {
    const { ids: seen, pages } = await allPages(sandbox.app, "/api/v1/groups?limit=2");
    expect(seen).toEqual(groups.map((g) => g.id).sort());
    expect(pages).toBe(3);
  });

  it("finds groups by name prefix with q, without paging", async () => {
    const { res, body } = await getJson(sandbox.app, "/api/v1/groups?q=doors");
    expect(ids(body)).toEqual([groups[0].id, groups[1].id]);
    expect(links(res).next).toBeUndefined();
  });

  it("returns Okta's group shape", async () => {
    const { body } = await getJson(sandbox.app, `/api/v1/groups/${groups[0].id}`);
    expect(body).toMatchObject({
      id: groups[0].id,
      type: "OKTA_GROUP",
      objectClass: ["okta:user_group"],
      profile: { name: "Doors 0", description: null },
      _links: { users: { href: `http://localhost/api/v1/groups/${groups[0].id}/users` } },
    });
  });

  it("answers 404 E0000007 for an unknown group", async () => {
    for (const path of ["/api/v1/groups/00gNOPE", "/api/v1/groups/00gNOPE/users"]) {
      const { status, body } = await getJson(sandbox.app, path);
      expect(status).toBe(404);
      expect(body).toMatchObject({ errorCode: "E0000007" });
    }
  });
});

describe("GET /api/v1/groups/{id}/users", () => {
  it("returns full users of every status, 1000 per page by default, capped at 1000", async () => {
    const users = oktaUsers(1200);
    users[3].status = "DEPROVISIONED";
    const group = oktaGroup();
    const sandbox = createOktaSandbox(oktaSeed({ users, groups: [group], memberships: { [group.id]: users.map((u) => u.id) } }));
    expect(ids((await getJson(sandbox.app, `/api/v1/groups/${group.id}/users`)).body)).toHaveLength(1000);
    expect(ids((await getJson(sandbox.app, `/api/v1/groups/${group.id}/users?limit=5000`)).body)).toHaveLength(1000);
    const all = await allPages(sandbox.app, `/api/v1/groups/${group.id}/users?limit=200`);
    expect(all.ids).toEqual(users.map((u) => u.id).sort());
    expect(all.pages).toBe(6);
    const [first] = (await getJson(sandbox.app, `/api/v1/groups/${group.id}/users?limit=1`)).body as Record<string, unknown>[];
    expect(first).toMatchObject({ status: "ACTIVE", profile: { login: users[0].profile.login } });
  });
});

describe("GET /api/v1/apps/{id}/users and /groups", () => {
  const direct = oktaUser();
  const viaGroup = oktaUser();
  const both = oktaUser();
  const gone = oktaUser({ status: "DEPROVISIONED" });
  const group = oktaGroup();
  const app = oktaApp({ userIds: [direct.id, both.id], groupIds: [group.id] });
  const many = Array.from({ length: 30 }, () => oktaGroup());
  const big = oktaApp({ groupIds: many.map((g) => g.id) });
  const sandbox = createOktaSandbox(
    oktaSeed({
      users: [direct, viaGroup, both, gone],
      groups: [group, ...many],
      apps: [app, big],
      memberships: { [group.id]: [viaGroup.id, both.id, gone.id] },
    }),
  );

  it("lists assigned users with scope USER or GROUP and leaves out DEPROVISIONED users", async () => {
    const { body } = await getJson(sandbox.app, `/api/v1/apps/${app.id}/users`);
    const scopes = Object.fromEntries((body as { id: string; scope: string }[]).map((a) => [a.id, a.scope]));
    expect(scopes).toEqual({ [direct.id]: "USER", [viaGroup.id]: "GROUP", [both.id]: "USER" });
    expect((body as Record<string, unknown>[])[0]).toMatchObject({ credentials: { userName: expect.any(String) }, syncState: "DISABLED" });
  });

  it.each([
    { query: "", pageSize: 3 },
    { query: "?limit=2", pageSize: 2 },
  ])("pages app users ($query)", async ({ query, pageSize }) => {
    const { body } = await getJson(sandbox.app, `/api/v1/apps/${app.id}/users${query}`);
    expect(ids(body)).toHaveLength(pageSize);
  });

  it.each([
    { query: "", size: 20 },
    { query: "?limit=5", size: 20 },
    { query: "?limit=25", size: 25 },
    { query: "?limit=500", size: 30 },
  ])("pages app groups between 20 and 200 per page ($query → $size)", async ({ query, size }) => {
    const { body } = await getJson(sandbox.app, `/api/v1/apps/${big.id}/groups${query}`);
    expect(ids(body)).toHaveLength(size);
    expect((body as Record<string, unknown>[])[0]).toMatchObject({
      priority: expect.any(Number),
      _links: { group: { href: expect.any(String) } },
    });
  });

  it("embeds the User with expand=user", async () => {
    const { body } = await getJson(sandbox.app, `/api/v1/apps/${app.id}/users?expand=user&limit=1`);
    const [first] = body as { id: string; _embedded: { user: { id: string; status: string } } }[];
    expect(first._embedded.user).toMatchObject({ id: first.id, status: "ACTIVE" });
  });

  it("answers 404 for an unknown app", async () => {
    expect((await getJson(sandbox.app, "/api/v1/apps/0oaNOPE/users")).status).toBe(404);
  });
});

describe("GET /api/v1/apps/{id}/users limits", () => {
  it.each([
    { query: "", size: 50 },
    { query: "?limit=500", size: 500 },
    { query: "?limit=900", size: 500 },
  ])("returns $size app users for '$query'", async ({ query, size }) => {
    const users = oktaUsers(600);
    const group = oktaGroup();
    const app = oktaApp({ groupIds: [group.id] });
    const sandbox = createOktaSandbox(
      oktaSeed({ users, groups: [group], apps: [app], memberships: { [group.id]: users.map((u) => u.id) } }),
    );
    expect(ids((await getJson(sandbox.app, `/api/v1/apps/${app.id}/users${query}`)).body)).toHaveLength(size);
  });
});
