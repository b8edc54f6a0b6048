/**
 * One sync run as a state machine kept in KV: read Okta → read Genea → plan (published rules,
 * shared engine, identity ledger, removal brake) → apply in time-boxed chunks → record. The
 * run record is saved after every phase and every chunk, fenced by the run's lease. What a
 * phase computed lives in memory only; a run taken over from a crashed instance goes back to
 * its last phase that can be redone safely — an interrupted apply plans again against a fresh
 * Genea read, so nothing that may already have happened is done twice.
 */
import type { SyncPhase, SyncRun, SyncSettings } from "../../shared/api/sync.ts";
import { zeroCounts } from "../../shared/api/sync.ts";
import { type DirectoryTable, idsOf } from "../../shared/directory/table.ts";
import type { Catalog, GeneaState } from "../../shared/genea/model.ts";
import { type AbsentStatus, type Operation, type Plan, plan, summarisePlan } from "../../shared/plan/index.ts";
import { createEngine, type RuleSet } from "../../shared/rules/index.ts";
import type { CompiledSnapshot, SnapshotCache } from "../directory/snapshot.ts";
import type { GeneaClient } from "../genea/index.ts";
import type { JobControl } from "../jobs/runner.ts";
import type { OktaClient } from "../okta/index.ts";
import { checkRules } from "../rules/gate.ts";
import { type Batch, createBatch } from "../store/batch.ts";
import { markChecked } from "../store/connections.ts";
import { readVersion } from "../store/rules.ts";
import * as store from "../store/sync.ts";
import type { Upstreams } from "../upstreams/index.ts";
import type { Log } from "../log.ts";
import { entryOf, type Names, namesFrom, type Outcome } from "./audit.ts";
import { type BrakeResult, checkBrake } from "./brake.ts";
import { type ExecContext, runPool, runTask, stages, type UserTask } from "./execute.ts";
import { afterOperation, linked } from "./ledger.ts";
import { checkRead, countsOf } from "./read-gate.ts";
import { confirmAbsent, readGeneaAll, readGeneaUsers, readOktaUsers } from "./reads.ts";
import { readGeneaCached, readOktaChanges, readWatermark } from "./incremental.ts";
import { needsFull } from "./watermark.ts";
import { cacheAll, dropUser, putUser, readCacheMeta } from "../store/genea-cache.ts";
import { createReadCheckpoint } from "../store/okta-read.ts";
import { keys } from "../store/keys.ts";
import { LedgerMap } from "../store/ledger-map.ts";
import { geneaAfter } from "./genea-state.ts";
import { fail } from "../../shared/result.ts";

export interface RunDeps {
  kv: Deno.Kv;
  now: () => Date;
  log: Log;
  upstreams: Upstreams;
  snapshots: SnapshotCache;
}

/** What the phases hand each other in memory (gone after a takeover). */
interface Work {
  okta?: OktaClient;
  genea?: GeneaClient;
  directory?: DirectoryTable;
  /** for lint: this run's own full read, or (scoped runs) the stored snapshot */
  lintSnapshot?: CompiledSnapshot | null;
  missing?: string[];
  catalog?: Catalog;
  state?: GeneaState;
  ruleSet?: RuleSet;
  plan?: Plan;
  names?: Names;
  brake?: BrakeResult;
  /** operations that were applied (for the rolling window) */
  applied?: Operation[];
  /** an incremental run: the watermarks to store once it has finished */
  watermark?: { users: string; groups: string };
  /** the ledger plan() used: all of it (full runs), or what touches the run's people; apply updates it */
  ledger?: LedgerMap;
  /** a full read's server watermark */
  fullWatermark?: string | null;
  /** per location: users holding a user_location there (partial runs take it from the cache) */
  synced?: Record<string, number>;
}

const MAX_ABSENT_CHECKS = 500;
const MAX_ERRORS = 20;
const MAX_STEPS = 60;

