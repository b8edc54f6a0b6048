/**
 * One KV-leased job runner for the edge's long work (directory refresh, sync runs): at most
 * one job of a kind runs at a time across every instance; the running job's lease is renewed
 * by a heartbeat; its progress record is written fenced by the lease, so an instance that
 * lost the lease can no longer overwrite a newer holder's record; a job whose holder died
 * (lease expired) is handed to the next `start` or `takeOver` call.
 */
import type * as v from "valibot";
import type { Key } from "../store/keys.ts";
import { readValid } from "../store/kv.ts";
import { createLeases, type Lease, type LeaseRecord } from "./lease.ts";
import type { Log } from "../log.ts";

export interface JobRecord {
  id: string;
  state: string;
}

export interface JobControl<J> {
  lease(): Lease;
  /** aborted when the lease is lost: stop writing anywhere */
  signal: AbortSignal;
  /** Saves the job's progress record; false (and nothing written) once the lease is lost. */
  save(job: J): Promise<boolean>;
  /** Renews the lease now (work that runs long between saves calls this). */
  heartbeat(): Promise<boolean>;
}

export interface JobRunnerOptions<S extends v.GenericSchema<unknown, JobRecord>> {
  kv: Deno.Kv;
  now: () => Date;
  /** this process, in lease records */
  holder: string;
  lockKey: Key;
  jobKey: (id: string) => Key;
  schema: S;
  /** how long a lease lives without a heartbeat */
  ttlMs: number;
  heartbeatMs: number;
  /** how long job records are kept */
  recordTtlMs: number | (() => number);
  log: Log;
  /** the record of a job whose work threw (a bug): saved so it does not stay "running" */
  crashed: (job: v.InferOutput<S>, reason: string) => v.InferOutput<S>;
}

export type Started<J> = { job: J; started: boolean };

export interface JobRunner<J extends JobRecord> {
  get(id: string): Promise<J | null>;
  /** The job holding the lock now, if its lease is alive. */
  active(): Promise<J | null>;
  /**
   * Starts `work` on a new job unless one is running (then answers that one). `interrupted`
   * is told about a job whose holder died, before the new one starts.
   */
  start(job: J, work: (job: J, control: JobControl<J>) => Promise<J>, interrupted?: (job: J) => J): Promise<Started<J>>;
  /**
   * Takes over a job whose holder died (its lease expired while the job still said "running")
   * and runs `work` on it from its saved progress; null when there is none to take over.
   */
  resume(work: (job: J, control: JobControl<J>) => Promise<J>, isUnfinished: (job: J) => boolean): Promise<Started<J> | null>;
  /** Resolves when a job this process runs has finished (tests, cron). */
  settled(id: string): Promise<void>;
  /** Ids of jobs this process is running now. */
  running(): string[];
}

