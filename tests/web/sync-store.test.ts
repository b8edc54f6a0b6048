/**
 * The sync console's stores over the real API client against the real edge, with both
 * sandboxes on sockets (tests/support/sync-world.ts): status, Sync now followed to its end
 * with live progress, polling that stops when the page is left, dry run, provisioning on
 * demand, the brake's verdict (who would lose what per property) with reject and approve,
 * a run's audit filtered and paged, its CSV, a person's history, and the settings form.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { createRoot } from "solid-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RuleSet } from "../../shared/rules/model.ts";
import type { Api } from "../../web/state/api.ts";
import { createSyncConsole } from "../../web/state/sync-console.ts";
import { createPersonHistory } from "../../web/state/sync-person.ts";
import { createRunDetail } from "../../web/state/sync-run-detail.ts";
import type { SyncRunView } from "../../shared/api/sync-views.ts";
import { createSyncSettings } from "../../web/state/sync-settings.ts";
import { createVerdict } from "../../web/state/sync-verdict.ts";
import { createGeneaClient } from "../../edge/genea/index.ts";
import { PASSWORD, startSyncWorld, type SyncWorld, worldRules } from "../support/sync-world.ts";
import { signedInTab } from "../support/web-edge.ts";

let world: SyncWorld;
let api: Api;
/** the person the on-demand test provisions (the person-history test reads them) */
let provisioned: { email: string; oktaId: string };
const hq = () => world.catalog.locations[0];
/** Genea writes wait a little, so a run is seen in progress. */
const slowWrites = (ms: number) => {
  world.intercept.genea = async (req, sandbox) => {
    if (req.method !== "GET") await sleep(ms);
    return sandbox(req);
  };
};

