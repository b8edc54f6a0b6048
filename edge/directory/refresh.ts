/**
 * Directory refresh jobs: read the whole directory from Okta, store the snapshot, report
 * progress for polling. One at a time across instances (a KV lease, see jobs/runner.ts):
 * starting while one runs returns that job instead of a second one; a job whose process
 * died is marked failed when the next one starts.
 */
import { type RefreshJob, RefreshJobSchema } from "../../shared/api/schemas.ts";
import { fail, ok, type Result } from "../../shared/result.ts";
import { keys } from "../store/keys.ts";
import { markChecked } from "../store/connections.ts";
import { createJobRunner, type JobControl } from "../jobs/runner.ts";
import type { SnapshotCache } from "./snapshot.ts";
import type { Progress, Upstreams } from "../upstreams/index.ts";
import type { Log } from "../log.ts";

const LEASE_MS = 60_000;
const HEARTBEAT_MS = 10_000;
const JOB_TTL_MS = 24 * 3600_000;
/** Job ids are crypto.randomUUID(): anything else (a 3 KiB path segment…) is unknown without asking KV. */
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface Refresher {
  start(): Promise<Result<{ job: RefreshJob; started: boolean }, "not-connected">>;
  get(id: string): Promise<RefreshJob | null>;
  /** The scheduled refresh: a new read unless the stored snapshot is younger than `maxAgeMs`. */
  refreshIfOlderThan(maxAgeMs: number): Promise<void>;
  /** resolves when the job this process runs has finished (tests, cron) */
  settled(id: string): Promise<void>;
}

export function createRefresher(
  { kv, now, upstreams, snapshots, log, holder, leaseMs = LEASE_MS }: {
    kv: Deno.Kv;
    now: () => Date;
    upstreams: Upstreams;
    snapshots: SnapshotCache;
    log: Log;
    /** this process, as named in leases */
    holder: string;
    leaseMs?: number;
  },
): Refresher {
  const finished = (job: RefreshJob, state: "done" | "failed", error: string | null): RefreshJob => ({
    ...job,
    state,
    error,
    finishedAt: now().toISOString(),
  });
  const runner = createJobRunner({
    kv,
    now,
    log,
    holder,
    lockKey: keys.refreshLock(),
    jobKey: keys.refreshJob,
    schema: RefreshJobSchema,
    ttlMs: leaseMs,
    heartbeatMs: Math.min(HEARTBEAT_MS, Math.floor(leaseMs / 6)),
    recordTtlMs: JOB_TTL_MS,
    crashed: (job) => finished(job, "failed", "The refresh stopped on an internal error; see the server log."),
  });

  async function work(
    job: RefreshJob,
    progress: Progress,
    okta: Awaited<ReturnType<Upstreams["okta"]>>,
    control: JobControl<RefreshJob>,
  ): Promise<RefreshJob> {
    if (!okta.ok) return finished(job, "failed", okta.error.message);
    const ticker = setInterval(() => void control.save({ ...job, ...counts(progress) }), 500);
    let done: RefreshJob;
    try {
      const directory = await okta.value.readDirectory();
      if (directory.ok) {
        await snapshots.store(directory.value);
        done = {
          ...finished(job, "done", null),
          requests: progress.requests ?? 0,
          users: directory.value.size,
          groups: directory.value.groups.length,
        };
        await markChecked(kv, "okta", done.finishedAt!, null);
      } else {
        done = { ...finished(job, "failed", directory.error.message), ...counts(progress) };
        await markChecked(kv, "okta", done.finishedAt!, directory.error.message);
      }
    } finally {
      clearInterval(ticker);
    }
    log.info("refresh-finished", { job: job.id, state: done.state, users: done.users, groups: done.groups, requests: done.requests });
    return done;
  }

  async function start(): Promise<Result<{ job: RefreshJob; started: boolean }, "not-connected">> {
    const active = await runner.active();
    if (active && active.state === "running") return ok({ job: active, started: false });
    const progress: Progress = {};
    const okta = await upstreams.okta((p) => Object.assign(progress, p));
    if (!okta.ok) return fail("not-connected", okta.error.message);
    const job: RefreshJob = {
      id: crypto.randomUUID(),
      state: "running",
      requests: 0,
      users: 0,
      groups: 0,
      error: null,
      startedAt: now().toISOString(),
      finishedAt: null,
    };
    const interrupted = (old: RefreshJob) => finished(old, "failed", "The refresh was interrupted (the server stopped); start it again.");
    return ok(await runner.start(job, (j, control) => work(j, progress, okta, control), interrupted));
  }

  const get = (id: string) => (JOB_ID.test(id) ? runner.get(id) : Promise.resolve(null));
  async function refreshIfOlderThan(maxAgeMs: number): Promise<void> {
    const current = await snapshots.current();
    if (current && now().getTime() - Date.parse(current.meta.fetchedAt) < maxAgeMs) return;
    const started = await start();
    if (!started.ok) return log.warn("scheduled-refresh-skipped", { reason: started.error.message });
    await runner.settled(started.value.job.id);
  }

  return { get, start, settled: runner.settled, refreshIfOlderThan };
}

function counts(p: Progress) {
  return { requests: p.requests ?? 0, users: p.users ?? 0, groups: p.groups ?? 0 };
}
