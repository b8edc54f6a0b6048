/**
 * The sync answers as the browser validates them (the schemas live with the route table in
 * shared/api/sync-views.ts), and the audit filters the browser asks with.
 */
import type * as v from "valibot";
import type { AuditEntrySchema } from "../../shared/api/sync.ts";

export {
  ApprovedSchema,
  type EntryPage,
  EntryPageSchema,
  type PersonHistory,
  PersonHistorySchema,
  StartedSchema,
  type SyncRunView,
  SyncRunViewSchema,
} from "../../shared/api/sync-views.ts";

/** The audit filters the edge understands (all optional). */
export interface EntryFilter {
  /** Okta user id or email */
  user?: string;
  /** a property's location uuid */
  property?: string;
  result?: v.InferOutput<typeof AuditEntrySchema>["result"];
}
