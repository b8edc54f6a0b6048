/**
 * The sync's KV records: run records (and their time index), audit entries by run and by
 * person, settings, the read gate's baseline, the brake's rolling window, the scheduler's
 * status and the identity ledger. Everything read back is validated.
 */
import * as v from "valibot";
import {
  type AuditEntry,
  AuditEntrySchema,
  DEFAULT_SYNC_SETTINGS,
  type SyncRun,
  SyncRunSchema,
  type SyncSettings,
  SyncSettingsSchema,
} from "../../shared/api/sync.ts";
import { type LedgerEntry, LedgerEntrySchema } from "../../shared/plan/index.ts";
import type { ReadCounts } from "../sync/read-gate.ts";
import type { Batch } from "./batch.ts";
import { keys } from "./keys.ts";
import { LedgerMap } from "./ledger-map.ts";
import { readValid } from "./kv.ts";

const DAY_MS = 24 * 3600_000;
export const retentionMs = (s: SyncSettings) => s.auditRetentionDays * DAY_MS;

export async function readSettings(kv: Deno.Kv): Promise<SyncSettings> {
  return (await readValid(kv, keys.syncSettings(), SyncSettingsSchema)).value ?? DEFAULT_SYNC_SETTINGS;
}
export async function saveSettings(kv: Deno.Kv, settings: SyncSettings): Promise<void> {
  await kv.set(keys.syncSettings(), settings);
}

export async function readRun(kv: Deno.Kv, id: string): Promise<SyncRun | null> {
  return (await readValid(kv, keys.syncRun(id), SyncRunSchema)).value;
}

/** A new run in the time index (its record is the job runner's). */
export async function indexRun(kv: Deno.Kv, run: SyncRun, settings: SyncSettings): Promise<void> {
  await kv.set(keys.syncRunAt(Date.parse(run.startedAt), run.id), run.id, { expireIn: retentionMs(settings) });
}

export async function listRuns(kv: Deno.Kv, limit: number): Promise<SyncRun[]> {
  const out: SyncRun[] = [];
  for await (const entry of kv.list({ prefix: keys.syncRunsAt() }, { reverse: true, limit: limit * 2 })) {
    if (typeof entry.value !== "string") continue;
    const run = await readRun(kv, entry.value);
    if (run) out.push(run);
    if (out.length >= limit) break;
  }
  return out;
}

export function addEntry(batch: Batch, entry: AuditEntry, settings: SyncSettings): void {
  const expireIn = retentionMs(settings);
  batch.set(keys.syncEntry(entry.runId, entry.seq), entry, { expireIn });
  batch.set(keys.syncUserEntry(entry.oktaId, Date.parse(entry.at), entry.runId, entry.seq), entry, { expireIn });
}

export interface EntryFilter {
  user?: string;
  property?: string;
  result?: string;
}

const matches = (e: AuditEntry, f: EntryFilter) =>
  (!f.user || e.oktaId === f.user || e.email.toLowerCase() === f.user.toLowerCase()) &&
  (!f.property || e.propertyUuid === f.property) &&
  (!f.result || e.result === f.result);

/** A run's entries in plan order, filtered, from `after` (a seq), at most `limit`. */
export async function listEntries(
  kv: Deno.Kv,
  runId: string,
  f: EntryFilter,
  after: number,
  limit: number,
): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const entries: AuditEntry[] = [];
  const iter = kv.list({ prefix: keys.syncEntries(runId), start: keys.syncEntry(runId, after + 1) });
  for await (const item of iter) {
    const e = v.parse(AuditEntrySchema, item.value);
    if (!matches(e, f)) continue;
    if (entries.length === limit) return { entries, next: entries[entries.length - 1].seq };
    entries.push(e);
  }
  return { entries, next: null };
}

export async function* allEntries(kv: Deno.Kv, runId: string): AsyncGenerator<AuditEntry> {
  for await (const item of kv.list({ prefix: keys.syncEntries(runId) })) yield v.parse(AuditEntrySchema, item.value);
}

/** What doorsync did to one person, newest first. */
export async function userHistory(kv: Deno.Kv, oktaId: string, limit: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const item of kv.list({ prefix: keys.syncUserEntries(oktaId) }, { reverse: true, limit })) {
    out.push(v.parse(AuditEntrySchema, item.value));
  }
  return out;
}

/** Drops a run's entries (a dry run's or an awaiting run's planned ones, replaced by a new plan). */
export async function deleteEntries(kv: Deno.Kv, runId: string, batch: Batch): Promise<void> {
  for await (const item of kv.list({ prefix: keys.syncEntries(runId) })) {
    const e = v.parse(AuditEntrySchema, item.value);
    batch.delete(keys.syncEntry(e.runId, e.seq));
    batch.delete(keys.syncUserEntry(e.oktaId, Date.parse(e.at), e.runId, e.seq));
  }
}

