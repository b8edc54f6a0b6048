import { describe, expect, it } from "vitest";
import { createOktaSandbox, type LogEvent } from "../../../../edge/sandbox/okta/index.ts";
import { oktaApp, oktaGroup, oktaSeed, oktaUser } from "../../../support/okta-seed.ts";
import { getJson, postJson } from "./requests.ts";

const T0 = Date.parse("2024-06-01T12:00:00.000Z");
const SEEDED = "2024-01-31T18:25:03.000Z";

function setup() {
  const active = oktaUser({ profile: { firstName: "Ada", lastName: "Lovelace", login: "ada@example.com" } });
  const suspended = oktaUser({ status: "SUSPENDED" });
  const gone = oktaUser({ status: "DEPROVISIONED" });
  const group = oktaGroup({ profile: { name: "Engineering" } });
  const appGroup = oktaGroup({ type: "APP_GROUP", profile: { name: "AD Engineering" } });
  const app = oktaApp({ userIds: [active.id] });
  let clock = T0;
  const sandbox = createOktaSandbox(
    oktaSeed({ users: [active, suspended, gone], groups: [group, appGroup], apps: [app], memberships: { [group.id]: [suspended.id] } }),
    { now: () => clock },
  );
  return { sandbox, active, suspended, gone, group, appGroup, app, tick: (ms: number) => (clock += ms) };
}

const lastEvent = (sandbox: ReturnType<typeof createOktaSandbox>): LogEvent => sandbox.logs.events.at(-1)!.event;
const user = async (sandbox: ReturnType<typeof createOktaSandbox>, id: string) =>
  (await getJson(sandbox.app, `/api/v1/users/${id}`)).body as Record<string, unknown>;

