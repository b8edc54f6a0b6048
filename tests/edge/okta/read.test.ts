/**
 * The client reading a whole directory from the Okta sandbox over a real socket.
 */
import { afterEach, describe, expect, it } from "vitest";
import { recordsOf } from "../../../shared/directory/table.ts";
import type { OktaSeed } from "../../../edge/sandbox/demo/types.ts";
import { oktaApp, oktaGroup, oktaSeed, oktaUser, oktaUsers } from "../../support/okta-seed.ts";
import { expectedDirectory, type ServedSandbox, serveSandbox, sswsClient, virtualClock, withoutTime } from "./fixtures.ts";
import type { OktaProgress } from "../../../edge/okta/index.ts";

let served: ServedSandbox | null = null;
afterEach(async () => {
  await served?.close();
  served = null;
});

/** 1,050 visible users, 30 DEPROVISIONED, a 450-member group, an empty one, one with a deactivated member. */
function bigSeed(): OktaSeed {
  const active = oktaUsers(1050);
  const gone = oktaUsers(30, { status: "DEPROVISIONED" });
  const odd = [
    oktaUser({ status: "SUSPENDED", profile: { email: "   " } }),
    oktaUser({ status: "STAGED", profile: { email: null } }),
    oktaUser({ status: "LOCKED_OUT" }),
  ];
  const [big, empty, mixed] = [oktaGroup({ profile: { name: "Everyone at HQ" } }), oktaGroup(), oktaGroup({ type: "APP_GROUP" })];
  return oktaSeed({
    users: [...active, ...gone, ...odd],
    groups: [big, empty, mixed],
    memberships: {
      [big.id]: active.slice(0, 450).map((u) => u.id),
      [mixed.id]: [gone[0].id, odd[0].id, active[1049].id],
    },
  });
}

describe("readDirectory() against the sandbox", () => {
  it("reads every page of users, groups and members, DEPROVISIONED users included", async () => {
    const seed = bigSeed();
    served = await serveSandbox(seed);
    const client = sswsClient(served.url, virtualClock());
    const r = await client.readDirectory();
    if (!r.ok) throw new Error(r.error.message);
    expect(withoutTime(r.value)).toEqual(expectedDirectory(seed));
    expect(recordsOf(r.value).users.filter((u) => u.status === "DEPROVISIONED")).toHaveLength(30);
    const counts = served.sandbox.counters.get();
    // 1,053 visible users at 200 a page: 6 pages; 30 DEPROVISIONED: 1 page; 450 members at 200: 3 pages.
    expect(counts["GET /api/v1/users"]).toBe(7);
    expect(counts["GET /api/v1/groups"]).toBe(1);
    expect(counts["GET /api/v1/groups/:id/users"]).toBe(5);
    expect(served.statuses.get(429) ?? 0).toBe(0);
  });

  it("never has more than maxInFlight requests out at once", async () => {
    const seed = bigSeed();
    served = await serveSandbox(seed, { faults: { latencyMs: [1, 5] } });
    const client = sswsClient(served.url, virtualClock(), { maxInFlight: 2 });
    expect((await client.readDirectory()).ok).toBe(true);
    expect(client.stats().peakInFlight).toBeLessThanOrEqual(2);
  });

  it("reports progress: requests, users, groups and memberships as they are read", async () => {
    const seed = bigSeed();
    served = await serveSandbox(seed);
    const seen: OktaProgress[] = [];
    const client = sswsClient(served.url, virtualClock(), { onProgress: (p) => seen.push({ ...p }) });
    expect((await client.readDirectory()).ok).toBe(true);
    const last = seen[seen.length - 1];
    expect(last).toEqual({ requests: 13, users: 1083, groups: 3, memberships: 453 });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].requests).toBeGreaterThanOrEqual(seen[i - 1].requests);
      expect(seen[i].users).toBeGreaterThanOrEqual(seen[i - 1].users);
    }
  });

  it("scopes to an app: users assigned directly or through an assigned group", async () => {
    const users = oktaUsers(6);
    const [assigned, other] = [oktaGroup(), oktaGroup()];
    const app = oktaApp({ userIds: [users[0].id], groupIds: [assigned.id] });
    const seed = oktaSeed({
      users,
      groups: [assigned, other],
      memberships: { [assigned.id]: [users[1].id, users[2].id], [other.id]: [users[2].id, users[3].id] },
      apps: [app],
    });
    served = await serveSandbox(seed);
    const r = await sswsClient(served.url, virtualClock(), { appId: app.id }).readDirectory();
    if (!r.ok) throw new Error(r.error.message);
    expect(recordsOf(r.value).users.map((u) => u.id)).toEqual([users[0].id, users[1].id, users[2].id]);
    expect(withoutTime(r.value)).toEqual(expectedDirectory(seed, { userIds: app.userIds, groupIds: app.groupIds }));
    expect(served.sandbox.counters.get()["GET /api/v1/apps/:id/users"]).toBe(1);
  });

  it("drops a group deleted between the group list and its member list", async () => {
    const users = oktaUsers(3);
    const [kept, doomed] = [oktaGroup(), oktaGroup()];
    const seed = oktaSeed({ users, groups: [kept, doomed], memberships: { [kept.id]: [users[0].id], [doomed.id]: [users[1].id] } });
    served = await serveSandbox(seed);
    const sandbox = served.sandbox;
    // Okta deletes the group right after answering the group list.
    const racing: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (new URL(String(input)).pathname === "/api/v1/groups") sandbox.mutations.deleteGroup(doomed.id);
      return res;
    };
    const r = await sswsClient(served.url, virtualClock(), { fetch: racing, maxInFlight: 1 }).readDirectory();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.groups.map((g) => g.id)).toEqual([kept.id]);
    expect(served.statuses.get(404)).toBe(1); // the doomed group's member list
    expect(recordsOf(r.value).users.map((u) => [u.id, u.groupIds])).toEqual([[users[0].id, [kept.id]], [users[1].id, []], [
      users[2].id,
      [],
    ]]);
  });

  it("fails on an unknown app id instead of reading an empty scope", async () => {
    served = await serveSandbox(oktaSeed({ users: oktaUsers(2) }));
    const r = await sswsClient(served.url, virtualClock(), { appId: "0oa-no-such-app" }).readDirectory();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("not-found");
  });
});

describe("list methods", () => {
  it("listUsers, listGroups and listGroupMembers read complete lists", async () => {
    const seed = bigSeed();
    served = await serveSandbox(seed);
    const client = sswsClient(served.url, virtualClock());
    const [users, groups, members] = await Promise.all([
      client.listUsers(),
      client.listGroups(),
      client.listGroupMembers(seed.groups[0].id),
    ]);
    expect(users.ok && users.value.length).toBe(1083);
    expect(groups.ok && groups.value.map((g) => g.id)).toEqual(seed.groups.map((g) => g.id).sort());
    expect(members.ok && members.value.map((u) => u.id)).toEqual(seed.memberships[seed.groups[0].id]);
  });
});

describe("verify()", () => {
  it("checks the users and groups lists with one small request each", async () => {
    served = await serveSandbox(bigSeed());
    const r = await sswsClient(served.url, virtualClock()).verify();
    expect(r).toEqual({ ok: true, value: { host: new URL(served.url).host, checked: ["/api/v1/users", "/api/v1/groups"] } });
    expect(served.sandbox.counters.get()).toEqual({ "GET /api/v1/users": 1, "GET /api/v1/groups": 1 });
  });
});
