import { describe, expect, it } from "vitest";
import { recordsOf } from "../../../shared/directory/table.ts";
import { createDirectoryBuilder, maxTimestamp } from "../../../edge/okta/directory-builder.ts";
import { applyChanges, type DirectoryChanges } from "../../../edge/okta/changes.ts";
import { profileValue, toDirectoryUser, toListedGroup } from "../../../edge/okta/normalise.ts";
import type { ReadPage } from "../../../edge/okta/read-page.ts";
import type { WireGroup, WireUser } from "../../../edge/okta/schemas.ts";

const user = (id: string, over: Partial<WireUser> = {}): WireUser => ({
  id,
  status: "ACTIVE",
  lastUpdated: "2024-01-01T00:00:00.000Z",
  profile: { login: `${id}@example.com`, email: `${id}@example.com` },
  ...over,
});
const group = (id: string, over: Partial<WireGroup> = {}): WireGroup => ({
  id,
  type: "OKTA_GROUP",
  lastUpdated: "2024-01-01T00:00:00.000Z",
  lastMembershipUpdated: "2024-01-01T00:00:00.000Z",
  profile: { name: `Group ${id}` },
  ...over,
});

describe("profileValue()", () => {
  it.each([
    ["a string", "x", "x"],
    ["a number", 42, "42"],
    ["a boolean", true, "true"],
    ["null", null, null],
    ["an array", ["a", 1, false, null], ["a", "1", "false"]],
  ])("normalises %s", (_n, input, expected) => {
    expect(profileValue(input as never)).toEqual(expected);
  });
});

describe("toDirectoryUser()", () => {
  it.each([
    ["present", "a@example.com", "a@example.com"],
    ["blank", "   ", null],
    ["null", null, null],
    ["absent", undefined, null],
    ["padded", " a@example.com ", "a@example.com"],
  ])("takes the email from profile.email when %s", (_n, email, expected) => {
    const profile: WireUser["profile"] = { login: "a" };
    if (email !== undefined) profile.email = email;
    expect(toDirectoryUser(user("00u1", { profile }), []).email).toBe(expected);
  });

  it("keeps a __proto__ attribute as data, not as the profile's prototype", () => {
    const wire = user("00u1", { profile: JSON.parse('{"login":"a","__proto__":["x"]}') });
    const d = toDirectoryUser(wire, []);
    expect(Object.getPrototypeOf(d.profile)).toBe(Object.prototype);
    expect(Object.entries(d.profile)).toEqual([["login", "a"], ["__proto__", ["x"]]]);
  });

  it("reads ACTIVATING as PROVISIONED, never ACTIVE", () => {
    expect(toDirectoryUser(user("00u1", { status: "ACTIVATING" }), []).status).toBe("PROVISIONED");
  });
});

interface Parts {
  users: WireUser[];
  groups: WireGroup[];
  /** group id → its members, as /groups/{id}/users lists them */
  members: Map<string, WireUser[]>;
  app: { userIds: string[]; groupIds: string[] } | null;
  fetchedAt: string;
}

/** The directory a read of these lists builds, as records. */
const assembleDirectory = (parts: Parts, order: "forward" | "backward" = "forward") => recordsOf(assembleTable(parts, order));

/** The table a read of these lists builds, pages added in the order a read would. */
function assembleTable(parts: Parts, order: "forward" | "backward") {
  const b = createDirectoryBuilder();
  const pages: ReadPage[] = [
    { kind: "users", users: parts.users.map((u) => toDirectoryUser(u, [])) },
    { kind: "groups", groups: parts.groups.map(toListedGroup) },
    ...(parts.app
      ? [{ kind: "app-users", ids: parts.app.userIds } as const, { kind: "app-groups", ids: parts.app.groupIds } as const]
      : []),
  ];
  for (const page of order === "forward" ? pages : pages.reverse()) b.add(page);
  for (const [groupId, members] of parts.members) {
    const all = members.map((u) => toDirectoryUser(u, []));
    b.add({ kind: "members", groupId, ids: all.map((u) => u.id), users: all.filter((u) => b.adds(u)) });
  }
  return b.finish(parts.fetchedAt, parts.app !== null).directory;
}

