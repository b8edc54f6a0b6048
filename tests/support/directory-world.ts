/**
 * A sync world for directory download tests: its snapshot changes only when a test changes it
 * (the schedule is off, so no cron-started run stores one), and `changeDirectory` changes it
 * — one person is deactivated in the Okta sandbox and the directory refreshed, so the edge
 * serves new bytes under a new ETag.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ROUTES } from "../../shared/api/routes.ts";
import { startSyncWorld, type SyncWorld, type WorldOptions } from "./sync-world.ts";

export async function startDirectoryWorld(options: WorldOptions): Promise<SyncWorld> {
  const world = await startSyncWorld(options);
  await world.settings({ schedule: { enabled: false, intervalMinutes: 15, fullEveryHours: 24 } });
  // A cron tick may have started the first scheduled run before the schedule went off.
  const status = (await world.admin.call("GET", ROUTES.syncStatus)).body;
  if (status.activeRun) await world.waitFor(status.activeRun);
  return world;
}

export async function refreshDirectory(world: SyncWorld): Promise<void> {
  const started = await world.admin.call("POST", ROUTES.directoryRefresh);
  if (started.status >= 300) throw new Error(`refresh: HTTP ${started.status} ${started.text}`);
  for (let i = 0; i < 600; i++) {
    const job = (await world.admin.call("GET", `${ROUTES.directoryRefresh}/${started.body.id}`)).body;
    if (job.state === "done") return;
    if (job.state === "failed") throw new Error(`refresh failed: ${job.error}`);
    await sleep(50);
  }
  throw new Error(`refresh ${started.body.id} did not finish`);
}

let changes = 0;

/** Deactivates the next active person in Okta and refreshes: the snapshot's bytes change. */
export async function changeDirectory(world: SyncWorld): Promise<void> {
  const person = world.org.okta.users.filter((u) => u.status === "ACTIVE")[changes++];
  const res = await world.oktaSandbox("POST", `/sandbox/users/${person.id}/lifecycle/deactivate`);
  if (res.status !== 200) throw new Error(`deactivate ${person.id}: HTTP ${res.status}`);
  await refreshDirectory(world);
}