export function newRun(
  fields: Pick<SyncRun, "id" | "trigger" | "mode" | "kind" | "scope" | "requestedBy" | "ruleSetVersion" | "approvalOf" | "startedAt">,
): SyncRun {
  return {
    ...fields,
    state: "running",
    phase: "read-okta",
    snapshotId: null,
    followedBy: null,
    decidedBy: null,
    finishedAt: null,
    attempts: 0,
    progress: { done: 0, total: 0 },
    reads: { okta: { users: 0, groups: 0, memberships: 0, requests: 0 }, genea: { users: 0, requests: 0 } },
    planned: zeroCounts(),
    applied: zeroCounts(),
    failed: zeroCounts(),
    byProperty: {},
    skipped: {},
    brake: null,
    phases: [{ phase: "read-okta", startedAt: fields.startedAt, ms: null }],
    errors: [],
    error: null,
    steps: [],
    entries: 0,
  };
}

export const percentOf = (run: SyncRun): number => {
  if (run.state !== "running") return 100;
  const share: Record<SyncPhase, number> = { "read-okta": 0, "read-genea": 25, plan: 35, apply: 40, record: 98, finished: 100 };
  if (run.phase !== "apply" || run.progress.total === 0) return share[run.phase];
  return Math.min(98, 40 + Math.floor((58 * run.progress.done) / run.progress.total));
};

