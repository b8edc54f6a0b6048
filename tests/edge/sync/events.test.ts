/**
 * Near real time: Okta's event hook (the sandbox's real dispatcher, pointed at the edge) and
 * the System Log poll turn events into targeted runs that re-read the people they name.
 * A deactivation reaches Genea without waiting for the schedule; duplicates act once; a wrong
 * secret acts never; an Okta outage delays, never loses; a delivery the hook dropped and a
 * hard delete only the System Log shows are caught by the poll; a burst trips the brake.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import type { SyncRun } from "../../../shared/api/sync.ts";
import type { OktaUserRecord } from "../../../edge/sandbox/demo/types.ts";
import { startSyncedWorld, type SyncWorld } from "../../support/sync-world.ts";

const SECRET = "hook-secret-for-the-sync-tests";
let world: SyncWorld;
let hookId: string;

const oktaApi = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${world.oktaUrl}${path}`, {
    method,
    headers: {
      authorization: `SSWS ${world.org.okta.apiTokens[0]}`,
      accept: "application/json",
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
};
const okta = async (method: string, path: string, body?: unknown) => {
  const res = await world.oktaSandbox(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
};
const genea = (email: string) => world.genea.state.userList.find((u) => u.email?.toLowerCase() === email.toLowerCase())!;
/** ACTIVE Okta users at an office with Genea access, not yet used by a test. */
const used = new Set<string>();
function synced(n: number): OktaUserRecord[] {
  const offices = new Set(world.catalog.locations.map((l) => l.name));
  const out = world.org.okta.users.filter((u) =>
    u.status === "ACTIVE" && u.profile.email && offices.has(u.profile.office ?? "") && !used.has(u.id) &&
    genea(u.profile.email)?.user_locations.length > 0
  ).slice(0, n);
  for (const u of out) used.add(u.id);
  return out;
}
async function until<T>(what: string, check: () => T | Promise<T>, ms = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
const runs = async (): Promise<SyncRun[]> => (await world.admin.call("GET", `${ROUTES.syncRuns}?limit=200`)).body;
const settled = async () =>
  until("no run in progress", async () => (await world.admin.call("GET", ROUTES.syncStatus)).body.state !== "running" || null);
const deliver = (events: unknown[], secret = SECRET) =>
  world.edge.client().call("POST", ROUTES.oktaHook, { eventType: "com.okta.event_hook", data: { events } }, {
    headers: { authorization: secret },
  });
const event = (uuid: string, eventType: string, userId: string) => ({
  uuid,
  eventType,
  published: new Date().toISOString(),
  target: [{ id: userId, type: "User" }],
});
const setHook = (action: "activate" | "deactivate") => oktaApi("POST", `/api/v1/eventHooks/${hookId}/lifecycle/${action}`);

beforeAll(async () => {
  world = await startSyncedWorld({ users: 600, seed: 71, env: { DOORSYNC_OKTA_HOOK_SECRET: SECRET } });
  const hook = await oktaApi("POST", "/api/v1/eventHooks", {
    name: "doorsync",
    events: {
      type: "EVENT_TYPE",
      items: [
        "user.lifecycle.deactivate",
        "user.lifecycle.suspend",
        "user.lifecycle.delete.initiated",
        "group.user_membership.add",
        "group.user_membership.remove",
      ],
    },
    channel: {
      type: "HTTP",
      version: "1.0.0",
      config: {
        uri: `${world.edge.url}${ROUTES.oktaHook}`,
        headers: [],
        authScheme: { type: "HEADER", key: "Authorization", value: SECRET },
      },
    },
  });
  hookId = hook.id;
  await oktaApi("POST", `/api/v1/eventHooks/${hookId}/lifecycle/verify`);
  await world.admin.call("POST", ROUTES.syncLogPoll); // start the poll's cursor here
}, 180_000);
afterAll(async () => {
  await world?.close();
});

describe("Okta events drive targeted runs", () => {
  it("revokes a user deactivated in Okta as soon as the hook delivers, without a scheduled run", async () => {
    const [u] = synced(1);
    await okta("POST", `/sandbox/users/${u.id}/lifecycle/deactivate`);
    await world.okta.flushHooks();
    const g = await until("the Genea user deactivated", () => genea(u.profile.email!).deleted_at !== null);
    expect(g).toBe(true);
    await settled();
    const run = (await runs()).find((r) => r.trigger === "event" && r.scope?.includes(u.id))!;
    expect(run).toMatchObject({ state: "done", scope: [u.id] });
  });

  it("acts once on an event delivered twice", async () => {
    await setHook("deactivate");
    const [u] = synced(1);
    await okta("POST", `/sandbox/users/${u.id}/lifecycle/suspend`);
    const e = event("dup-1", "user.lifecycle.suspend", u.id);
    const first = await deliver([e]);
    expect(first.body).toEqual({ received: 1, fresh: 1, duplicates: 0 });
    await until("the user revoked", () => genea(u.profile.email!).deleted_at !== null);
    await settled();
    const before = (await runs()).length;
    const again = await deliver([e]);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ received: 1, fresh: 0, duplicates: 1 });
    await sleep(300);
    expect((await runs()).length).toBe(before);
  });

  it("answers 401 to a wrong secret and does nothing", async () => {
    const [u] = synced(1);
    const before = (await runs()).length;
    const res = await deliver([event("wrong-1", "user.lifecycle.deactivate", u.id)], "not-the-secret-at-all");
    expect(res.status).toBe(401);
    await sleep(300);
    expect((await runs()).length).toBe(before);
    expect((await world.admin.call("GET", ROUTES.syncStatus)).body.events.pendingHints).toBe(0);
  });

  it("accepts a delivery while Okta is down and acts on it once Okta answers", async () => {
    const [u] = synced(1);
    await okta("POST", `/sandbox/users/${u.id}/lifecycle/deactivate`);
    world.okta.faults.set({ errorRate: 1 });
    const res = await deliver([event("outage-1", "user.lifecycle.deactivate", u.id)]);
    expect(res.status).toBe(200);
    const failed = await until(
      "the targeted run to fail",
      async () => (await runs()).find((r) => r.scope?.includes(u.id) && r.state === "failed"),
      60_000,
    );
    expect(failed.error).toMatch(/Okta/);
    expect(genea(u.profile.email!).deleted_at).toBeNull();
    expect((await world.admin.call("GET", ROUTES.syncStatus)).body.events.pendingHints).toBe(1);
    world.okta.faults.reset();
    await world.admin.call("POST", ROUTES.syncLogPoll); // what the next cron tick does
    await until("the Genea user deactivated", () => genea(u.profile.email!).deleted_at !== null, 30_000);
    await until(
      "every hint dealt with",
      async () => (await world.admin.call("GET", ROUTES.syncStatus)).body.events.pendingHints === 0 || null,
    );
    await settled();
  }, 120_000);

  it("catches a deactivation the hook never delivered at the next System Log poll, and counts the gap", async () => {
    const [u] = synced(1);
    await okta("POST", `/sandbox/users/${u.id}/lifecycle/deactivate`); // the hook is inactive: nothing is delivered
    const gapsBefore = (await world.admin.call("GET", ROUTES.syncStatus)).body.events.gaps;
    const polled = (await world.admin.call("POST", ROUTES.syncLogPoll)).body;
    expect(polled.gaps).toBeGreaterThan(gapsBefore);
    await until("the Genea user deactivated", () => genea(u.profile.email!).deleted_at !== null);
    await settled();
  });

  it("acts on a hard delete seen only in the System Log", async () => {
    const [u] = synced(1);
    const g = genea(u.profile.email!);
    await okta("POST", `/sandbox/users/${u.id}/lifecycle/deactivate`);
    await okta("DELETE", `/sandbox/users/${u.id}`);
    await world.admin.call("POST", ROUTES.syncLogPoll);
    await until("the Genea user deactivated", () => g.deleted_at !== null);
    await settled();
    const history = (await world.admin.call("GET", `${ROUTES.syncUsers}/${u.id}/history`)).body.entries;
    expect(history[0]).toMatchObject({ kind: "deactivateUser", reason: { kind: "absent", status: "deleted" } });
  });

  it("trips the brake on a burst of 200 deactivations, writing nothing", async () => {
    const burst = synced(200);
    expect(burst).toHaveLength(200);
    for (const u of burst) await okta("POST", `/sandbox/users/${u.id}/lifecycle/deactivate`);
    world.resetCounters();
    const res = await deliver(burst.map((u, i) => event(`burst-${i}`, "user.lifecycle.deactivate", u.id)));
    expect(res.body).toMatchObject({ fresh: 200 });
    const run = await until(
      "the burst's run to stop",
      async () => (await runs()).find((r) => r.trigger === "event" && r.scope?.length === 200 && r.state !== "running"),
      60_000,
    );
    expect(run.state).toBe("awaiting-approval");
    expect(run.brake?.kind).toBe("removals");
    expect(world.writes()).toBe(0);
    expect(burst.every((u) => genea(u.profile.email!).deleted_at === null)).toBe(true);
  }, 120_000);
});
