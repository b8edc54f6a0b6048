/**
 * The sync's part of the edge ↔ web contract: run records, the per-operation audit, settings
 * and status. The edge stores run records and audit entries in KV in these same shapes (and
 * validates them when it reads them back).
 */
import * as v from "valibot";
import { OPERATION_ORDER, type OperationKind } from "../plan/operations.ts";

const Int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

/** event: an Okta event (hook delivery or System Log poll) named the people of a targeted run */
export const SYNC_TRIGGERS = ["cron", "manual", "approval", "on-demand", "event"] as const;
export const SYNC_MODES = ["apply", "dry-run"] as const;
export const SYNC_STATES = ["running", "awaiting-approval", "done", "failed", "approved", "rejected"] as const;
/** The state machine's phases, in order. */
/** full: everyone; incremental: what changed since the last read; people: the named Okta users */
export const SYNC_KINDS = ["full", "incremental", "people"] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];
export const SYNC_PHASES = ["read-okta", "read-genea", "plan", "apply", "record", "finished"] as const;
export const OPERATION_RESULTS = ["planned", "applied", "adopted", "failed", "skipped"] as const;

export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];
export type SyncMode = (typeof SYNC_MODES)[number];
export type SyncState = (typeof SYNC_STATES)[number];
export type SyncPhase = (typeof SYNC_PHASES)[number];
export type OperationResult = (typeof OPERATION_RESULTS)[number];

const KindCountsSchema = v.object(
  Object.fromEntries(OPERATION_ORDER.map((k) => [k, v.number()])) as Record<OperationKind, v.NumberSchema<undefined>>,
);
export type KindCounts = v.InferOutput<typeof KindCountsSchema>;
export const zeroCounts = (): KindCounts => Object.fromEntries(OPERATION_ORDER.map((k) => [k, 0])) as KindCounts;

/** One property's removals against the brake's threshold. */
export const BrakePropertySchema = v.object({
  propertyUuid: v.string(),
  name: v.string(),
  /** users holding a user_location there now */
  synced: v.number(),
  /** users this run would take something from there */
  removals: v.number(),
  /** removals applied there in the last 24 h (approved runs excluded) */
  window: v.number(),
  threshold: v.number(),
  tripped: v.boolean(),
});
export type BrakeProperty = v.InferOutput<typeof BrakePropertySchema>;

export const BrakeVerdictSchema = v.variant("kind", [
  v.object({ kind: v.literal("passed"), properties: v.array(BrakePropertySchema) }),
  v.object({ kind: v.literal("removals"), properties: v.array(BrakePropertySchema), message: v.string() }),
  v.object({
    kind: v.literal("read-shrink"),
    collection: v.picklist(["users", "groups", "memberships"]),
    before: v.number(),
    after: v.number(),
    message: v.string(),
  }),
  /** an approval run: removals allowed up to what the admin approved */
  v.object({ kind: v.literal("approved"), properties: v.array(BrakePropertySchema), approvedBy: v.string() }),
]);
export type BrakeVerdict = v.InferOutput<typeof BrakeVerdictSchema>;

export const PhaseTimingSchema = v.object({ phase: v.picklist(SYNC_PHASES), startedAt: v.string(), ms: v.nullable(v.number()) });
export const RunStepSchema = v.object({ at: v.string(), text: Text(500) });

export const SyncRunSchema = v.object({
  id: Id,
  trigger: v.picklist(SYNC_TRIGGERS),
  mode: v.picklist(SYNC_MODES),
  kind: v.picklist(SYNC_KINDS),
  /** null: everyone; else the Okta user ids of a provision-on-demand run */
  scope: v.nullable(v.array(Id)),
  state: v.picklist(SYNC_STATES),
  phase: v.picklist(SYNC_PHASES),
  requestedBy: v.nullable(v.string()),
  /** the published rule-set version evaluated (fixed when the run starts) */
  ruleSetVersion: v.number(),
  /** the directory snapshot the run read */
  snapshotId: v.nullable(v.string()),
  /** approval runs: the run that was approved; approved runs: the run that carried it out */
  approvalOf: v.nullable(v.string()),
  followedBy: v.nullable(v.string()),
  decidedBy: v.nullable(v.string()),
  startedAt: v.string(),
  finishedAt: v.nullable(v.string()),
  /** re-plans after a crashed instance's run was taken over */
  attempts: v.number(),
  progress: v.object({ done: v.number(), total: v.number() }),
  reads: v.object({
    okta: v.object({ users: v.number(), groups: v.number(), memberships: v.number(), requests: v.number() }),
    genea: v.object({ users: v.number(), requests: v.number() }),
  }),
  planned: KindCountsSchema,
  applied: KindCountsSchema,
  failed: KindCountsSchema,
  /** per location uuid: planned operations there */
  byProperty: v.record(v.string(), KindCountsSchema),
  skipped: v.record(v.string(), v.number()),
  brake: v.nullable(BrakeVerdictSchema),
  phases: v.array(PhaseTimingSchema),
  /** the first errors (at most 20) */
  errors: v.array(Text(500)),
  /** why the run failed or stopped, in a sentence */
  error: v.nullable(Text(1000)),
  /** what happened, step by step (provision on demand shows these) */
  steps: v.array(RunStepSchema),
  /** audit entries written for this run */
  entries: v.number(),
});
export type SyncRun = v.InferOutput<typeof SyncRunSchema>;