export function createRunner(deps: RunDeps) {
  const { kv, now, log } = deps;
  const at = () => now().toISOString();

  const step = (run: SyncRun, text: string): SyncRun => ({ ...run, steps: [...run.steps, { at: at(), text }].slice(-MAX_STEPS) });
  const enter = (run: SyncRun, phase: SyncPhase): SyncRun => {
    const phases = run.phases.map((p) => (p.ms === null ? { ...p, ms: now().getTime() - Date.parse(p.startedAt) } : p));
    return { ...run, phase, phases: phase === "finished" ? phases : [...phases, { phase, startedAt: at(), ms: null }] };
  };
  const finish = (run: SyncRun, state: SyncRun["state"], error: string | null = null): SyncRun => ({
    ...enter(run, "finished"),
    state,
    error,
    finishedAt: at(),
  });
  const failRun = (run: SyncRun, error: string) => {
    log.warn("sync.failed", { run: run.id, error });
    return finish(step(run, error), "failed", error);
  };

  // Lint over a 100,000-user directory costs; event runs in a row ask about the same rules,
  // catalog and snapshot, so the last verdict is kept.
  let linted: { key: string; verdict: ReturnType<typeof checkRules> } | null = null;
  function lintOnce(version: number, ruleSet: RuleSet, catalog: Catalog, snapshot: CompiledSnapshot | null) {
    const key = `${version}\u0000${snapshot?.id ?? ""}\u0000${JSON.stringify(catalog)}`;
    if (linted?.key !== key) linted = { key, verdict: checkRules(ruleSet, catalog, snapshot) };
    return linted.verdict;
  }

  /** Where a run taken over from a dead instance picks up. */
  function resumeAt(run: SyncRun): SyncRun {
    if (run.phase === "read-okta" || run.phase === "finished") return run;
    if (run.phase === "record") return run;
    const back = {
      ...step(run, `Taken over after an interruption during ${run.phase}: reading again and planning what is left`),
      attempts: run.attempts + 1,
    };
    return { ...back, phase: run.kind === "full" ? "read-genea" : "read-okta" };
  }

  async function clients(work: Work): Promise<string | null> {
    if (!work.okta) {
      const okta = await deps.upstreams.okta();
      if (!okta.ok) return okta.error.message;
      work.okta = okta.value;
    }
    if (!work.genea) {
      const genea = await deps.upstreams.genea();
      if (!genea.ok) return genea.error.message;
      work.genea = genea.value;
    }
    return null;
  }

  async function readOkta(run: SyncRun, work: Work, settings: SyncSettings, control: JobControl<SyncRun>): Promise<SyncRun | null> {
    const okta = work.okta!;
    const before = okta.stats().requests;
    if (run.kind === "people" && run.scope) {
      const read = await readOktaUsers(okta, run.scope, at());
      if (!read.ok) return failRun(run, read.error.message);
      work.directory = read.value.directory;
      work.missing = read.value.missing;
      work.lintSnapshot = await deps.snapshots.compiled();
      let r = run;
      for (const s of read.value.steps) r = step(r, s);
      return enter(
        { ...r, reads: { ...r.reads, okta: { ...countsOf(read.value.directory), requests: okta.stats().requests - before } } },
        "read-genea",
      );
    }
    if (run.kind === "incremental") {
      const base = await deps.snapshots.compiled();
      const wm = await readWatermark(kv);
      const why = needsFull(wm, base, now().getTime(), settings.schedule.fullEveryHours * 3600_000);
      if (why || !wm || !base) return step({ ...run, kind: "full" }, `Reading everything: ${why}`);
      const changes = await readOktaChanges(okta, base, wm);
      await markChecked(kv, "okta", at(), changes.ok || changes.error.code !== "okta-read-failed" ? null : changes.error.message);
      if (!changes.ok && changes.error.code === "watermark-regressed") return step({ ...run, kind: "full" }, changes.error.message);
      if (!changes.ok) return failRun(run, changes.error.message);
      const meta = await deps.snapshots.store(changes.value.merged);
      work.directory = changes.value.affected;
      work.lintSnapshot = await deps.snapshots.compiled();
      work.watermark = changes.value.watermark;
      let r: SyncRun = {
        ...run,
        snapshotId: meta.id,
        scope: idsOf(changes.value.affected),
        reads: { ...run.reads, okta: { ...countsOf(changes.value.affected), requests: okta.stats().requests - before } },
      };
      for (const s of changes.value.steps) r = step(r, s);
      return enter(r, "read-genea");
    }
    // Saved page by page under this run's lease: a run taken over mid-read goes on from the last page saved.
    const checkpoint = createReadCheckpoint(kv, run.id, fenceOf(control), log);
    deps.snapshots.forget(); // this read replaces the stored directory: hold one at a time
    const snap = await okta.readSnapshot(checkpoint);
    if (!snap.ok && snap.error.code === "interrupted") return null;
    const checkedAt = at();
    await markChecked(kv, "okta", checkedAt, snap.ok ? null : snap.error.message);
    if (!snap.ok) return failRun(run, `Reading Okta failed, so nothing was written: ${snap.error.message}`);
    const read = { ok: true as const, value: snap.value.directory };
    work.fullWatermark = snap.value.watermark;
    const counts = countsOf(read.value);
    const meta = await deps.snapshots.store(read.value);
    await checkpoint.clear();
    work.directory = read.value;
    work.lintSnapshot = await deps.snapshots.compiled();
    let r: SyncRun = {
      ...run,
      snapshotId: meta.id,
      reads: { ...run.reads, okta: { ...counts, requests: okta.stats().requests - before } },
    };
    r = step(
      r,
      `Read Okta: ${counts.users} users, ${counts.groups} groups, ${counts.memberships} memberships (${
        okta.stats().requests - before
      } requests${snap.value.resumedPages ? `; ${snap.value.resumedPages} pages saved before an interruption were not read again` : ""})`,
    );
    const shrink = checkRead(counts, await store.readBaseline(kv), settings.brake);
    const approvedShrink = run.approvalOf ? (await store.readRun(kv, run.approvalOf))?.brake : null;
    const accepted = shrink && approvedShrink?.kind === "read-shrink" && approvedShrink.collection === shrink.collection &&
      shrink.after >= approvedShrink.after - Math.ceil(approvedShrink.after * 0.05);
    if (shrink && !accepted) {
      log.warn("sync.read-gate", { run: run.id, collection: shrink.collection, before: shrink.before, after: shrink.after });
      return finish(step({ ...r, brake: shrink }, shrink.message), "awaiting-approval", shrink.message);
    }
    return enter(r, "read-genea");
  }

  /** A fresh Genea read refreshes the cache: everyone after a full read, the people read otherwise. */
  async function refreshCache(run: SyncRun, work: Work, control: JobControl<SyncRun>): Promise<boolean> {
    const batch = createBatch(kv, fenceOf(control));
    if (run.kind === "full") {
      if (!(await cacheAll(batch, work.state!, work.catalog!))) return false;
    } else for (const u of work.state!.users) putUser(batch, u);
    return batch.flush();
  }

  async function readGenea(run: SyncRun, work: Work, control: JobControl<SyncRun>): Promise<SyncRun> {
    const genea = work.genea!;
    const before = genea.requestCount();
    if (!work.directory) {
      // Taken over: the directory this run read is the stored snapshot, unless a newer read replaced it.
      const snapshot = await deps.snapshots.compiled();
      if (!snapshot || snapshot.id !== run.snapshotId) {
        return enter(step(run, "The directory read earlier is gone: reading Okta again"), "read-okta");
      }
      work.directory = snapshot.directory;
      work.lintSnapshot = snapshot;
    }
    const ledger = run.kind === "full" ? new LedgerMap() : await store.readLedgerEntries(kv, run.scope ?? []);
    let read = run.kind === "full"
      ? await readGeneaAll(genea)
      : run.kind === "people"
      ? await readGeneaUsers(genea, work.directory, ledger, at())
      : null;
    if (run.kind === "incremental") {
      const cached = await readGeneaCached(kv, genea, work.directory, ledger, at());
      if (!cached.ok && cached.error.code === "no-cache") {
        return enter(step({ ...run, kind: "full" }, "Genea's cache is empty: reading everything"), "read-okta");
      }
      if (cached.ok) work.synced = cached.value.synced;
      read = cached.ok ? cached : fail("genea-read-failed", cached.error.message);
    }
    if (!read) throw new Error(`readGenea(): no read for kind ${run.kind}`);
    await markChecked(kv, "genea", at(), read.ok ? null : read.error.message);
    if (!read.ok) return failRun(run, `${read.error.message}; nothing was written`);
    work.catalog = read.value.catalog;
    work.state = read.value.state;
    if (run.kind !== "incremental" && !(await refreshCache(run, work, control))) return run;
    if (run.kind === "people") work.synced = (await readCacheMeta(kv))?.synced;
    let r: SyncRun = {
      ...run,
      reads: { ...run.reads, genea: { users: read.value.state.users.length, requests: genea.requestCount() - before } },
    };
    for (const s of read.value.steps) r = step(r, s);
    return enter(r, "plan");
  }

  async function planRun(run: SyncRun, work: Work, settings: SyncSettings, control: JobControl<SyncRun>): Promise<SyncRun> {
    if (!work.catalog || !work.state || !work.directory) return enter(run, "read-genea");
    const version = await readVersion(kv, run.ruleSetVersion);
    if (!version) return failRun(run, `Published rule-set version ${run.ruleSetVersion} cannot be read`);
    const gate = lintOnce(run.ruleSetVersion, version.ruleSet, work.catalog, work.lintSnapshot ?? null);
    if (!gate.ok) {
      const findings = gate.error.findings.length;
      return failRun(
        run,
        `The published rules (version ${run.ruleSetVersion}) have lint errors against Genea and Okta as they are now (${findings} findings); fix and publish them`,
      );
    }
    work.ruleSet = version.ruleSet;
    work.names = namesFrom(work.catalog, version.ruleSet);
    const engine = run.kind === "full" && work.lintSnapshot?.directory === work.directory
      ? work.lintSnapshot.engine
      : createEngine(work.directory);
    const outcome = engine.evaluate(version.ruleSet);
    // A full run needs the whole ledger (who is missing from the read); a partial run only what touches its people.
    const ledger = run.kind === "full" ? await store.readLedger(kv) : await store.readLedgerAbout(kv, [
      ...idsOf(work.directory),
      ...(work.missing ?? []),
    ], work.state.users.map((u) => u.uuid));
    work.ledger = ledger;
    let absent = new Map<string, AbsentStatus>();
    let r = run;
    if (run.kind === "people") {
      for (const id of work.missing ?? []) if (ledger.has(id)) absent.set(id, "deleted");
    } else if (run.kind === "full") {
      const confirmed = await confirmAbsent(work.okta!, ledger, work.directory, work.state, MAX_ABSENT_CHECKS);
      absent = confirmed.absent;
      for (const s of confirmed.steps) r = step(r, s);
    }
    await control.heartbeat();
    const p = plan({
      directory: work.directory,
      outcome,
      catalog: work.catalog,
      current: work.state,
      ledger,
      absent,
      scoped: run.kind !== "full",
    });
    work.plan = p;
    const approvedRun = run.approvalOf ? await store.readRun(kv, run.approvalOf) : null;
    const approvedBy = approvedRun?.decidedBy ?? "an admin";
    const approvedRemovals = approvedRun?.brake && "properties" in approvedRun.brake
      ? Object.fromEntries(approvedRun.brake.properties.map((x) => [x.propertyUuid, x.removals]))
      : null;
    work.brake = checkBrake({
      operations: p.operations,
      current: work.state,
      catalog: work.catalog,
      settings: settings.brake,
      synced: run.kind === "full" ? undefined : work.synced,
      window: await store.readWindow(kv, now().getTime()),
      approved: approvedRemovals ? { by: approvedBy, removals: approvedRemovals } : null,
    });
    const summary = summarisePlan(p);
    const skipped = Object.fromEntries(Object.entries(summary.skipped).filter((e): e is [string, number] => e[1] !== undefined));
    r = {
      ...r,
      planned: summary.byKind,
      byProperty: summary.byProperty,
      skipped,
      brake: work.brake.verdict,
      progress: { done: 0, total: p.operations.length },
    };
    r = step(
      r,
      `Planned ${p.operations.length} operations for ${summary.users} users (rules version ${run.ruleSetVersion}); ${p.links.length} new links`,
    );
    const tripped = work.brake.verdict.kind === "removals";
    if (run.mode === "dry-run" || tripped) {
      const written = await writePlanned(r, work, settings, control);
      if (written === null) return r;
      if (tripped) {
        log.warn("sync.brake", { run: run.id, removals: Object.values(work.brake.removals).reduce((a, b) => a + b, 0) });
        return finish(step(written, work.brake.verdict.kind === "removals" ? work.brake.verdict.message : ""), "awaiting-approval");
      }
      return finish(step(written, "Dry run: nothing was written to Genea"), "done");
    }
    return enter(r, "apply");
  }

  const fenceOf = (control: JobControl<SyncRun>) => ({
    apply: (op: Deno.AtomicOperation) => op.check({ key: control.lease().key, versionstamp: control.lease().versionstamp }),
    stillHeld: () => control.heartbeat(),
  });

  /** A dry run's or an awaiting run's plan, as audit entries with result "planned". */
  async function writePlanned(run: SyncRun, work: Work, settings: SyncSettings, control: JobControl<SyncRun>): Promise<SyncRun | null> {
    const batch = createBatch(kv, fenceOf(control));
    await store.deleteEntries(kv, run.id, batch);
    const t = at();
    const ops = work.plan!.operations;
    for (let i = 0; i < ops.length; i++) {
      store.addEntry(batch, entryOf(run.id, i, t, ops[i], { result: "planned", attempts: 0, error: null }, work.names!), settings);
      if (!(await batch.ready())) return null;
    }
    if (!(await batch.flush())) return null;
    return { ...run, entries: work.plan!.operations.length };
  }

  async function apply(run: SyncRun, work: Work, settings: SyncSettings, control: JobControl<SyncRun>): Promise<SyncRun | null> {
    if (!work.plan) return enter(run, "read-genea");
    const p = work.plan;
    releaseDirectory(run, work);
    const ledger = work.ledger ?? (await store.readLedger(kv));
    work.ledger = undefined; // a retried apply plans again from KV
    const batch = createBatch(kv, fenceOf(control));
    const t0 = at();
    const owners = new Map<string, string>();
    // Links first: a user linked by email this run is then known to the next run even if a write fails.
    for (const l of p.links) {
      if (l.previousOktaId) store.deleteLedger(batch, l.previousOktaId); // its Genea user's reverse entry is rewritten below
      const entry = linked(l, t0);
      ledger.set(entry);
      owners.set(entry.geneaUuid, entry.oktaId);
      store.putLedger(batch, entry);
    }
    // Owners this run changed, over the stored reverse index (asked only when a create meets an existing Genea user).
    const ownerOf = async (uuid: string) => owners.get(uuid) ?? (await store.ledgerOwner(kv, uuid));
    const ctx: ExecContext = { genea: work.genea!, created: new Map(), ownerOf };
    let r = run;
    const applied = zeroCounts(), failedCounts = zeroCounts();
    const errors = [...run.errors];
    const appliedOps: Operation[] = [];
    let done = 0;
    const base = run.entries;
    // Genea's cache follows every write; a user whose write is not known for sure is forgotten.
    const known = new Map((work.state?.users ?? []).map((u) => [u.uuid, u]));
    const keepCache = (op: Operation, outcome: Outcome) => {
      const uuid = outcome.geneaUuid ?? op.user.geneaUuid ?? ctx.created.get(op.user.oktaId) ?? null;
      if (uuid === null) return;
      const next = geneaAfter(known.get(uuid) ?? null, op, outcome);
      if (next) (known.set(uuid, next), putUser(batch, next));
      else (known.delete(uuid), dropUser(batch, uuid));
    };
    const onDone = (index: number, op: Operation, outcome: Outcome) => {
      done++;
      keepCache(op, outcome);
      if (outcome.result === "applied" || outcome.result === "adopted") (applied[op.kind]++, appliedOps.push(op));
      if (outcome.result === "failed") {
        failedCounts[op.kind]++;
        if (errors.length < MAX_ERRORS) errors.push(`${op.kind} for ${op.user.email || op.user.oktaId}: ${outcome.error}`);
      }
      store.addEntry(batch, entryOf(run.id, base + index, at(), op, outcome, work.names!), settings);
      const next = afterOperation(ledger.get(op.user.oktaId), op, outcome, at());
      if (next) {
        ledger.set(next);
        owners.set(next.geneaUuid, next.oktaId);
        store.putLedger(batch, next);
      }
    };
    const progress = (): SyncRun => ({
      ...r,
      applied: add(run.applied, applied),
      failed: add(run.failed, failedCounts),
      errors,
      progress: { done: Math.min(run.progress.total, done), total: run.progress.total },
      entries: base + done,
    });
    let sliceStart = now().getTime();
    const chunk = settings.concurrency * 16;
    // Once a user's last task has run, their record is in the cache batch: memory need not keep it.
    const settle = (task: UserTask) => {
      if (!task.last) return;
      for (const { op } of task.ops) {
        const uuid = op.user.geneaUuid ?? ctx.created.get(op.user.oktaId);
        if (uuid !== undefined) known.delete(uuid);
      }
    };
    for (const tasks of stages(p.operations)) {
      for (let i = 0; i < tasks.length; i += chunk) {
        if (control.signal.aborted) return null;
        await runPool(tasks.slice(i, i + chunk), settings.concurrency, async (task) => {
          await runTask(task, ctx, onDone);
          settle(task);
        });
        if (now().getTime() - sliceStart >= settings.sliceSeconds * 1000) {
          if (!(await checkpoint(batch, progress(), control))) return null;
          sliceStart = now().getTime();
        }
      }
    }
    if (!(await batch.flush())) return null;
    const kvStats = batch.stats();
    log.info("sync.kv", {
      run: run.id,
      commits: kvStats.commits,
      largestCommit: kvStats.largestCommit,
      largestValue: kvStats.largestValue,
    });
    work.applied = appliedOps;
    r = progress();
    const failedTotal = Object.values(failedCounts).reduce((a, b) => a + b, 0);
    r = step(
      r,
      `Applied ${done - failedTotal} of ${p.operations.length} operations${
        failedTotal ? `; ${failedTotal} failed and will be planned again by the next run` : ""
      }`,
    );
    return enter(r, "record");
  }

  /**
   * Apply needs the plan, not the directory it came from: a full run lets its directory and
   * engine go (the cache decodes the stored snapshot again when asked), so the Genea users it
   * creates do not pile up on top of them. A smaller run keeps the cache: an event run must
   * not make the next one compile the whole directory again.
   */
  function releaseDirectory(run: SyncRun, work: Work): void {
    work.directory = undefined;
    work.lintSnapshot = undefined;
    if (run.kind === "full") deps.snapshots.forget();
  }

  async function checkpoint(batch: Batch, run: SyncRun, control: JobControl<SyncRun>): Promise<boolean> {
    return (await batch.flush()) && (await control.save(run)) && (await control.heartbeat());
  }

  async function record(run: SyncRun, work: Work, control: JobControl<SyncRun>): Promise<SyncRun | null> {
    const batch = createBatch(kv, fenceOf(control));
    const t = now().getTime();
    if (work.applied && work.state && work.catalog) {
      const applied = checkBrake({
        operations: work.applied,
        current: work.state,
        catalog: work.catalog,
        settings: { minUsers: 0, percent: 0 },
        window: {},
        approved: null,
      });
      store.recordRemovals(batch, t, run.id, applied.removals, run.approvalOf !== null);
    }
    if (run.kind === "full" && run.mode === "apply") saveBaselineFrom(batch, run);
    if (run.mode === "apply" && run.snapshotId && (run.kind === "full" ? work.fullWatermark : work.watermark)) {
      const prior = await readWatermark(kv);
      const users = run.kind === "full" ? work.fullWatermark! : work.watermark!.users;
      const groups = run.kind === "full" ? work.fullWatermark! : work.watermark!.groups;
      const fullAt = run.kind === "full" ? run.startedAt : prior?.fullAt ?? run.startedAt;
      batch.set(keys.syncWatermark(), { users, groups, snapshotId: run.snapshotId, fullAt, readAt: run.startedAt });
    }
    if (!(await batch.flush())) return null;
    await store.updateSchedulerStatus(kv, { lastRunId: run.id });
    log.info("sync.done", { run: run.id, planned: run.progress.total, applied: sum(run.applied), failed: sum(run.failed) });
    return finish(run, "done");
  }

  const saveBaselineFrom = (batch: Batch, run: SyncRun) =>
    store.saveBaseline(
      batch,
      { users: run.reads.okta.users, groups: run.reads.okta.groups, memberships: run.reads.okta.memberships },
      at(),
    );

  /** Runs (or resumes) `run` to its end, saving it after every phase. */
  async function work(start: SyncRun, control: JobControl<SyncRun>): Promise<SyncRun> {
    const settings = await store.readSettings(kv);
    const w: Work = {};
    let run = resumeAt(start);
    const missing = await clients(w);
    if (missing) return failRun(run, missing);
    while (run.phase !== "finished") {
      let next: SyncRun | null;
      switch (run.phase) {
        case "read-okta":
          next = await readOkta(run, w, settings, control);
          break;
        case "read-genea":
          next = await readGenea(run, w, control);
          break;
        case "plan":
          next = await planRun(run, w, settings, control);
          break;
        case "apply":
          next = await apply(run, w, settings, control);
          break;
        case "record":
          next = await record(run, w, control);
          break;
      }
      if (next === null || !(await control.save(next))) {
        log.warn("sync.lease-lost", { run: run.id, phase: run.phase });
        return run;
      }
      run = next;
    }
    return run;
  }

  return { work, percentOf };
}

const add = (a: Record<string, number>, b: Record<string, number>) => {
  const out = zeroCounts();
  for (const k of Object.keys(out) as (keyof typeof out)[]) out[k] = (a[k] ?? 0) + (b[k] ?? 0);
  return out;
};
const sum = (c: Record<string, number>) => Object.values(c).reduce((x, y) => x + y, 0);