describe("/sandbox user lifecycle", () => {
  it.each(
    [
      { who: "active", action: "suspend", status: "SUSPENDED", event: "user.lifecycle.suspend" },
      { who: "active", action: "deactivate", status: "DEPROVISIONED", event: "user.lifecycle.deactivate" },
      { who: "active", action: "lock", status: "LOCKED_OUT", event: "user.account.lock" },
      { who: "suspended", action: "unsuspend", status: "ACTIVE", event: "user.lifecycle.unsuspend" },
      { who: "suspended", action: "deactivate", status: "DEPROVISIONED", event: "user.lifecycle.deactivate" },
      { who: "gone", action: "reactivate", status: "ACTIVE", event: "user.lifecycle.reactivate" },
      { who: "gone", action: "activate", status: "ACTIVE", event: "user.lifecycle.activate" },
    ] as const,
  )("$action moves a $who user to $status, stamps statusChanged/lastUpdated and logs $event", async ({ who, action, status, event }) => {
    const s = setup();
    const target = s[who];
    s.tick(5000);
    const res = await s.sandbox.app.request(`/sandbox/users/${target.id}/lifecycle/${action}`, { method: "POST" });
    expect(res.status).toBe(200);
    const now = new Date(T0 + 5000).toISOString();
    expect(await user(s.sandbox, target.id)).toMatchObject({ status, statusChanged: now, lastUpdated: now });
    expect(lastEvent(s.sandbox)).toMatchObject({
      eventType: event,
      target: [{ type: "User", id: target.id, alternateId: target.profile.login }],
      outcome: { result: "SUCCESS" },
    });
  });

  it.each(
    [
      { who: "active", action: "unsuspend" },
      { who: "suspended", action: "suspend" },
      { who: "gone", action: "deactivate" },
      { who: "active", action: "activate" },
    ] as const,
  )("refuses $action for a $who user with 403 E0000038 and logs nothing", async ({ who, action }) => {
    const s = setup();
    const before = s.sandbox.logs.events.length;
    const res = await s.sandbox.app.request(`/sandbox/users/${s[who].id}/lifecycle/${action}`, { method: "POST" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ errorCode: "E0000038" });
    expect(s.sandbox.logs.events.length).toBe(before);
  });

  it("removes direct app assignments on deactivation", async () => {
    const s = setup();
    s.sandbox.mutations.lifecycle(s.active.id, "deactivate");
    expect((await getJson(s.sandbox.app, `/api/v1/apps/${s.app.id}/users`)).body).toEqual([]);
  });

  it("creates a user, logging create then activate", async () => {
    const s = setup();
    const res = await postJson(s.sandbox.app, "/sandbox/users", {
      profile: { login: "new.person@example.com", email: "new.person@example.com", firstName: "New" },
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ status: "ACTIVE", profile: { login: "new.person@example.com", lastName: null } });
    expect(created.id).toMatch(/^00u\w{17}$/);
    expect(s.sandbox.logs.events.slice(-2).map((e) => e.event.eventType)).toEqual(["user.lifecycle.create", "user.lifecycle.activate"]);
  });

  it.each([
    { name: "a duplicate login", body: { profile: { login: "ADA@example.com" } }, code: "E0000001" },
    { name: "a short login", body: { profile: { login: "a@b" } }, code: "E0000001" },
    { name: "no profile", body: {}, code: "E0000001" },
  ])("refuses to create a user with $name", async ({ body, code }) => {
    const s = setup();
    const res = await postJson(s.sandbox.app, "/sandbox/users", body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorCode: code });
  });

  it("deletes only DEPROVISIONED users", async () => {
    const s = setup();
    expect((await s.sandbox.app.request(`/sandbox/users/${s.active.id}`, { method: "DELETE" })).status).toBe(403);
    expect((await s.sandbox.app.request(`/sandbox/users/${s.gone.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await getJson(s.sandbox.app, `/api/v1/users/${s.gone.id}`)).status).toBe(404);
    expect(lastEvent(s.sandbox).eventType).toBe("user.lifecycle.delete.initiated");
  });
});

describe("/sandbox profile updates", () => {
  it("bumps lastUpdated and logs update_profile with the change", async () => {
    const s = setup();
    s.tick(60_000);
    const res = await postJson(s.sandbox.app, `/sandbox/users/${s.active.id}/profile`, {
      profile: { department: "R&D", firstName: "Augusta" },
    });
    expect(res.status).toBe(200);
    expect(await user(s.sandbox, s.active.id)).toMatchObject({
      lastUpdated: "2024-06-01T12:01:00.000Z",
      statusChanged: null,
      profile: { department: "R&D", firstName: "Augusta", lastName: "Lovelace" },
    });
    expect(lastEvent(s.sandbox)).toMatchObject({
      eventType: "user.account.update_profile",
      target: [{
        id: s.active.id,
        changeDetails: { from: { department: null, firstName: "Ada" }, to: { department: "R&D", firstName: "Augusta" } },
      }],
    });
  });

  it("shows the change to a lastUpdated delta filter", async () => {
    const s = setup();
    s.tick(1000);
    s.sandbox.mutations.updateProfile(s.active.id, { city: "London" });
    const { body } = await getJson(s.sandbox.app, `/api/v1/users?filter=${encodeURIComponent(`lastUpdated gt "${SEEDED}"`)}`);
    expect(body).toMatchObject([{ id: s.active.id }]);
  });

  it("edits DEPROVISIONED profiles without an event (Okta's known gap)", async () => {
    const s = setup();
    const before = s.sandbox.logs.events.length;
    expect(s.sandbox.mutations.updateProfile(s.gone.id, { city: "Paris" }).ok).toBe(true);
    expect(s.sandbox.logs.events.length).toBe(before);
  });
});

describe("/sandbox group membership", () => {
  it("adds a member: bumps the group's lastMembershipUpdated, not the user's lastUpdated, and logs User then UserGroup", async () => {
    const s = setup();
    s.tick(2000);
    const res = await s.sandbox.app.request(`/sandbox/groups/${s.group.id}/users/${s.active.id}`, { method: "PUT" });
    expect(res.status).toBe(204);
    const group = (await getJson(s.sandbox.app, `/api/v1/groups/${s.group.id}`)).body;
    expect(group).toMatchObject({ lastMembershipUpdated: "2024-06-01T12:00:02.000Z", lastUpdated: SEEDED });
    expect(await user(s.sandbox, s.active.id)).toMatchObject({ lastUpdated: SEEDED });
    expect(lastEvent(s.sandbox)).toMatchObject({
      eventType: "group.user_membership.add",
      target: [
        { type: "User", id: s.active.id, displayName: "Ada Lovelace" },
        { type: "UserGroup", id: s.group.id, alternateId: "unknown", displayName: "Engineering" },
      ],
    });
    const members = (await getJson(s.sandbox.app, `/api/v1/groups/${s.group.id}/users`)).body as { id: string }[];
    expect(members.map((m) => m.id).sort()).toEqual([s.active.id, s.suspended.id].sort());
  });

  it("removes a member and logs group.user_membership.remove", async () => {
    const s = setup();
    expect((await s.sandbox.app.request(`/sandbox/groups/${s.group.id}/users/${s.suspended.id}`, { method: "DELETE" })).status).toBe(204);
    expect(lastEvent(s.sandbox).eventType).toBe("group.user_membership.remove");
    expect((await getJson(s.sandbox.app, `/api/v1/groups/${s.group.id}/users`)).body).toEqual([]);
  });

  it("does nothing, and logs nothing, when adding an existing member", async () => {
    const s = setup();
    const before = s.sandbox.logs.events.length;
    expect((await s.sandbox.app.request(`/sandbox/groups/${s.group.id}/users/${s.suspended.id}`, { method: "PUT" })).status).toBe(204);
    expect(s.sandbox.logs.events.length).toBe(before);
  });

  it("refuses membership changes to APP_GROUPs", async () => {
    const s = setup();
    const res = await s.sandbox.app.request(`/sandbox/groups/${s.appGroup.id}/users/${s.active.id}`, { method: "PUT" });
    expect(res.status).toBe(400);
  });

  it("answers 404 E0000007 for an unknown group or user", async () => {
    const s = setup();
    for (const path of [`/sandbox/groups/00gNOPE/users/${s.active.id}`, `/sandbox/groups/${s.group.id}/users/00uNOPE`]) {
      const res = await s.sandbox.app.request(path, { method: "PUT" });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ errorCode: "E0000007" });
    }
  });

  it("creates, renames and deletes groups with their events", async () => {
    const s = setup();
    const created = await (await postJson(s.sandbox.app, "/sandbox/groups", { name: "Facilities" })).json();
    expect(created).toMatchObject({ type: "OKTA_GROUP", profile: { name: "Facilities", description: null } });
    await postJson(s.sandbox.app, `/sandbox/groups/${created.id}/profile`, { description: "Doors and keys" });
    await s.sandbox.app.request(`/sandbox/groups/${created.id}`, { method: "DELETE" });
    expect(s.sandbox.logs.events.slice(-3).map((e) => e.event.eventType)).toEqual([
      "group.lifecycle.create",
      "group.profile.update",
      "group.lifecycle.delete",
    ]);
  });
});
