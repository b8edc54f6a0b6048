/**
 * The removal brake over real runs: a rule change that would take access from too many
 * people writes nothing and waits; reject discards it, approve applies it; a slow drip of
 * leavers trips it through the rolling 24 h window. Also: concurrent triggers make one run,
 * and provisioning one person on demand touches only them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import type { RuleSet } from "../../../shared/rules/model.ts";
import { type Interceptor, startSyncedWorld, type SyncWorld, worldRules } from "../../support/sync-world.ts";

let world: SyncWorld;
beforeAll(async () => {
  world = await startSyncedWorld({ users: 300, seed: 41 });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

/** The world's rules with everyone excluded at HQ. */
function nobodyAtHq(): RuleSet {
  const rules = worldRules(world.catalog);
  const hq = world.catalog.locations[0].uuid;
  rules.properties[hq].rules.unshift({
    id: "closed",
    name: "HQ closed",
    enabled: true,
    match: "all",
    conditions: [],
    actions: { kind: "exclude" },
  });
  return rules;
}
const hqUsers = () =>
  world.genea.state.userList.filter((u) => u.user_locations.some((l) => l.location_uuid === world.catalog.locations[0].uuid)).length;

describe("the removal brake", () => {
  let stopped: string;
  it("stops a run that would remove HQ access from everyone, before any write, and lists who would lose what", async () => {
    const before = hqUsers();
    expect(before).toBeGreaterThan(25);
    await world.publish(nobodyAtHq());
    world.resetCounters();
    const run = await world.sync();
    expect(run.state).toBe("awaiting-approval");
    expect(run.brake?.kind).toBe("removals");
    const hq = run.brake?.kind === "removals"
      ? run.brake.properties.find((p) => p.propertyUuid === world.catalog.locations[0].uuid)
      : undefined;
    expect(hq).toMatchObject({ tripped: true, removals: before, synced: before });
    expect(world.writes()).toBe(0);
    expect(hqUsers()).toBe(before);
    const planned = (await world.admin.call("GET", `${ROUTES.syncRuns}/${run.id}/operations?result=planned&limit=1000`)).body.entries;
    expect(planned.filter((e: { kind: string }) => e.kind === "removeLocation").length).toBe(before);
    expect((await world.admin.call("GET", ROUTES.syncStatus)).body).toMatchObject({
      state: "awaiting-approval",
      awaitingApproval: [run.id],
    });
    stopped = run.id;
  });

  it("discards a rejected run", async () => {
    const res = await world.admin.call("POST", `${ROUTES.syncRuns}/${stopped}/reject`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: "rejected", decidedBy: "admin" });
    expect((await world.admin.call("POST", `${ROUTES.syncRuns}/${stopped}/approve`)).status).toBe(409);
    expect(hqUsers()).toBeGreaterThan(25);
  });

  it("applies an approved run against fresh reads", async () => {
    const again = await world.sync();
    expect(again.state).toBe("awaiting-approval");
    const res = await world.admin.call("POST", `${ROUTES.syncRuns}/${again.id}/approve`);
    expect(res.status).toBe(202);
    expect(res.body.run).toMatchObject({ state: "approved", decidedBy: "admin", followedBy: res.body.next.id });
    const applied = await world.waitFor(res.body.next.id);
    expect(applied).toMatchObject({ state: "done", trigger: "approval", approvalOf: again.id });
    expect(applied.brake?.kind).toBe("approved");
    expect(hqUsers()).toBe(0);
  });

  it("trips on a slow drip of leavers within 24 h, though no single run removes too many", async () => {
    await world.publish(worldRules(world.catalog));
    expect((await world.sync()).state).toBe("done"); // HQ restored (an approval is not counted in the window)
    await world.settings({ brake: { minUsers: 5, percent: 1 } });
    const leavers = world.org.okta.users.filter((u) =>
      u.status === "ACTIVE" && u.profile.email &&
      world.genea.state.userList.some((g) =>
        g.email === u.profile.email && g.user_locations.length > 0 &&
        g.user_locations.every((l) => l.location_uuid === world.catalog.locations[0].uuid)
      )
    );
    const states: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const u of leavers.slice(round * 3, round * 3 + 3)) {
        expect((await world.oktaSandbox("POST", `/sandbox/users/${u.id}/lifecycle/deactivate`)).status).toBe(200);
      }
      const run = await world.sync();
      states.push(run.state);
      if (run.state === "awaiting-approval") {
        const hq = run.brake?.kind === "removals" ? run.brake.properties.find((p) => p.tripped) : undefined;
        expect(hq).toMatchObject({ removals: 3, window: 3 });
        break;
      }
    }
    expect(states).toEqual(["done", "awaiting-approval"]);
    await world.settings({ brake: { minUsers: 25, percent: 10 } });
  });
});

describe("triggers", () => {
  it("makes one run of five concurrent requests", async () => {
    // the run's upstream reads wait until all five are answered: a run that ends before the
    // last request arrives would rightly start a second one
    let open!: () => void;
    const answered = new Promise<void>((resolve) => (open = resolve));
    const held: Interceptor = async (req, sandbox) => (await answered, sandbox(req));
    world.intercept.okta = world.intercept.genea = held;
    const answers = await Promise.all(Array.from({ length: 5 }, () => world.admin.call("POST", ROUTES.syncRuns, { mode: "dry-run" })))
      .finally(() => {
        world.intercept.okta = world.intercept.genea = null;
        open();
      });
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.run.id)).size).toBe(1);
    expect(answers.filter((a) => a.body.started).length).toBe(1);
    await world.waitFor(answers[0].body.run.id);
  });

  it("provisions one person on demand, showing each step and touching nobody else", async () => {
    const hq = world.catalog.locations[0].name;
    const created = await (await world.oktaSandbox("POST", "/sandbox/users", {
      profile: {
        login: "new.starter@example.com",
        email: "new.starter@example.com",
        firstName: "New",
        lastName: "Starter",
        department: "Engineering",
        office: hq,
      },
    })).json();
    world.resetCounters();
    const run = await world.sync({ oktaUserIds: [created.id] });
    expect(run).toMatchObject({ state: "done", trigger: "on-demand", scope: [created.id] });
    const texts = run.steps.map((s) => s.text).join("\n");
    expect(texts).toMatch(new RegExp(`Read Okta user ${created.id}`));
    expect(texts).toMatch(/No Genea user for new.starter@example.com yet/);
    expect(texts).toMatch(/Applied/);
    const entries = (await world.admin.call("GET", `${ROUTES.syncRuns}/${run.id}/operations`)).body.entries;
    expect(entries.every((e: { oktaId: string }) => e.oktaId === created.id)).toBe(true);
    expect(entries.map((e: { kind: string }) => e.kind)).toEqual(["createUser", "issueMobileKey", "setWallet"]);
    expect(world.writes()).toBe(entries.length);
    expect(world.genea.state.userList.filter((u) => u.email === "new.starter@example.com")).toHaveLength(1);
  });

  it("refuses an on-demand run naming too many people or none", async () => {
    for (const ids of [[], Array.from({ length: 101 }, (_, i) => `00u${i}`)]) {
      expect((await world.admin.call("POST", ROUTES.syncRuns, { mode: "apply", oktaUserIds: ids })).status).toBe(400);
    }
  });
});
