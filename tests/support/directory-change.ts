/**
 * Changes a sync world's directory snapshot on the edge: one person is deactivated in the Okta
 * sandbox and the directory is refreshed, so the edge serves new bytes under a new ETag.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ROUTES } from "../../shared/api/routes.ts";
import type { SyncWorld } from "./sync-world.ts";

let changes = 0;

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

/** Deactivates the next active person in Okta and refreshes: the snapshot's bytes change. */
export async function changeDirectory(world: SyncWorld): Promise<void> {
  const person = world.org.okta.users.filter((u) => u.status === "ACTIVE")[changes++];
  const res = await world.oktaSandbox("POST", `/sandbox/users/${person.id}/lifecycle/deactivate`);
  if (res.status !== 200) throw new Error(`deactivate ${person.id}: HTTP ${res.status}`);
  await refreshDirectory(world);
}
