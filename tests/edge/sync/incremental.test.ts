/**
 * Incremental runs: after a full reconcile, a scheduled-style run reads only what changed in
 * Okta (users by lastUpdated, groups by lastMembershipUpdated with their members), plans only
 * the people affected, from doorsync's own Genea cache, and converges like a full run would.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import type { RuleSet } from "../../../shared/rules/model.ts";
import { needsFull, type Watermark } from "../../../edge/sync/watermark.ts";
import { startSyncWorld, type SyncWorld, worldRules } from "../../support/sync-world.ts";

let world: SyncWorld;
let admins: string;

/** The world's rules, with HQ's Admins group members made Admins with the Server Room first. */
function rules(): RuleSet {
  const r = worldRules(world.catalog);
  const hq = world.catalog.locations[0];
  const group = (name: string) => world.catalog.accessGroups.find((g) => g.locationUuid === hq.uuid && g.name === name)!.uuid;
  const role = world.catalog.roles.find((x) => x.name === "Admin")!.uuid;
  r.properties[hq.uuid].rules.unshift({
    id: "admins",
    name: "Okta admins",
    enabled: true,
    match: "all",
    conditions: [{ kind: "group", op: "any", groupIds: [admins] }],
    actions: { kind: "grant", accessGroupIds: [group("Lobby"), group("Server Room")], roleId: role, mobileKey: true, wallet: true },
  });
  return r;
}
const incremental = async () => {
  const res = await world.admin.call("POST", ROUTES.syncRuns, { mode: "apply", kind: "incremental" });
  return world.waitFor(res.body.run.id);
};

beforeAll(async () => {
  world = await startSyncWorld({ users: 400, seed: 83 });
  admins = world.org.okta.groups.find((g) => g.profile.name === "Admins")!.id;
  await world.publish(rules());
  const first = await world.sync();
  if (first.state !== "done") throw new Error(first.error ?? "first sync failed");
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe("needsFull()", () => {
  const wm: Watermark = {
    users: "2026-06-01T00:00:00.000Z",
    groups: "2026-06-01T00:00:00.000Z",
    snapshotId: "s1",
    fullAt: "2026-06-01T00:00:00.000Z",
    readAt: "2026-06-01T00:00:00.000Z",
  };
  const snapshot = { id: "s1" };
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ["no watermark yet", null, snapshot, "2026-06-01T01:00:00.000Z", /no watermark/],
    ["another snapshot was stored since", wm, { id: "s2" }, "2026-06-01T01:00:00.000Z", /not the one/],
    ["the full reconcile is due", wm, snapshot, "2026-06-02T00:00:00.000Z", /full reconcile is due/],
  ])("reads everything when %s", (_, w, s, now, why) => expect(needsFull(w, s, at(now), 24 * 3600_000)).toMatch(why));
  it("reads everything when the last read is older than 90 days, even with the reconcile far off", () =>
    expect(needsFull(wm, snapshot, at("2026-09-15T00:00:00.000Z"), 1000 * 24 * 3600_000)).toMatch(/90 days/));
  it("trusts an old server watermark of a quiet org that was read recently", () =>
    expect(
      needsFull(
        { ...wm, users: "2021-01-01T00:00:00.000Z", groups: "2021-01-01T00:00:00.000Z" },
        snapshot,
        at("2026-06-01T01:00:00.000Z"),
        24 * 3600_000,
      ),
    ).toBeNull());
  it("trusts a fresh watermark on the stored snapshot", () =>
    expect(needsFull(wm, snapshot, at("2026-06-01T01:00:00.000Z"), 24 * 3600_000)).toBeNull());
});

describe("an incremental run", () => {
  it("syncs exactly the people who changed, reading no Genea user, and a membership change no user record shows", async () => {
    const offices = new Set(world.catalog.locations.map((l) => l.name));
    const staff = world.org.okta.users.filter((u) =>
      u.status === "ACTIVE" && u.profile.email && offices.has(u.profile.office ?? "") && u.profile.department !== "Engineering"
    );
    const [leaver, mover, promoted] = staff;
    await world.oktaSandbox("POST", `/sandbox/users/${leaver.id}/lifecycle/deactivate`);
    await world.oktaSandbox("POST", `/sandbox/users/${mover.id}/profile`, { profile: { department: "Contractors" } });
    const before = world.okta.state.users.get(promoted.id)!.lastUpdated;
    expect((await world.oktaSandbox("PUT", `/sandbox/groups/${admins}/users/${promoted.id}`)).status).toBe(204);
    expect(world.okta.state.users.get(promoted.id)!.lastUpdated).toBe(before); // membership is not a user update

    world.resetCounters();
    world.okta.counters.reset();
    const res = await world.admin.call("POST", ROUTES.syncRuns, { mode: "apply", kind: "incremental" });
    expect(res.status).toBe(202);
    const run = await world.waitFor(res.body.run.id);
    expect(run.state, run.error ?? "").toBe("done");
    expect(run.kind).toBe("incremental");
    // The 5-minute overlap may re-read a few recent records too (harmless: nothing to do for them).
    expect(run.scope).toEqual(expect.arrayContaining([leaver.id, mover.id, promoted.id]));
    expect(run.reads.genea.requests).toBe(0);
    const okta = world.okta.counters.get();
    expect(Object.keys(okta).sort()).toEqual(["GET /api/v1/groups", "GET /api/v1/groups/:id/users", "GET /api/v1/users"]);
    expect(okta["GET /api/v1/groups/:id/users"]).toBe(1); // Admins' members, not Everyone's
    const entries = (await world.admin.call("GET", `${ROUTES.syncRuns}/${run.id}/operations?limit=100`)).body.entries as {
      oktaId: string;
      kind: string;
    }[];
    expect(new Set(entries.map((e) => e.oktaId))).toEqual(new Set([leaver.id, mover.id, promoted.id]));
    expect(entries.filter((e) => e.oktaId === promoted.id).map((e) => e.kind)).toContain("updateLocation");
    expect(world.writes()).toBe(entries.length);
  });

  it("does nothing when nothing changed", async () => {
    world.resetCounters();
    const run = await incremental();
    expect(run).toMatchObject({ state: "done", kind: "incremental" });
    expect(run.progress.total).toBe(0);
    expect(world.writes()).toBe(0);
  });

  it("does not see a manual edit in Genea; the next full reconcile puts it right", async () => {
    const hqUser = world.genea.state.userList.find((u) =>
      u.user_locations.some((l) => l.location_uuid === world.catalog.locations[0].uuid) && !u.deleted_at
    )!;
    const row = hqUser.user_locations.find((l) => l.location_uuid === world.catalog.locations[0].uuid)!;
    row.access_group_uuids = []; // an admin emptied it in Genea's console
    const inc = await incremental();
    expect(inc.kind).toBe("incremental");
    expect(inc.progress.total).toBe(0);
    const full = await world.sync();
    expect(full.kind).toBe("full");
    expect(full.planned.updateLocation).toBe(1);
    expect(row.access_group_uuids.length).toBeGreaterThan(0);
  });
  it("leaves the organisation converged: a full dry run plans nothing (and, having stored a new snapshot, makes the next run read everything)", async () => {
    const check = await world.sync({ mode: "dry-run" });
    expect(check.kind).toBe("full");
    expect(check.progress.total).toBe(0);
    const next = await incremental();
    expect(next.kind).toBe("full");
    expect(next.steps[0].text).toMatch(/Reading everything: the stored directory is not the one the watermark describes/);
  });
});
