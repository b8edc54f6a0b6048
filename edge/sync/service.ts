/**
 * The sync as the edge offers it: start a run (everyone, or a few people on demand; apply or
 * dry run), at most one at a time across instances; approve or reject a run the brake
 * stopped; the cron tick that resumes an abandoned run or starts the scheduled one; and the
 * reads the API and the web need (status, runs, audit entries, a person's history).
 */
import {
  DEFAULT_SYNC_SETTINGS,
  type StartSyncInput,
  type SyncRun,
  SyncRunSchema,
  type SyncSettings,
  type SyncStatus,
  type SyncTrigger,
} from "../../shared/api/sync.ts";
import { fail, ok, type Result } from "../../shared/result.ts";
import type { SnapshotCache } from "../directory/snapshot.ts";
import { createJobRunner } from "../jobs/runner.ts";
import type { Log } from "../log.ts";
import { connectionStatus, readConnectionRecord } from "../store/connections.ts";
import { keys } from "../store/keys.ts";
import { readCurrentVersion } from "../store/rules.ts";
import * as store from "../store/sync.ts";
import type { Upstreams } from "../upstreams/index.ts";
import { createRunner, newRun, percentOf } from "./run.ts";
import { consumeHints, pendingHints } from "../store/hints.ts";
import { type LogPollState, pollSystemLog, readPollState } from "./log-poll.ts";

/** People per targeted run; more hints wait for the next one. */
const MAX_TARGETED = 1000;

const LEASE_MS = 60_000;
const HEARTBEAT_MS = 10_000;

export type StartRefusal = "no-rules" | "not-connected" | "awaiting-approval";
export type DecisionFailure = "not-found" | "not-awaiting" | "busy";

export interface SyncService {
  /** `incremental`: read only what changed (the run reads everything when that cannot be trusted). */
  start(
    input: StartSyncInput & { trigger: SyncTrigger; by: string | null; approvalOf?: string; incremental?: boolean },
  ): Promise<Result<{ run: SyncRun; started: boolean }, StartRefusal>>;
  approve(id: string, by: string): Promise<Result<{ run: SyncRun; next: SyncRun }, DecisionFailure | StartRefusal>>;
  reject(id: string, by: string): Promise<Result<SyncRun, DecisionFailure>>;
  /** The cron tick: resume an abandoned run, else start the scheduled one when it is due. */
  tick(): Promise<{ resumed: string | null; started: string | null; refused: string | null }>;
  /** tick(), then wait for the run it started or resumed, at most `budgetMs` (it goes on after). */
  cronTick(budgetMs: number): Promise<void>;
  get(id: string): Promise<SyncRun | null>;
  list(limit: number): Promise<SyncRun[]>;
  status(): Promise<SyncStatus>;
  settings(): Promise<SyncSettings>;
  saveSettings(settings: SyncSettings): Promise<void>;
  /**
   * Okta events left hints: start a targeted run for the hinted people unless a run is in
   * progress (its end checks again). Never waits and never throws.
   */
  hinted(): void;
  /** Polls the System Log now (gap detection); the cron tick does it every minute. */
  pollLog(): Promise<LogPollState>;
  /** resolves when a run this process carries finishes (tests, cron) */
  settled(id: string): Promise<void>;
}