export function createJobRunner<S extends v.GenericSchema<unknown, JobRecord>>(o: JobRunnerOptions<S>): JobRunner<v.InferOutput<S>> {
  type J = v.InferOutput<S>;
  const leases = createLeases(o.kv, o.now);
  const inFlight = new Map<string, Promise<void>>();
  const get = async (id: string): Promise<J | null> => (await readValid(o.kv, o.jobKey(id), o.schema)).value;
  const recordTtl = () => (typeof o.recordTtlMs === "number" ? o.recordTtlMs : o.recordTtlMs());
  const put = (job: J) => o.kv.set(o.jobKey(job.id), job, { expireIn: recordTtl() });

  async function run(job: J, first: Lease, work: (job: J, control: JobControl<J>) => Promise<J>): Promise<void> {
    let lease = first;
    const lost = new AbortController();
    // One renewal at a time: two at once would race on the lease's versionstamp, and the
    // loser would take its own twin's renewal for a takeover. A caller during one joins it.
    let beating: Promise<boolean> | null = null;
    const renewOnce = async (): Promise<boolean> => {
      if (lost.signal.aborted) return false;
      const renewed = await leases.renew(lease, o.ttlMs);
      if (renewed) lease = renewed;
      else lost.abort(new Error(`lease for ${job.id} was lost`));
      return renewed !== null;
    };
    const heartbeat = (): Promise<boolean> => (beating ??= renewOnce().finally(() => (beating = null)));
    const timer = setInterval(() => void heartbeat().catch(() => {}), o.heartbeatMs);
    const control: JobControl<J> = {
      lease: () => lease,
      signal: lost.signal,
      heartbeat,
      async save(next) {
        if (lost.signal.aborted) return false;
        const res = await leases.fence(o.kv.atomic(), lease).set(o.jobKey(next.id), next, { expireIn: recordTtl() }).commit();
        if (!res.ok && !(await heartbeat())) return false;
        if (!res.ok) return control.save(next); // our own heartbeat moved the versionstamp
        return true;
      },
    };
    try {
      const done = await work(job, control);
      await control.save(done);
    } catch (e) {
      // The name and first frame locate the bug; messages of foreign errors may quote data.
      const where = e instanceof Error ? `${e.name} ${(e.stack ?? "").split("\n")[1]?.trim() ?? ""}` : typeof e;
      o.log.error("job-crashed", { job: job.id, where });
      try {
        const latest = (await get(job.id)) ?? job;
        await control.save(o.crashed(latest, "stopped on an internal error; see the server log"));
      } catch {
        // KV itself failed: the lease expires and the next instance takes the job over.
      }
    } finally {
      clearInterval(timer);
      // Failing to release only delays the next job until the lease expires.
      if (!lost.signal.aborted) await leases.release(lease).catch(() => {});
    }
  }

  async function start(job: J, work: (job: J, control: JobControl<J>) => Promise<J>, interrupted?: (job: J) => J): Promise<Started<J>> {
    // The record is written with the lease: a racer that lost finds the job it lost to (five
    // clicks at once are all told about the one run that started).
    const acquired = await leases.acquire(
      o.lockKey,
      o.holder,
      job.id,
      o.ttlMs,
      (op) => op.set(o.jobKey(job.id), job, { expireIn: recordTtl() }),
    );
    if (!acquired.ok) {
      const current = await get(acquired.current.jobId);
      if (current) return { job: current, started: false };
      // A lease whose record has expired: report ours as not started.
      return { job, started: false };
    }
    await markInterrupted(acquired.previous, interrupted);
    inFlight.set(job.id, run(job, acquired.lease, work).finally(() => inFlight.delete(job.id)));
    return { job, started: true };
  }

  async function markInterrupted(previous: LeaseRecord | null, interrupted?: (job: J) => J) {
    if (!previous || !interrupted) return;
    const old = await get(previous.jobId);
    if (old && old.state === "running") {
      o.log.warn("job-interrupted", { job: old.id, holder: previous.holder, reason: "its holder stopped renewing the lease" });
      await put(interrupted(old));
    }
  }

  async function resume(
    work: (job: J, control: JobControl<J>) => Promise<J>,
    isUnfinished: (job: J) => boolean,
  ): Promise<Started<J> | null> {
    const previous = await leases.read(o.lockKey);
    if (!previous || previous.expiresAt > o.now().getTime()) return null;
    const old = await get(previous.jobId);
    if (!old || !isUnfinished(old)) return null;
    const acquired = await leases.acquire(o.lockKey, o.holder, old.id, o.ttlMs);
    if (!acquired.ok) return null; // another instance took it over first
    o.log.warn("job-taken-over", { job: old.id, from: previous.holder, epoch: previous.epoch, newEpoch: acquired.lease.epoch });
    inFlight.set(old.id, run(old, acquired.lease, work).finally(() => inFlight.delete(old.id)));
    return { job: old, started: true };
  }

  return {
    get,
    start,
    resume,
    async active() {
      const lease = await leases.read(o.lockKey);
      if (!lease || lease.expiresAt <= o.now().getTime()) return null;
      return get(lease.jobId);
    },
    async settled(id) {
      await inFlight.get(id);
    },
    running: () => [...inFlight.keys()],
  };
}