describe("createDirectoryBuilder()", () => {
  const fetchedAt = "2024-02-01T00:00:00.000Z";

  it("sorts users and groups by id and lists each user's groups in group order", () => {
    const d = assembleDirectory({
      users: [user("00u2"), user("00u1")],
      groups: [group("00gB"), group("00gA")],
      members: new Map([["00gB", [user("00u1")]], ["00gA", [user("00u1"), user("00u2")]]]),
      app: null,
      fetchedAt,
    });
    expect(d.users.map((u) => [u.id, u.groupIds])).toEqual([["00u1", ["00gA", "00gB"]], ["00u2", ["00gA"]]]);
    expect(d.groups.map((g) => g.id)).toEqual(["00gA", "00gB"]);
  });

  it("gives users in the same groups one shared, frozen list of them", () => {
    const d = assembleTable({
      users: [user("00u1"), user("00u2"), user("00u3")],
      groups: [group("00gA"), group("00gB")],
      members: new Map([["00gA", [user("00u1"), user("00u2"), user("00u3")]], ["00gB", [user("00u3")]]]),
      app: null,
      fetchedAt,
    }, "forward");
    expect(d.groupIds(0)).toBe(d.groupIds(1));
    expect(d.groupIds(2)).toEqual(["00gA", "00gB"]);
    expect(Object.isFrozen(d.groupIds(0))).toBe(true);
  });

  it("keeps no record it was given: its rows are columns, not the users of the pages", () => {
    const b = createDirectoryBuilder();
    const users = [user("00u1"), user("00u2")].map((u) => toDirectoryUser(u, []));
    b.add({ kind: "users", users });
    const before = recordsOf(b.finish(fetchedAt, false).directory);
    const b2 = createDirectoryBuilder();
    b2.add({ kind: "users", users });
    const table = b2.finish(fetchedAt, false).directory;
    for (const u of users) (u.status = "SUSPENDED"), (u.profile.title = "changed"), u.groupIds.push("00gX");
    expect(recordsOf(table)).toEqual(before);
    expect(table.user(0)).not.toBe(table.user(0)); // built on each call
  });

  it("keeps the newer copy of a user read twice and adds members missing from the user lists", () => {
    const d = assembleDirectory({
      users: [user("00u1", { status: "ACTIVE", lastUpdated: "2024-01-01T00:00:00.000Z" })],
      groups: [group("00gA")],
      members: new Map([["00gA", [user("00u1", { status: "DEPROVISIONED", lastUpdated: "2024-01-02T00:00:00.000Z" }), user("00u9")]]]),
      app: null,
      fetchedAt,
    });
    expect(d.users.map((u) => [u.id, u.status])).toEqual([["00u1", "DEPROVISIONED"], ["00u9", "ACTIVE"]]);
  });

  it("keeps only the records a member page adds: a member as the user lists gave them is an id", () => {
    const b = createDirectoryBuilder();
    b.add({ kind: "users", users: [toDirectoryUser(user("00u1"), [])] });
    expect(b.adds(toDirectoryUser(user("00u1"), []))).toBe(false);
    expect(b.adds(toDirectoryUser(user("00u1", { lastUpdated: "2024-01-02T00:00:00.000Z" }), []))).toBe(true);
    expect(b.adds(toDirectoryUser(user("00u1", { status: "SUSPENDED" }), []))).toBe(true);
    expect(b.adds(toDirectoryUser(user("00u2"), []))).toBe(true);
  });

  it("builds the same directory whatever order the lists' pages arrive in", () => {
    const parts: Parts = {
      users: [user("00u2"), user("00u1"), user("00u3")],
      groups: [group("00gB"), group("00gA")],
      members: new Map([["00gB", [user("00u1"), user("00u3")]], ["00gA", [user("00u1")]]]),
      app: { userIds: ["00u2"], groupIds: ["00gB"] },
      fetchedAt,
    };
    expect(assembleDirectory(parts, "backward")).toEqual(assembleDirectory(parts, "forward"));
  });

  it("drops a group gone before its members were read, and its memberships", () => {
    const b = createDirectoryBuilder();
    b.add({ kind: "users", users: [toDirectoryUser(user("00u1"), [])] });
    b.add({ kind: "groups", groups: [toListedGroup(group("00gA")), toListedGroup(group("00gB"))] });
    b.add({ kind: "members", groupId: "00gA", ids: ["00u1"], users: [] });
    b.add({ kind: "members", groupId: "00gB", ids: ["00u1"], users: [] });
    b.add({ kind: "gone", groupId: "00gB" });
    const directory = recordsOf(b.finish(fetchedAt, false).directory);
    expect(directory.groups.map((g) => g.id)).toEqual(["00gA"]);
    expect(directory.users[0].groupIds).toEqual(["00gA"]);
  });

  it("keeps every profile value as read, repeated values and a __proto__ attribute included", () => {
    const b = createDirectoryBuilder();
    const profiles = Array.from(
      { length: 5000 },
      (_, i) => ({ login: `u${i}`, department: `Dept ${i % 7}`, tags: [`t${i % 3}`, `u${i}`] }),
    );
    b.add({
      kind: "users",
      users: profiles.map((profile, i) => ({
        id: `00u${String(i).padStart(5, "0")}`,
        status: "ACTIVE",
        email: null,
        profile,
        groupIds: [],
      })),
    });
    b.add({ kind: "users", users: [toDirectoryUser(user("00u99999", { profile: JSON.parse('{"login":"z","__proto__":"p"}') }), [])] });
    const directory = recordsOf(b.finish(fetchedAt, false).directory);
    expect(directory.users.slice(0, 5000).map((u) => u.profile)).toEqual(
      Array.from({ length: 5000 }, (_, i) => ({ login: `u${i}`, department: `Dept ${i % 7}`, tags: [`t${i % 3}`, `u${i}`] })),
    );
    expect(Object.getPrototypeOf(directory.users[5000].profile)).toBe(Object.prototype);
    expect(Object.entries(directory.users[5000].profile)).toEqual([["login", "z"], ["__proto__", "p"]]);
  });

  it("takes the watermark from the records it keeps", () => {
    const b = createDirectoryBuilder();
    b.add({ kind: "users", users: [toDirectoryUser(user("00u1", { lastUpdated: "2024-03-01T00:00:00.000Z" }), [])] });
    b.add({ kind: "groups", groups: [toListedGroup(group("00gA", { lastMembershipUpdated: "2024-03-05T00:00:00.000Z" }))] });
    expect(b.finish(fetchedAt, false).watermark).toBe("2024-03-05T00:00:00.000Z");
  });

  it("does not duplicate a member repeated across pages", () => {
    const d = assembleDirectory({
      users: [user("00u1")],
      groups: [group("00gA")],
      members: new Map([["00gA", [user("00u1"), user("00u1")]]]),
      app: null,
      fetchedAt,
    });
    expect(d.users[0].groupIds).toEqual(["00gA"]);
  });

  it("scopes to an app: direct assignments plus members of assigned groups", () => {
    const d = assembleDirectory({
      users: [user("00u1"), user("00u2"), user("00u3")],
      groups: [group("00gA"), group("00gB")],
      members: new Map([["00gA", [user("00u2")]], ["00gB", [user("00u3")]]]),
      app: { userIds: ["00u1"], groupIds: ["00gA"] },
      fetchedAt,
    });
    expect(d.users.map((u) => u.id)).toEqual(["00u1", "00u2"]);
    expect(d.groups.map((g) => g.id)).toEqual(["00gA", "00gB"]);
  });
});