export function createSyncService(
  deps: { kv: Deno.Kv; now: () => Date; log: Log; upstreams: Upstreams; snapshots: SnapshotCache; holder: string; leaseMs?: number },
): SyncService {
  const { kv, now, log } = deps;
  const runner = createRunner(deps);
  let retention = store.retentionMs(DEFAULT_SYNC_SETTINGS);
  const jobs = createJobRunner({
    kv,
    now,
    log,
    holder: deps.holder,
    lockKey: keys.syncLease(),
    jobKey: keys.syncRun,
    schema: SyncRunSchema,
    ttlMs: deps.leaseMs ?? LEASE_MS,
    heartbeatMs: Math.min(HEARTBEAT_MS, Math.floor((deps.leaseMs ?? LEASE_MS) / 6)),
    // Run records live as long as the audit (a setting, re-read whenever a run starts).
    recordTtlMs: () => retention,
    crashed: (run, reason): SyncRun => ({
      ...run,
      state: "failed",
      phase: "finished",
      error: `The run ${reason}`,
      finishedAt: now().toISOString(),
    }),
  });
  const unfinished = (r: SyncRun) => r.state === "running";
  /** The run's work, then: hints it dealt with are dropped, and hints still waiting get their run. */
  const work = async (run: SyncRun, control: Parameters<typeof runner.work>[1]) => {
    const done = await runner.work(run, control);
    if (done.trigger === "event" && done.scope && done.state !== "failed" && done.state !== "running") {
      await consumeHints(kv, done.scope, done.startedAt);
    }
    setTimeout(() => service.hinted(), 0);
    return done;
  };

  async function refusal(): Promise<Result<number, "no-rules" | "not-connected">> {
    const [okta, genea] = [await readConnectionRecord(kv, "okta"), await readConnectionRecord(kv, "genea")];
    if (!okta || !genea) {
      const missing = [!okta && "Okta", !genea && "Genea"].filter(Boolean).join(" and ");
      return fail("not-connected", `The sync needs both connections: connect ${missing} under Connections first.`);
    }
    const { version } = await readCurrentVersion(kv);
    if (version === 0) {
      return fail("no-rules", "Nothing is published yet: publish a rule set (every property needs at least one rule) before syncing.");
    }
    return ok(version);
  }

  const awaiting = async () => (await store.listRuns(kv, 50)).filter((r) => r.state === "awaiting-approval");

  const service: SyncService = {
    async start(input) {
      const resumed = await jobs.resume(work, unfinished);
      if (resumed) return ok({ run: resumed.job, started: resumed.started });
      const active = await jobs.active();
      if (active && unfinished(active)) return ok({ run: active, started: false });
      const version = await refusal();
      if (!version.ok) return version;
      const settings = await store.readSettings(kv);
      retention = store.retentionMs(settings);
      const run = newRun({
        id: crypto.randomUUID(),
        trigger: input.oktaUserIds && input.trigger === "manual" ? "on-demand" : input.trigger,
        mode: input.mode,
        kind: input.oktaUserIds ? "people" : input.incremental ? "incremental" : "full",
        scope: input.oktaUserIds ? [...new Set(input.oktaUserIds)] : null,
        requestedBy: input.by,
        ruleSetVersion: version.value,
        approvalOf: input.approvalOf ?? null,
        startedAt: now().toISOString(),
      });
      const interrupted = (old: SyncRun): SyncRun => ({
        ...old,
        state: "failed",
        phase: "finished",
        error: "The run was interrupted",
        finishedAt: now().toISOString(),
      });
      const started = await jobs.start(run, work, interrupted);
      if (started.started) {
        await store.indexRun(kv, started.job, settings);
        log.info("sync.started", {
          run: run.id,
          trigger: run.trigger,
          mode: run.mode,
          version: run.ruleSetVersion,
          scope: run.scope?.length ?? "all",
        });
      }
      return ok({ run: started.job, started: started.started });
    },

    async approve(id, by) {
      const run = await store.readRun(kv, id);
      if (!run) return fail("not-found", `There is no sync run ${id}`);
      if (run.state !== "awaiting-approval") return fail("not-awaiting", `Run ${id} is ${run.state}, not awaiting approval`);
      // The decision is recorded first, so the approval run reads who approved how much.
      await kv.set(keys.syncRun(id), { ...run, decidedBy: by }, { expireIn: retention });
      const next = await service.start({ mode: "apply", oktaUserIds: run.scope ?? undefined, trigger: "approval", by, approvalOf: id });
      if (!next.ok) return next;
      if (!next.value.started) {
        await kv.set(keys.syncRun(id), run, { expireIn: retention });
        return fail("busy", `Another run (${next.value.run.id}) is in progress; approve again when it has finished`);
      }
      const approved: SyncRun = { ...run, state: "approved", decidedBy: by, followedBy: next.value.run.id };
      await kv.set(keys.syncRun(id), approved, { expireIn: retention });
      log.info("sync.approved", { run: id, by, next: next.value.run.id });
      return ok({ run: approved, next: next.value.run });
    },

    async reject(id, by) {
      const run = await store.readRun(kv, id);
      if (!run) return fail("not-found", `There is no sync run ${id}`);
      if (run.state !== "awaiting-approval") return fail("not-awaiting", `Run ${id} is ${run.state}, not awaiting approval`);
      const rejected: SyncRun = { ...run, state: "rejected", decidedBy: by };
      await kv.set(keys.syncRun(id), rejected, { expireIn: retention });
      log.info("sync.rejected", { run: id, by });
      return ok(rejected);
    },

    async tick() {
      const resumed = await jobs.resume(work, unfinished);
      if (resumed) return { resumed: resumed.job.id, started: null, refused: null };
      const settings = await store.readSettings(kv);
      // With the schedule off doorsync does nothing on its own: no poll, no retried hints (hooks still act).
      if (!settings.schedule.enabled) return { resumed: null, started: null, refused: null };
      if ((await refusal()).ok) await service.pollLog();
      const status = await store.readSchedulerStatus(kv);
      const due = status.lastScheduledAt === null ||
        now().getTime() - Date.parse(status.lastScheduledAt) >= settings.schedule.intervalMinutes * 60_000;
      if (!due) {
        service.hinted();
        return { resumed: null, started: null, refused: null };
      }
      const active = await jobs.active();
      if (active && unfinished(active)) return { resumed: null, started: null, refused: null }; // due again next tick
      await store.updateSchedulerStatus(kv, { lastScheduledAt: now().toISOString() });
      const waiting = await awaiting();
      const started = waiting.length > 0
        ? fail("awaiting-approval", `Run ${waiting[0].id} awaits approval: scheduled runs wait until an admin approves or rejects it.`)
        : await service.start({ mode: "apply", trigger: "cron", by: null, incremental: true });
      if (!started.ok) {
        await store.updateSchedulerStatus(kv, {
          lastRefusal: { at: now().toISOString(), code: started.error.code, message: started.error.message },
        });
        log.warn("sync.scheduled-refused", { code: started.error.code, reason: started.error.message });
        return { resumed: null, started: null, refused: started.error.code };
      }
      await store.updateSchedulerStatus(kv, { lastRefusal: null });
      return { resumed: null, started: started.value.started ? started.value.run.id : null, refused: null };
    },

    async cronTick(budgetMs) {
      const t = await service.tick();
      const id = t.resumed ?? t.started;
      if (id) await Promise.race([jobs.settled(id), new Promise((r) => setTimeout(r, budgetMs))]);
    },

    hinted() {
      void (async () => {
        const active = await jobs.active();
        if (active && unfinished(active)) return;
        const hints = await pendingHints(kv, MAX_TARGETED);
        if (hints.length === 0) return;
        const started = await service.start({ mode: "apply", trigger: "event", by: null, oktaUserIds: hints.map((h) => h.oktaId) });
        if (!started.ok) log.warn("sync.event-run-refused", { code: started.error.code, hints: hints.length });
      })().catch((e) => log.error("sync.event-run-failed", { error: e instanceof Error ? e.name : "error" }));
    },

    async pollLog() {
      const polled = await pollSystemLog(deps);
      service.hinted(); // new gaps, or hints an earlier run could not finish (Okta was down)
      return polled.state;
    },

    get: (id) => store.readRun(kv, id),
    list: (limit) => store.listRuns(kv, limit),

    async status() {
      const settings = await store.readSettings(kv);
      const sched = await store.readSchedulerStatus(kv);
      const active = await jobs.active();
      const waiting = await awaiting();
      const last = sched.lastRunId ? await store.readRun(kv, sched.lastRunId) : null;
      const conn = async (kind: "okta" | "genea") => {
        const s = connectionStatus(await readConnectionRecord(kv, kind));
        return { connected: s.connected, lastCheckedAt: s.lastCheckedAt, error: s.error };
      };
      const next = !settings.schedule.enabled
        ? null
        : sched.lastScheduledAt === null
        ? now().toISOString()
        : new Date(Math.max(now().getTime(), Date.parse(sched.lastScheduledAt) + settings.schedule.intervalMinutes * 60_000)).toISOString();
      return {
        state: active && unfinished(active) ? "running" : waiting.length > 0 ? "awaiting-approval" : "idle",
        activeRun: active && unfinished(active) ? active.id : null,
        awaitingApproval: waiting.map((r) => r.id),
        lastRun: last,
        nextScheduledAt: next,
        lastRefusal: sched.lastRefusal,
        connections: { okta: await conn("okta"), genea: await conn("genea") },
        publishedVersion: (await readCurrentVersion(kv)).version,
        settings,
        events: { ...withoutLink(await readPollState(kv)), pendingHints: (await pendingHints(kv, 1000)).length },
      };
    },
    settings: () => store.readSettings(kv),
    async saveSettings(s) {
      await store.saveSettings(kv, s);
      retention = store.retentionMs(s);
    },
    settled: (id) => jobs.settled(id),
  };
  return service;
}

export { percentOf };

const withoutLink = ({ next: _next, ...state }: LogPollState) => state;