/** A console over an API that records every run it polls. */
function consoleWithLog() {
  const polled: SyncRunView[] = [];
  const logged: Api = {
    ...api,
    syncRun: async (id) => {
      const r = await api.syncRun(id);
      if (r.ok) polled.push(r.value);
      return r;
    },
  };
  const sync = createRoot(() => createSyncConsole({ api: logged, pollMs: 20, idleMs: 60_000 }));
  return { sync, polled };
}
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 3000 && !check(); i++) await sleep(20);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  world = await startSyncWorld({ users: 300, seed: 23 });
  // No cron run in between; progress saved every second (so a slowed run shows it); the brake
  // out of the way until its own tests.
  await world.settings({
    schedule: { enabled: false, intervalMinutes: 15, fullEveryHours: 24 },
    sliceSeconds: 1,
    brake: { minUsers: 1_000_000, percent: 100 },
  });
  ({ api } = await signedInTab(world.edge, PASSWORD));
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe("createSyncConsole()", () => {
  it("reads the status: idle, nothing run yet, the published version and both connections", async () => {
    const { sync } = consoleWithLog();
    await sync.open();
    sync.close();
    expect(sync.error()).toBeNull();
    expect(sync.status()).toMatchObject({ state: "idle", lastRun: null, publishedVersion: 1, nextScheduledAt: null, awaitingApproval: [] });
    expect(sync.status()!.connections.okta.connected && sync.status()!.connections.genea.connected).toBe(true);
    expect(sync.runs()).toEqual([]);
  });

  it("follows Sync now to its end: the phase and percent move forward, then polling stops and the run heads the history", async () => {
    slowWrites(30);
    const { sync, polled } = consoleWithLog();
    await sync.open();
    expect(await sync.start("apply")).toBe(true);
    const id = sync.followed()!.id;
    await until(() => sync.followed()?.state !== "running", "the run to end");
    world.intercept.genea = null;
    expect(sync.followed()).toMatchObject({ id, state: "done", percent: 100 });
    const percents = polled.map((r) => r.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(polled.some((r) => r.state === "running" && r.phase === "apply" && r.progress.done > 0 && r.progress.done < r.progress.total))
      .toBe(true);
    await until(() => sync.status()?.lastRun?.id === id, "the status to name the run");
    expect(sync.polling()).toBe(true); // the idle status check, not the run
    const calls = polled.length;
    sync.close();
    expect(sync.polling()).toBe(false);
    expect(sync.runs()[0]).toMatchObject({ id, state: "done", trigger: "manual", requestedBy: "admin" });
    expect(polled.length).toBe(calls);
  });

  it("stops polling when the page is left mid-run, and picks the run up again when it is opened", async () => {
    slowWrites(10);
    await world.publish(hqStaffWithParking());
    const { sync, polled } = consoleWithLog();
    await sync.open();
    await sync.start("apply");
    const id = sync.followed()!.id;
    await until(() => polled.length >= 2, "two polls");
    sync.close();
    const seen = polled.length;
    await world.waitFor(id);
    world.intercept.genea = null;
    expect(polled.length).toBeLessThanOrEqual(seen + 1); // at most the poll already in flight
    expect(sync.polling()).toBe(false);
    expect(sync.followed()?.state).toBe("running"); // nothing was read after leaving
    await sync.open();
    sync.close();
    expect(sync.status()?.lastRun?.id).toBe(id);
    expect(sync.runs()[0]).toMatchObject({ id, state: "done" });
    expect(sync.followed()).toMatchObject({ id, state: "done" }); // the page says how it ended
  });

  it("says so when a run is already in progress instead of starting another", async () => {
    slowWrites(10);
    await world.publish(worldRules(world.catalog));
    const { sync } = consoleWithLog();
    await sync.open();
    await sync.start("apply");
    const first = sync.followed()!.id;
    expect(await sync.start("dry-run")).toBe(true);
    expect(sync.followed()!.id).toBe(first);
    expect(sync.notice()).toMatch(/already in progress/);
    await until(() => sync.followed()?.state !== "running", "the run to end");
    world.intercept.genea = null;
    sync.close();
  });

  it("runs a dry run that writes nothing and keeps its plan", async () => {
    await world.publish(hqStaffWithParking());
    const { sync } = consoleWithLog();
    await sync.open();
    world.resetCounters();
    await sync.start("dry-run");
    await until(() => sync.followed()?.state !== "running", "the dry run");
    sync.close();
    expect(world.writes()).toBe(0);
    expect(sync.followed()).toMatchObject({ mode: "dry-run", state: "done" });
    expect(sync.followed()!.planned.updateLocation).toBeGreaterThan(0);
    await world.publish(worldRules(world.catalog));
    await world.sync();
  });

  it("provisions one person on demand and shows the run's steps", async () => {
    // Someone took an engineer's HQ access and key away in Genea by hand (no Okta event, so no other run starts).
    const engineer = world.genea.state.userList.find((u) =>
      u.user_locations.some((l) => l.location_uuid === hq().uuid) &&
      u.cards.some((c) => c.status === "ACTIVE" || c.status === "PENDING_DOWNLOAD")
    )!;
    provisioned = { email: engineer.email!, oktaId: world.org.okta.users.find((u) => u.profile.email === engineer.email)!.id };
    const genea = createGeneaClient({ baseUrl: world.geneaUrl, apiKey: world.org.genea.apiKeys[0] });
    for (const l of engineer.user_locations) expect((await genea.removeUserLocation(l.uuid)).ok).toBe(true);
    for (const c of engineer.cards.filter((c) => c.status === "ACTIVE" || c.status === "PENDING_DOWNLOAD")) {
      expect((await genea.revokeMobileKey(c.uuid)).ok).toBe(true);
    }

    const { sync } = consoleWithLog();
    await sync.open();
    await sync.start("apply", [provisioned.oktaId]);
    await until(() => sync.followed()?.state !== "running", "the provisioning run");
    sync.close();
    const run = sync.followed()!;
    expect(run).toMatchObject({ trigger: "on-demand", scope: [provisioned.oktaId], state: "done" });
    expect(run.applied).toMatchObject({ addLocation: 1, issueMobileKey: 1 });
    expect(run.steps.map((s) => s.text).join("\n")).toMatch(
      new RegExp(`Read Okta user ${provisioned.oktaId}[\\s\\S]*Applied 2 of 2 operations`),
    );
    const back = world.genea.state.userList.find((u) => u.email === provisioned.email)!;
    expect(back.user_locations.map((l) => l.location_uuid)).toEqual([hq().uuid]);
  });
});

/** The world's rules with the Parking Garage added to HQ's office staff. */
function hqStaffWithParking(): RuleSet {
  const rules = worldRules(world.catalog);
  const parking = world.catalog.accessGroups.find((g) => g.locationUuid === hq().uuid && g.name === "Parking Garage")!.uuid;
  const staff = rules.properties[hq().uuid].rules.find((r) => r.id === "staff")!;
  if (staff.actions.kind === "grant") staff.actions.accessGroupIds.push(parking);
  return rules;
}

/** The world's rules with everyone excluded at HQ. */
function nobodyAtHq(): RuleSet {
  const rules = worldRules(world.catalog);
  rules.properties[hq().uuid].rules.unshift({
    id: "closed",
    name: "HQ closed",
    enabled: true,
    match: "all",
    conditions: [],
    actions: { kind: "exclude" },
  });
  return rules;
}
const hqHolders = () => world.genea.state.userList.filter((u) => u.user_locations.some((l) => l.location_uuid === hq().uuid));

describe("the brake in the console", () => {
  let stopped: SyncRunView;

  it("shows a stopped run's verdict: per property, who would lose what and why", async () => {
    await world.settings({ brake: { minUsers: 25, percent: 10 } });
    const holders = hqHolders().map((u) => u.email!.toLowerCase()).sort();
    expect(holders.length).toBeGreaterThan(25);
    await world.publish(nobodyAtHq());
    const { sync } = consoleWithLog();
    await sync.open();
    await sync.start("apply");
    await until(() => sync.followed()?.state !== "running" && sync.status()?.state !== "running", "the run to stop");
    sync.close();
    stopped = sync.followed()!;
    expect(stopped.state).toBe("awaiting-approval");
    expect(sync.status()).toMatchObject({ state: "awaiting-approval", awaitingApproval: [stopped.id] });

    const verdict = createRoot(() => createVerdict({ api, runId: stopped.id, verdict: stopped.brake }));
    await verdict.load();
    expect(verdict.error()).toBeNull();
    const [first] = verdict.losses()!;
    expect(first).toMatchObject({ propertyUuid: hq().uuid, name: hq().name, brake: { tripped: true, removals: holders.length } });
    expect(first.people.map((p) => p.email.toLowerCase()).sort()).toEqual(holders);
    expect(first.people.every((p) => p.what.includes(`loses access at ${hq().name}`))).toBe(true);
    const reasons = new Set(first.people.flatMap((p) => p.why));
    expect([...reasons].every((r) => r === "no rule grants access at any property" || r === `excluded at ${hq().name} by rule “HQ closed”`))
      .toBe(true);
    const engineers = first.people.filter((p) => p.what.includes("loses their mobile key"));
    expect(engineers.length).toBeGreaterThan(0); // keys come only from HQ's rule for people based there
  });

  it("rejects: nothing written, the run is rejected and nothing awaits approval", async () => {
    const before = hqHolders().length;
    const { sync } = consoleWithLog();
    await sync.open();
    world.resetCounters();
    expect(await sync.reject(stopped.id)).toBe(true);
    sync.close();
    expect(world.writes()).toBe(0);
    expect(hqHolders().length).toBe(before);
    expect(sync.notice()).toMatch(/Rejected/);
    expect(sync.status()).toMatchObject({ state: "idle", awaitingApproval: [] });
    expect(sync.runs().find((r) => r.id === stopped.id)).toMatchObject({ state: "rejected", decidedBy: "admin" });
  });

  it("approves a run stopped again and follows the approval run to done: HQ access is gone", async () => {
    const { sync } = consoleWithLog();
    await sync.open();
    await sync.start("apply");
    await until(() => sync.followed()?.state !== "running", "the run to stop again");
    const again = sync.followed()!;
    expect(again.state).toBe("awaiting-approval");
    expect(await sync.approve(again.id)).toBe(true);
    expect(sync.followed()).toMatchObject({ trigger: "approval", approvalOf: again.id });
    await until(() => sync.followed()?.state !== "running", "the approval run");
    sync.close();
    expect(sync.followed()).toMatchObject({ state: "done", trigger: "approval" });
    expect(hqHolders()).toEqual([]);
    expect(sync.runs().find((r) => r.id === again.id)).toMatchObject({ state: "approved", followedBy: sync.followed()!.id });
  });
});

describe("createRunDetail()", () => {
  const lastApply = async () => {
    const runs = await api.syncRuns(20);
    if (!runs.ok) throw new Error(runs.error.message);
    return runs.value.find((r) => r.trigger === "approval")!;
  };

  it("filters a run's operations by result, property and person, and pages with `after`", async () => {
    const run = await lastApply();
    const detail = createRoot(() => createRunDetail({ api, runId: run.id, pageSize: 7 }));
    await detail.load();
    expect(detail.run()).toMatchObject({ id: run.id });
    expect(detail.entries()).toHaveLength(7);
    expect(detail.hasMore()).toBe(true);
    await detail.loadMore();
    expect(detail.entries().map((e) => e.seq)).toEqual([...Array(14).keys()]);

    await detail.applyFilter({ property: hq().uuid, result: "applied" });
    while (detail.hasMore()) await detail.loadMore();
    const atHq = detail.entries();
    expect(atHq.length).toBe(run.planned.removeLocation);
    expect(atHq.every((e) => e.propertyUuid === hq().uuid && e.result === "applied" && e.kind === "removeLocation")).toBe(true);

    const one = atHq[3];
    await detail.applyFilter({ user: `  ${one.email.toUpperCase()} ` });
    expect(detail.filter()).toEqual({ user: one.email.toUpperCase() });
    expect(new Set(detail.entries().map((e) => e.oktaId))).toEqual(new Set([one.oktaId]));

    await detail.applyFilter({ result: "failed" });
    expect(detail.entries()).toEqual([]);
    expect(detail.hasMore()).toBe(false);
  });

  it("links the CSV of all the run's operations", async () => {
    const run = await lastApply();
    const detail = createRoot(() => createRunDetail({ api, runId: run.id }));
    expect(detail.csvUrl()).toBe(`${world.edge.url}/api/sync/runs/${run.id}/operations.csv`);
    const res = await world.admin.request(new URL(detail.csvUrl()).pathname);
    expect(res.status).toBe(200);
    expect(res.text.trim().split("\r\n")).toHaveLength(run.entries + 1);
  });

  it("says which run is missing", async () => {
    const detail = createRoot(() => createRunDetail({ api, runId: "0b4e5f1c-2a3b-4c5d-8e9f-0a1b2c3d4e5f" }));
    await detail.load();
    expect(detail.error()).toMatch(/No such sync run/);
  });
});

describe("createPersonHistory()", () => {
  it("tells what doorsync did to one person, newest first, with their ledger link", async () => {
    const user = world.genea.state.userList.find((u) => u.email === provisioned.email)!;
    const runs = await api.syncRuns(50);
    if (!runs.ok) throw new Error(runs.error.message);
    const [first] = runs.value.slice(-1);
    const onDemand = runs.value.find((r) => r.trigger === "on-demand")!;
    const approval = runs.value.find((r) => r.trigger === "approval")!;
    const person = createRoot(() => createPersonHistory({ api, oktaId: provisioned.oktaId }));
    await person.load();
    const h = person.history()!;
    expect(h.ledger).toMatchObject({ oktaId: provisioned.oktaId, geneaUuid: user.uuid, via: "created", granted: { locations: [] } });
    expect(h.entries[0].runId).toBe(approval.id); // HQ closed, approved: the newest
    expect(h.entries.filter((e) => e.runId === onDemand.id).map((e) => e.kind)).toEqual(["issueMobileKey", "addLocation"]);
    expect(h.entries.at(-1)).toMatchObject({ runId: first.id, kind: "createUser", result: "applied" });
    expect(h.entries.map((e) => e.at)).toEqual([...h.entries.map((e) => e.at)].sort().reverse());
  });

  it("answers an unknown person with no link and no entries", async () => {
    const person = createRoot(() => createPersonHistory({ api, oktaId: "00uNOBODY" }));
    await person.load();
    expect(person.history()).toEqual({ oktaId: "00uNOBODY", ledger: null, entries: [] });
  });
});

describe("createSyncSettings()", () => {
  it("refuses values the schema refuses, with a sentence per field, and saves nothing", async () => {
    const settings = createRoot(() => createSyncSettings({ api }));
    await settings.load();
    expect(settings.form()).toMatchObject({
      scheduleEnabled: false,
      intervalMinutes: "15",
      fullEveryHours: "24",
      minUsers: "25",
      percent: "10",
      auditRetentionDays: "90",
      concurrency: "4",
    });
    settings.edit({ intervalMinutes: "0", percent: "150", concurrency: "2.5", auditRetentionDays: "" });
    expect(await settings.save()).toBe(false);
    expect(settings.fieldErrors()).toEqual({
      intervalMinutes: "Sync every (minutes) must be at least 1.",
      percent: "Brake: or this share of a property's people (%) must be at most 100.",
      concurrency: "Genea changes at once must be a whole number.",
      auditRetentionDays: "Keep the audit for (days): enter a number.",
    });
    const stored = await api.syncSettings();
    expect(stored.ok && stored.value.schedule.intervalMinutes).toBe(15);
  });

  it("saves valid settings to the edge", async () => {
    const settings = createRoot(() => createSyncSettings({ api }));
    await settings.load();
    settings.edit({ scheduleEnabled: true, intervalMinutes: "30", fullEveryHours: "6", minUsers: "40", percent: "5" });
    expect(await settings.save()).toBe(true);
    expect(settings.saved()).toBe(true);
    expect(settings.fieldErrors()).toEqual({});
    const stored = await api.syncSettings();
    expect(stored.ok && stored.value).toMatchObject({
      schedule: { enabled: true, intervalMinutes: 30, fullEveryHours: 6 },
      brake: { minUsers: 40, percent: 5 },
    });
    settings.edit({ scheduleEnabled: false });
    expect(await settings.save()).toBe(true);
  });
});
