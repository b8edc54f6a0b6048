import { describe, expect, it } from "vitest";
import { createOktaSandbox } from "../../../../edge/sandbox/okta/index.ts";
import { oktaGroup, oktaSeed, oktaUser, oktaUsers } from "../../../support/okta-seed.ts";
import { allPages, getJson, ids, links } from "./requests.ts";

function sandboxWith(n: number, deprovisioned: number[] = []) {
  const users = oktaUsers(n);
  for (const i of deprovisioned) users[i].status = "DEPROVISIONED";
  return { users, sandbox: createOktaSandbox(oktaSeed({ users })) };
}

describe("GET /api/v1/users", () => {
  it("pages in id order with an opaque cursor until there is no next link", async () => {
    const { users, sandbox } = sandboxWith(7);
    const { ids: seen, pages } = await allPages(sandbox.app, "/api/v1/users?limit=3");
    expect(seen).toEqual(users.map((u) => u.id).sort());
    expect(pages).toBe(3);
  });

  it("sends self and next as separate link lines carrying the full query", async () => {
    const { sandbox } = sandboxWith(5);
    const { res, body } = await getJson(sandbox.app, "/api/v1/users?limit=2&filter=status%20eq%20%22ACTIVE%22");
    const l = links(res);
    expect(l.self).toBe("http://localhost/api/v1/users?limit=2&filter=status%20eq%20%22ACTIVE%22");
    const next = new URL(l.next);
    expect(next.searchParams.get("limit")).toBe("2");
    expect(next.searchParams.get("filter")).toBe('status eq "ACTIVE"');
    const cursor = next.searchParams.get("after")!;
    expect(ids(body)).not.toContain(cursor);
    expect(cursor).not.toContain("00u");
  });

  it("rejects a cursor it did not issue with E0000029", async () => {
    const { sandbox, users } = sandboxWith(3);
    const { status, body } = await getJson(sandbox.app, `/api/v1/users?after=${users[0].id}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: "E0000029" });
  });

  it.each([
    { query: "", expected: 200 },
    { query: "?limit=500", expected: 200 },
    { query: "?limit=50", expected: 50 },
    { query: "?limit=1", expected: 1 },
  ])("caps the page size at 200 (limit from '$query' gives $expected)", async ({ query, expected }) => {
    const { sandbox } = sandboxWith(250);
    const { body } = await getJson(sandbox.app, `/api/v1/users${query}`);
    expect(ids(body)).toHaveLength(expected);
  });

  it.each(["0", "-5", "abc"])("rejects limit=%s with E0000029", async (limit) => {
    const { sandbox } = sandboxWith(2);
    const { status, body } = await getJson(sandbox.app, `/api/v1/users?limit=${limit}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: "E0000029" });
  });

  it("hides DEPROVISIONED users from the plain list but shows them to filter and search", async () => {
    const { sandbox, users } = sandboxWith(4, [1]);
    const gone = users[1].id;
    expect((await allPages(sandbox.app, "/api/v1/users")).ids).not.toContain(gone);
    const filtered = await allPages(sandbox.app, `/api/v1/users?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`);
    expect(filtered.ids).toEqual([gone]);
    const searched = await allPages(sandbox.app, `/api/v1/users?search=${encodeURIComponent('id sw "00u"')}`);
    expect(searched.ids).toContain(gone);
  });

  it("answers q by prefix of name, email or login, without paging and without DEPROVISIONED users", async () => {
    const users = [
      oktaUser({ profile: { firstName: "Ada", lastName: "Lovelace", login: "ada@example.com", email: "ada@example.com" } }),
      oktaUser({ profile: { firstName: "Adam", lastName: "Smith", login: "adam@example.com", email: "adam@example.com" } }),
      oktaUser({ status: "DEPROVISIONED", profile: { firstName: "Adele", login: "adele@example.com", email: "adele@example.com" } }),
      oktaUser({ profile: { firstName: "Bob", lastName: "Adams", login: "bob@example.com", email: "bob@example.com" } }),
    ];
    const sandbox = createOktaSandbox(oktaSeed({ users }));
    const { res, body } = await getJson(sandbox.app, "/api/v1/users?q=ad");
    expect(ids(body)).toEqual([users[0].id, users[1].id, users[3].id]);
    expect(links(res).next).toBeUndefined();
  });

  it("returns at most 10 users for q by default", async () => {
    const { sandbox } = sandboxWith(15);
    expect(ids((await getJson(sandbox.app, "/api/v1/users?q=user")).body)).toHaveLength(10);
  });

  it("returns Okta's user shape with null profile fields as null", async () => {
    const user = oktaUser({ profile: { mobilePhone: null } });
    const sandbox = createOktaSandbox(oktaSeed({ users: [user] }));
    const { body } = await getJson(sandbox.app, "/api/v1/users");
    const [u] = body as Record<string, unknown>[];
    expect(u).toMatchObject({
      id: user.id,
      status: "ACTIVE",
      lastUpdated: user.lastUpdated,
      profile: { mobilePhone: null, login: user.profile.login },
      credentials: { provider: { type: "OKTA", name: "OKTA" } },
      _links: { self: { href: `http://localhost/api/v1/users/${user.id}` } },
    });
  });

  it("pages through 100,000 users, visiting each active user exactly once", async () => {
    const users = oktaUsers(100_000);
    for (let i = 0; i < users.length; i += 100) users[i].status = "DEPROVISIONED";
    const sandbox = createOktaSandbox(oktaSeed({ users }));
    const { ids: seen, pages } = await allPages(sandbox.app, "/api/v1/users?limit=200");
    expect(pages).toBe(495);
    expect(new Set(seen).size).toBe(99_000);
    expect(seen).toEqual([...seen].sort());
  }, 60_000);
});

describe("GET /api/v1/users/{idOrLogin}", () => {
  const user = oktaUser({ profile: { login: "grace.hopper@example.com", email: "grace@example.com" } });
  const sandbox = createOktaSandbox(oktaSeed({ users: [user, oktaUser({ status: "DEPROVISIONED" })] }));

  it.each([user.id, "grace.hopper@example.com", "GRACE.HOPPER@example.com", "grace.hopper"])("finds the user by %s", async (key) => {
    const { status, body } = await getJson(sandbox.app, `/api/v1/users/${encodeURIComponent(key)}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: user.id });
  });

  it("answers 404 E0000007 for an unknown user", async () => {
    const { status, body } = await getJson(sandbox.app, "/api/v1/users/00uUNKNOWN0000000000");
    expect(status).toBe(404);
    expect(body).toMatchObject({ errorCode: "E0000007", errorLink: "E0000007", errorCauses: [] });
  });
});

describe("GET /api/v1/users/{id}/groups", () => {
  it("lists the user's groups as Group objects", async () => {
    const user = oktaUser();
    const [a, b, c] = [oktaGroup(), oktaGroup(), oktaGroup()];
    const sandbox = createOktaSandbox(
      oktaSeed({ users: [user], groups: [a, b, c], memberships: { [a.id]: [user.id], [c.id]: [user.id] } }),
    );
    const { body } = await getJson(sandbox.app, `/api/v1/users/${user.id}/groups`);
    expect(ids(body)).toEqual([a.id, c.id]);
    expect((body as { profile: { name: string } }[])[0].profile.name).toBe(a.profile.name);
  });
});