describe("maxTimestamp()", () => {
  it("takes the largest of users' lastUpdated and groups' lastUpdated / lastMembershipUpdated", () => {
    expect(
      maxTimestamp([user("u", { lastUpdated: "2024-03-01T00:00:00.000Z" })], [
        group("g", { lastMembershipUpdated: "2024-03-02T00:00:00.000Z" }),
      ]),
    ).toBe("2024-03-02T00:00:00.000Z");
    expect(maxTimestamp([], [])).toBeNull();
  });
});

describe("applyChanges()", () => {
  const base = assembleDirectory({
    users: [user("00u1"), user("00u2")],
    groups: [group("00gA"), group("00gB")],
    members: new Map([["00gA", [user("00u1"), user("00u2")]], ["00gB", [user("00u1")]]]),
    app: null,
    fetchedAt: "2024-02-01T00:00:00.000Z",
  });
  const changes = (over: Partial<DirectoryChanges>): DirectoryChanges => ({
    since: "2024-02-01T00:00:00.000Z",
    queriedFrom: "2024-01-31T23:55:00.000Z",
    watermark: "2024-02-02T00:00:00.000Z",
    groupsWatermark: "2024-02-02T00:00:00.000Z",
    fetchedAt: "2024-02-02T00:00:01.000Z",
    users: [],
    groups: [],
    ...over,
  });

  it("replaces changed users and keeps their memberships", () => {
    const next = recordsOf(applyChanges(base, changes({ users: [toDirectoryUser(user("00u1", { status: "SUSPENDED" }), [])] })));
    expect(next.users[0]).toMatchObject({ id: "00u1", status: "SUSPENDED", groupIds: ["00gA", "00gB"] });
  });

  it("replaces a changed group's member list: removals and additions, new users included", () => {
    const next = recordsOf(applyChanges(
      base,
      changes({ groups: [{ group: { id: "00gA", name: "A2", type: "OKTA_GROUP" }, members: [toDirectoryUser(user("00u3"), [])] }] }),
    ));
    expect(next.users.map((u) => [u.id, u.groupIds])).toEqual([["00u1", ["00gB"]], ["00u2", []], ["00u3", ["00gA"]]]);
    expect(next.groups.find((g) => g.id === "00gA")?.name).toBe("A2");
  });

  it("is idempotent", () => {
    const c = changes({
      users: [toDirectoryUser(user("00u2", { status: "DEPROVISIONED" }), [])],
      groups: [{ group: { id: "00gC", name: "C", type: "OKTA_GROUP" }, members: [toDirectoryUser(user("00u2"), [])] }],
    });
    const once = applyChanges(base, c);
    expect(recordsOf(applyChanges(once, c))).toEqual(recordsOf(once));
  });
});
