/**
 * The sync end to end (real edge process, both sandboxes over sockets): from an empty Genea
 * to what the published rules say in one run, then nothing to do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSyncWorld, type SyncWorld } from "../../support/sync-world.ts";

let world: SyncWorld;
beforeAll(async () => {
  world = await startSyncWorld({ users: 300 });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe("a full sync into an empty Genea", () => {
  it("converges in one run", async () => {
    const run = await world.sync();
    expect(run.state, run.error ?? "").toBe("done");
    console.log(JSON.stringify({ planned: run.planned, applied: run.applied, failed: run.failed, steps: run.steps.map((s) => s.text) }, null, 1));
    expect(world.genea.state.userList.length).toBeGreaterThan(100);
  });

  it("makes zero writes on the next run", async () => {
    world.resetCounters();
    const run = await world.sync();
    expect(run.state, run.error ?? "").toBe("done");
    expect(run.progress.total).toBe(0);
    expect(world.writes()).toBe(0);
  });
});