const BaselineSchema = v.object({ users: v.number(), groups: v.number(), memberships: v.number(), at: v.string() });
export async function readBaseline(kv: Deno.Kv): Promise<ReadCounts | null> {
  return (await readValid(kv, keys.syncBaseline(), BaselineSchema)).value;
}
export function saveBaseline(batch: Batch, counts: ReadCounts, at: string): void {
  batch.set(keys.syncBaseline(), { ...counts, at });
}

const RemovalsSchema = v.object({ byProperty: v.record(v.string(), v.number()), approved: v.boolean() });
/** Removals per property applied in the last 24 h by runs nobody approved. */
export async function readWindow(kv: Deno.Kv, nowMs: number): Promise<Record<string, number>> {
  const sum: Record<string, number> = {};
  for await (const item of kv.list({ start: keys.syncRemovals(nowMs - DAY_MS, ""), end: keys.syncRemovals(nowMs + 1, "") })) {
    const r = v.parse(RemovalsSchema, item.value);
    if (r.approved) continue;
    for (const [p, n] of Object.entries(r.byProperty)) sum[p] = (sum[p] ?? 0) + n;
  }
  return sum;
}
export function recordRemovals(batch: Batch, ms: number, runId: string, byProperty: Record<string, number>, approved: boolean): void {
  if (Object.keys(byProperty).length > 0) {
    batch.set(keys.syncRemovals(ms, runId), { byProperty, approved }, { expireIn: DAY_MS + 3600_000 });
  }
}

export const SchedulerStatusSchema = v.object({
  lastScheduledAt: v.nullable(v.string()),
  lastRunId: v.nullable(v.string()),
  lastRefusal: v.nullable(v.object({ at: v.string(), code: v.string(), message: v.string() })),
});
export type SchedulerStatus = v.InferOutput<typeof SchedulerStatusSchema>;
export async function readSchedulerStatus(kv: Deno.Kv): Promise<SchedulerStatus> {
  return (await readValid(kv, keys.syncStatus(), SchedulerStatusSchema)).value ??
    { lastScheduledAt: null, lastRunId: null, lastRefusal: null };
}
export async function updateSchedulerStatus(kv: Deno.Kv, patch: Partial<SchedulerStatus>): Promise<void> {
  for (;;) {
    const found = await readValid(kv, keys.syncStatus(), SchedulerStatusSchema);
    const next = { ...(found.value ?? { lastScheduledAt: null, lastRunId: null, lastRefusal: null }), ...patch };
    if ((await kv.atomic().check({ key: keys.syncStatus(), versionstamp: found.versionstamp }).set(keys.syncStatus(), next).commit()).ok) {
      return;
    }
  }
}

/** The whole ledger, by Okta id (a full run's), held compactly. */
export async function readLedger(kv: Deno.Kv): Promise<LedgerMap> {
  const out = new LedgerMap();
  for await (const item of kv.list({ prefix: keys.ledgerAll() })) out.set(v.parse(LedgerEntrySchema, item.value));
  return out;
}
export async function readLedgerEntries(kv: Deno.Kv, oktaIds: readonly string[]): Promise<LedgerMap> {
  const out = new LedgerMap();
  for (let i = 0; i < oktaIds.length; i += 10) {
    for (const item of await kv.getMany(oktaIds.slice(i, i + 10).map((id) => keys.ledger(id) as Deno.KvKey))) {
      if (item.versionstamp === null) continue;
      out.set(v.parse(LedgerEntrySchema, item.value));
    }
  }
  return out;
}
export function putLedger(batch: Batch, e: LedgerEntry): void {
  batch.set(keys.ledger(e.oktaId), e);
  batch.set(keys.ledgerByGenea(e.geneaUuid), e.oktaId);
}
/** `geneaUuid`: the entry's Genea user, whose reverse entry goes too (unless it was relinked to another). */
export function deleteLedger(batch: Batch, oktaId: string, geneaUuid?: string): void {
  batch.delete(keys.ledger(oktaId));
  if (geneaUuid) batch.delete(keys.ledgerByGenea(geneaUuid));
}

/** The Okta user the ledger links a Genea user to. */
export async function ledgerOwner(kv: Deno.Kv, geneaUuid: string): Promise<string | undefined> {
  const entry = await kv.get(keys.ledgerByGenea(geneaUuid));
  return typeof entry.value === "string" ? entry.value : undefined;
}

/**
 * The part of the ledger a partial run needs: the entries of `oktaIds`, and the entries of
 * whoever the ledger links `geneaUuids` to (a Genea user another Okta user holds is claimed).
 */
export async function readLedgerAbout(
  kv: Deno.Kv,
  oktaIds: readonly string[],
  geneaUuids: readonly string[],
): Promise<LedgerMap> {
  const owners: string[] = [];
  for (let i = 0; i < geneaUuids.length; i += 10) {
    for (const item of await kv.getMany(geneaUuids.slice(i, i + 10).map((u) => keys.ledgerByGenea(u) as Deno.KvKey))) {
      if (typeof item.value === "string") owners.push(item.value);
    }
  }
  return readLedgerEntries(kv, [...new Set([...oktaIds, ...owners])]);
}