/** The run plus what a progress bar needs. */
export type SyncRunView = SyncRun & { percent: number };

export const AuditReasonSchema = v.object({
  kind: v.string(),
  ruleId: v.nullable(v.string()),
  ruleName: v.nullable(v.string()),
  status: v.nullable(v.string()),
  text: Text(300),
});

/** One operation of one run: what doorsync did (or planned) to whom, why, and how it went. */
export const AuditEntrySchema = v.object({
  runId: v.string(),
  seq: v.number(),
  at: v.string(),
  oktaId: v.string(),
  email: v.string(),
  geneaUuid: v.nullable(v.string()),
  kind: v.picklist(OPERATION_ORDER),
  propertyUuid: v.nullable(v.string()),
  propertyName: v.nullable(v.string()),
  before: v.nullable(Text(2000)),
  after: v.nullable(Text(2000)),
  reason: AuditReasonSchema,
  result: v.picklist(OPERATION_RESULTS),
  attempts: v.number(),
  error: v.nullable(Text(1000)),
});
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;

export const SyncSettingsSchema = v.strictObject({
  /** scheduled runs are incremental, with a full reconcile (everything read) every `fullEveryHours` */
  schedule: v.strictObject({ enabled: v.boolean(), intervalMinutes: Int(1, 24 * 60), fullEveryHours: v.optional(Int(1, 24 * 30), 24) }),
  brake: v.strictObject({ minUsers: Int(0, 1_000_000), percent: Int(0, 100) }),
  auditRetentionDays: Int(1, 3650),
  /** Genea writes in flight at once */
  concurrency: Int(1, 32),
  /** length of one apply chunk before a checkpoint */
  sliceSeconds: Int(1, 600),
});
export type SyncSettings = v.InferOutput<typeof SyncSettingsSchema>;

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  schedule: { enabled: true, intervalMinutes: 15, fullEveryHours: 24 },
  brake: { minUsers: 25, percent: 10 },
  auditRetentionDays: 90,
  concurrency: 4,
  sliceSeconds: 20,
};

export const StartSyncInputSchema = v.strictObject({
  mode: v.picklist(SYNC_MODES),
  /** full (default): read everything; incremental: only what changed since the last run (as scheduled runs do) */
  kind: v.optional(v.picklist(["full", "incremental"])),
  oktaUserIds: v.optional(
    v.pipe(v.array(Id), v.minLength(1, "name at least one Okta user"), v.maxLength(100, "at most 100 users per on-demand run")),
  ),
});
export type StartSyncInput = v.InferOutput<typeof StartSyncInputSchema>;

/** What the System Log poll found (gap detection). */
export const LogPollSchema = v.object({
  lastPolledAt: v.nullable(v.string()),
  lastError: v.nullable(v.string()),
  /** events seen only in the System Log (no hook delivered them) */
  gaps: v.number(),
  lastGapAt: v.nullable(v.string()),
  failedDeliveries: v.number(),
  lastFailedDeliveryAt: v.nullable(v.string()),
});

export const SyncStatusSchema = v.object({
  state: v.picklist(["idle", "running", "awaiting-approval"]),
  activeRun: v.nullable(v.string()),
  awaitingApproval: v.array(v.string()),
  lastRun: v.nullable(SyncRunSchema),
  nextScheduledAt: v.nullable(v.string()),
  /** why the last scheduled run could not start, if it could not */
  lastRefusal: v.nullable(v.object({ at: v.string(), code: v.string(), message: v.string() })),
  connections: v.object({
    okta: v.object({ connected: v.boolean(), lastCheckedAt: v.nullable(v.string()), error: v.nullable(v.string()) }),
    genea: v.object({ connected: v.boolean(), lastCheckedAt: v.nullable(v.string()), error: v.nullable(v.string()) }),
  }),
  publishedVersion: v.number(),
  settings: SyncSettingsSchema,
  /** Okta events: the System Log poll (gap detection) and the people waiting for a targeted run */
  events: v.object({ ...LogPollSchema.entries, pendingHints: v.number() }),
});
export type SyncStatus = v.InferOutput<typeof SyncStatusSchema>;
