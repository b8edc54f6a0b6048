/**
 * Run under Deno by scheduler.test.ts: the sync service's cron tick on an in-memory KV with a
 * hand-driven clock. Upstreams are never reachable here (each run fails at once, which is
 * enough to see what the scheduler starts and refuses). One JSON line per scenario.
 */
import { createSyncService } from "../../../edge/sync/index.ts";
import { createSnapshotCache } from "../../../edge/directory/snapshot.ts";
import { saveConnection } from "../../../edge/store/connections.ts";
import { createSecretBox } from "../../../edge/store/secrets.ts";
import { keys } from "../../../edge/store/keys.ts";
import { silentLog } from "../../../edge/log.ts";
import { fail } from "../../../shared/result.ts";
import type { Upstreams } from "../../../edge/upstreams/index.ts";

let t = Date.parse("2026-06-01T00:00:00.000Z");
const now = () => new Date(t);
const report = (name: string, value: unknown) => console.log(JSON.stringify({ name, value }));
const kv = await Deno.openKv(":memory:");
const upstreams: Upstreams = {
  okta: () => Promise.resolve(fail("not-connected", "Okta is unreachable in this test")),
  genea: () => Promise.resolve(fail("not-connected", "Genea is unreachable in this test")),
};
const sync = createSyncService({ kv, now, log: silentLog, upstreams, snapshots: createSnapshotCache(kv), holder: "test" });
const tick = async () => {
  const r = await sync.tick();
  if (r.started) await sync.settled(r.started);
  return r;
};

report("nothing connected: refused", await tick());
report("nothing connected: status says why", (await sync.status()).lastRefusal?.code);
t += 15 * 60_000;
const box = await createSecretBox(btoa(String.fromCharCode(...new Uint8Array(32).fill(7))));
for (const kind of ["okta", "genea"] as const) {
  await saveConnection(kv, box, kind, {
    demo: false,
    baseUrl: "https://x.invalid",
    target: kind,
    secret: kind === "okta" ? { kind: "ssws", token: "t" } : { apiKey: "k" },
    checkedAt: now().toISOString(),
  });
}
report("connected, nothing published: refused", await tick());
t += 15 * 60_000;
await kv.set(keys.rulesCurrent(), { version: 3, publishedBy: "admin", publishedAt: now().toISOString() });
const started = await tick();
report("due and ready: a cron run starts", { started: started.started !== null, refused: started.refused });
const run = started.started ? await sync.get(started.started) : null;
report("the cron run", run && { trigger: run.trigger, version: run.ruleSetVersion, state: run.state, error: run.error });
t += 5 * 60_000;
report("before the interval has passed: nothing", await tick());
await sync.saveSettings({ ...(await sync.settings()), schedule: { enabled: true, intervalMinutes: 5, fullEveryHours: 24 } });
const again = await tick();
report("a shorter interval from the settings: due now", again.started !== null);
t += 10 * 60_000;
if (again.started) await kv.set(keys.syncRun(again.started), { ...(await sync.get(again.started))!, state: "awaiting-approval" });
report("a run awaits approval: refused", await tick());
t += 10 * 60_000;
await sync.saveSettings({ ...(await sync.settings()), schedule: { enabled: false, intervalMinutes: 5, fullEveryHours: 24 } });
report("schedule off: nothing", await tick());
report("schedule off: no next run", (await sync.status()).nextScheduledAt);
kv.close();
