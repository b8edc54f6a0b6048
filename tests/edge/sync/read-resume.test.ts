/**
 * An edge killed (SIGKILL) in the middle of reading Okta: the run taken over after a restart
 * goes on from the pages it had saved (edge/store/okta-read.ts) instead of reading them again,
 * and ends with the directory a read start to finish gives.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import { startSyncWorld, type SyncWorld } from "../../support/sync-world.ts";

let world: SyncWorld;
/** user-list pages the Okta sandbox served */
let userPages = 0;
beforeAll(async () => {
  world = await startSyncWorld({ users: 2400, seed: 67, env: { DOORSYNC_JOB_LEASE_SECONDS: "3" } });
  // Slow Okta down, so the kill lands mid-read.
  world.intercept.okta = async (req, sandbox) => {
    if (new URL(req.url).pathname === "/api/v1/users") userPages++;
    await sleep(40);
    return sandbox(req);
  };
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe("an edge killed mid-read", () => {
  it("goes on from the pages it saved and reads the same directory", async () => {
    const started = await world.admin.call("POST", ROUTES.syncRuns, { mode: "dry-run" });
    expect(started.status).toBe(202);
    const id = started.body.run.id;
    for (let i = 0; userPages < 8; i++) {
      if (i > 3000) throw new Error(`the read did not get going: ${userPages} user pages`);
      await sleep(10);
    }
    process.kill(world.edge.pid, "SIGKILL");

    await world.restartEdge();
    await sleep(3500); // the dead instance's lease expires
    world.intercept.okta = null;
    const resumed = await world.admin.call("POST", ROUTES.syncRuns, { mode: "dry-run" });
    expect(resumed.body.run.id).toBe(id);
    const done = await world.waitFor(id);
    expect(done.state, done.error ?? "").toBe("done");
    const steps = done.steps.map((s) => s.text).join("\n");
    const kept = Number(/(\d+) pages saved before an interruption were not read again/.exec(steps)?.[1] ?? 0);
    expect(kept).toBeGreaterThanOrEqual(6);

    // A read start to finish, for comparison: the resumed half asked for every page but the kept ones.
    const whole = await world.sync({ mode: "dry-run" });
    expect(whole.steps.map((s) => s.text).join("\n")).not.toMatch(/not read again/);
    expect(done.reads.okta.requests).toBe(whole.reads.okta.requests - kept);
    expect(done.reads.okta).toMatchObject({
      users: whole.reads.okta.users,
      groups: whole.reads.okta.groups,
      memberships: whole.reads.okta.memberships,
    });
    expect(done.planned).toEqual(whole.planned);
  }, 180_000);
});
