/**
 * The shapes of the edge's sync answers: the run and audit schemas (sync.ts) wrapped the way
 * each route answers. The route table names them as outputs; the browser validates with them.
 */
import * as v from "valibot";
import { AuditEntrySchema, SyncRunSchema } from "./sync.ts";
import { LedgerEntrySchema } from "../plan/index.ts";

/** A run record plus its progress in percent (what GET …/runs and …/runs/:id answer). */
export const SyncRunViewSchema = v.object({ ...SyncRunSchema.entries, percent: v.number() });
export type SyncRunView = v.InferOutput<typeof SyncRunViewSchema>;

export const StartedSchema = v.object({ run: SyncRunViewSchema, started: v.boolean() });
export const ApprovedSchema = v.object({ run: SyncRunViewSchema, next: SyncRunViewSchema });

export const EntryPageSchema = v.object({ entries: v.array(AuditEntrySchema), next: v.nullable(v.number()) });
export type EntryPage = v.InferOutput<typeof EntryPageSchema>;

export const PersonHistorySchema = v.object({
  oktaId: v.string(),
  ledger: v.nullable(LedgerEntrySchema),
  entries: v.array(AuditEntrySchema),
});
export type PersonHistory = v.InferOutput<typeof PersonHistorySchema>;

/** The audit filters GET …/runs/:id/operations understands (all optional). */
export interface EntryFilter {
  /** Okta user id or email */
  user?: string;
  /** a property's location uuid */
  property?: string;
  result?: v.InferOutput<typeof AuditEntrySchema>["result"];
}
