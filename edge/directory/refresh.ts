/**
 * Directory refresh jobs: read the whole directory from Okta, store the snapshot, report
 * progress for polling. One at a time: a KV lock names the running job, and starting while
 * one runs returns that job instead of a second one.
 */
import * as v from "valibot";
import { RefreshJobSchema, type RefreshJob } from "../../shared/api/schemas.ts";
import { fail, ok, type Result } from "../../shared/result.ts";
import { keys } from "../store/keys.ts";
import { readValid } from "../store/kv.ts";
import { markChecked } from "../store/connections.ts";
import type { SnapshotCache } from "./snapshot.ts";
import type { Progress, Upstreams } from "../upstreams/index.ts";
import type { Log } from "../log.ts";

const LockSchema = v.object({ jobId: v.string(), startedAt: v.number() });
/** A lock older than this belongs to a process that died mid-refresh. */
const LOCK_MS = 15 * 60_000;
const JOB_TTL_MS = 24 * 3600_000;
/** Job ids are crypto.randomUUID(): anything else (a 3 KiB path segment…) is unknown without asking KV. */
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface Refresher {
  start(): Promise<Result<{ job: RefreshJob; started: boolean }, "not-connected">>;
  get(id: string): Promise<RefreshJob | null>;
  /** resolves when the job this process runs has finished (tests, cron) */
  settled(id: string): Promise<void>;
}

export function createRefresher(
  { kv, now, upstreams, snapshots, log }: {
    kv: Deno.Kv;
    now: () => Date;
    upstreams: Upstreams;
    snapshots: SnapshotCache;
    log: Log;
  },
): Refresher {
  const running = new Map<string, Promise<void>>();
  const saveJob = (job: RefreshJob) => kv.set(keys.refreshJob(job.id), job, { expireIn: JOB_TTL_MS });
  const get = async (id: string) => (JOB_ID.test(id) ? (await readValid(kv, keys.refreshJob(id), RefreshJobSchema)).value : null);

  async function run(job: RefreshJob, progress: Progress, okta: Awaited<ReturnType<Upstreams["okta"]>>): Promise<void> {
    let done: RefreshJob;
    if (!okta.ok) {
      done = { ...job, state: "failed", error: okta.error.message, finishedAt: now().toISOString() };
    } else {
      const ticker = setInterval(() => void saveJob({ ...job, ...counts(progress) }), 500);
      try {
        const directory = await okta.value.readDirectory();
        if (directory.ok) {
          await snapshots.store(directory.value);
          done = { ...job, state: "done", requests: progress.requests ?? 0, users: directory.value.users.length, groups: directory.value.groups.length, finishedAt: now().toISOString() };
          await markChecked(kv, "okta", done.finishedAt!, null);
        } else {
          done = { ...job, ...counts(progress), state: "failed", error: directory.error.message, finishedAt: now().toISOString() };
          await markChecked(kv, "okta", done.finishedAt!, directory.error.message);
        }
      } catch (e) {
        log.error("refresh-crashed", { job: job.id, error: e instanceof Error ? e.name : "error" });
        done = { ...job, ...counts(progress), state: "failed", error: "The refresh stopped on an internal error; see the server log.", finishedAt: now().toISOString() };
      } finally {
        clearInterval(ticker);
      }
    }
    await saveJob(done);
    const lock = await readValid(kv, keys.refreshLock(), LockSchema);
    if (lock.value?.jobId === job.id) {
      // Only our own lock: a stale one may have been taken over meanwhile.
      await kv.atomic().check({ key: keys.refreshLock(), versionstamp: lock.versionstamp }).delete(keys.refreshLock()).commit();
    }
    log.info("refresh-finished", { job: job.id, state: done.state, users: done.users, groups: done.groups, requests: done.requests });
  }

  async function start(): Promise<Result<{ job: RefreshJob; started: boolean }, "not-connected">> {
    const t = now();
    const lock = await readValid(kv, keys.refreshLock(), LockSchema);
    if (lock.value && t.getTime() - lock.value.startedAt < LOCK_MS) {
      const job = await get(lock.value.jobId);
      if (job && job.state === "running") return ok({ job, started: false });
    }
    const progress: Progress = {};
    const okta = await upstreams.okta((p) => Object.assign(progress, p));
    if (!okta.ok) return fail("not-connected", okta.error.message);
    const job: RefreshJob = {
      id: crypto.randomUUID(), state: "running", requests: 0, users: 0, groups: 0,
      error: null, startedAt: t.toISOString(), finishedAt: null,
    };
    const claimed = await kv.atomic()
      .check({ key: keys.refreshLock(), versionstamp: lock.versionstamp })
      .set(keys.refreshLock(), { jobId: job.id, startedAt: t.getTime() }, { expireIn: LOCK_MS })
      .set(keys.refreshJob(job.id), job, { expireIn: JOB_TTL_MS })
      .commit();
    if (!claimed.ok) return start(); // someone else just started one: return theirs
    running.set(job.id, run(job, progress, okta).finally(() => running.delete(job.id)));
    return ok({ job, started: true });
  }

  return {
    get,
    start,
    async settled(id) {
      await running.get(id);
    },
  };
}

function counts(p: Progress) {
  return { requests: p.requests ?? 0, users: p.users ?? 0, groups: p.groups ?? 0 };
}
