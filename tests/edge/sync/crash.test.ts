/**
 * An edge killed (SIGKILL) in the middle of applying a run: after a restart the run is taken
 * over once its lease expires, plans again against a fresh Genea read, and converges, with no
 * duplicate user and no second mobile key.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import { startSyncWorld, type SyncWorld } from "../../support/sync-world.ts";

let world: SyncWorld;
beforeAll(async () => {
  world = await startSyncWorld({ users: 300, seed: 61, env: { DOORSYNC_JOB_LEASE_SECONDS: "3" } });
  await world.settings({ sliceSeconds: 1 });
  // Slow Genea writes down, so the kill lands mid-apply.
  world.intercept.genea = async (req, sandbox) => {
    if (req.method !== "GET") await sleep(15);
    return sandbox(req);
  };
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe("an edge killed mid-apply", () => {
  it("resumes the run after a restart and converges without duplicates", async () => {
    const started = await world.admin.call("POST", ROUTES.syncRuns, { mode: "apply" });
    expect(started.status).toBe(202);
    const id = started.body.run.id;
    for (let i = 0;; i++) {
      const run = (await world.admin.call("GET", `${ROUTES.syncRuns}/${id}`)).body;
      if (run.phase === "apply" && run.progress.done >= 40) break;
      if (run.state !== "running" || i > 2000) {
        throw new Error(`run did not reach the middle of apply: ${JSON.stringify(run.progress)} ${run.state}`);
      }
      await sleep(10);
    }
    await sleep(120); // some writes after the last checkpoint
    process.kill(world.edge.pid, "SIGKILL");
    const written = world.genea.state.userList.length;
    expect(written).toBeGreaterThan(0);

    await world.restartEdge();
    const before = (await world.admin.call("GET", `${ROUTES.syncRuns}/${id}`)).body;
    expect(before).toMatchObject({ state: "running", phase: "apply" });
    await sleep(3500); // the dead instance's lease expires
    const resumed = await world.admin.call("POST", ROUTES.syncRuns, { mode: "apply" });
    expect(resumed.body.run.id).toBe(id);
    const done = await world.waitFor(id);
    expect(done.state, done.error ?? "").toBe("done");
    expect(done.attempts).toBe(1);
    expect(done.steps.map((s) => s.text).join("\n")).toMatch(/Taken over after an interruption during apply/);

    world.intercept.genea = null;
    world.resetCounters();
    const check = await world.sync({ mode: "dry-run" });
    expect(check.progress.total).toBe(0);
    const emails = world.genea.state.userList.map((u) => u.email?.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    for (const u of world.genea.state.userList) expect(u.cards.length).toBeLessThanOrEqual(1);
  }, 180_000);
});
