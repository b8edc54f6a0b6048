/**
 * The sync in words for admins: run states, phases, triggers and operation kinds, and one
 * sentence per run. Pure, so the views and the tests share the wording.
 */
import type {
  AuditEntry,
  KindCounts,
  OperationResult,
  SyncKind,
  SyncPhase,
  SyncState,
  SyncStatus,
  SyncTrigger,
} from "../../shared/api/sync.ts";
import type { OperationKind } from "../../shared/plan/operations.ts";
import type { SyncRunView } from "../../shared/api/sync-views.ts";

/** What publishing (or rolling back) does to Genea: nothing until a sync applies the published rules. */
export const SYNC_NOTE =
  "Genea does not change at once: the next sync, scheduled or started with Sync now on the Sync page, applies the published rules (the removal brake stops it first if it would remove many people).";

export const fmt = (n: number) => n.toLocaleString("en-US");
export const when = (iso: string) => new Date(iso).toLocaleString();
export const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

export const STATE_WORDS: Record<SyncState, string> = {
  running: "Running",
  "awaiting-approval": "Stopped by the brake: waiting for approval",
  done: "Finished",
  failed: "Failed",
  approved: "Approved",
  rejected: "Rejected",
};

export const PHASE_WORDS: Record<SyncPhase, string> = {
  "read-okta": "Reading Okta",
  "read-genea": "Reading Genea",
  plan: "Planning the changes",
  apply: "Applying changes to Genea",
  record: "Recording the results",
  finished: "Finished",
};

export const TRIGGER_WORDS: Record<SyncTrigger, string> = {
  cron: "Scheduled",
  manual: "Sync now",
  approval: "Approval",
  "on-demand": "Provisioning",
  event: "Okta event",
};

/** How much a run reads, when the trigger alone does not say it. */
const KIND_NOTE: Record<SyncKind, string> = {
  full: " (everyone)",
  incremental: " (changes since the last read)",
  people: "",
};

/** An operation kind as an action on a person. */
export const KIND_WORDS: Record<OperationKind, string> = {
  reactivateUser: "Reactivate the Genea user",
  createUser: "Create the Genea user",
  updateProfile: "Update name or email",
  addLocation: "Give access at a property",
  updateLocation: "Change role or access groups",
  removeLocation: "Remove access at a property",
  issueMobileKey: "Issue a mobile key",
  revokeMobileKey: "Revoke the mobile key",
  setWallet: "Turn the Apple Wallet pass on or off",
  deactivateUser: "Deactivate the Genea user",
};

export const RESULT_WORDS: Record<OperationResult, string> = {
  planned: "Planned (not done)",
  applied: "Done",
  adopted: "Done (already so in Genea)",
  failed: "Failed",
  skipped: "Skipped",
};

/** How a chart and a history row group the kinds. */
export const KIND_GROUPS = {
  additions: ["reactivateUser", "createUser", "addLocation", "issueMobileKey"],
  changes: ["updateProfile", "updateLocation", "setWallet"],
  removals: ["removeLocation", "revokeMobileKey", "deactivateUser"],
} as const satisfies Record<string, readonly OperationKind[]>;

export const total = (c: KindCounts) => Object.values(c).reduce((a, b) => a + b, 0);
export const groupTotal = (c: KindCounts, group: keyof typeof KIND_GROUPS) => KIND_GROUPS[group].reduce((n, k) => n + c[k], 0);

/** "Sync now by admin", "Scheduled (changes since the last read)", "Provisioning 2 people by admin", "Okta event for 1 person". */
export function triggerSentence(run: Pick<SyncRunView, "trigger" | "mode" | "kind" | "scope" | "requestedBy">): string {
  const people = run.scope ? plural(run.scope.length, "person", "people") : "";
  const what = run.trigger === "on-demand" && run.scope
    ? `Provisioning ${people}`
    : run.trigger === "event" && run.scope
    ? `Okta event for ${people}`
    : run.trigger === "cron"
    ? `${TRIGGER_WORDS.cron}${KIND_NOTE[run.kind]}`
    : TRIGGER_WORDS[run.trigger];
  const mode = run.mode === "dry-run" ? "Dry run" : what;
  return run.requestedBy ? `${mode} by ${run.requestedBy}` : mode;
}

/** How a run stands or ended and what it did, in one sentence (its state included). */
export function outcomeSentence(run: SyncRunView): string {
  if (run.state === "running") return `${PHASE_WORDS[run.phase]} (${run.percent}%)`;
  if (run.state === "failed") return `Failed: ${run.error ?? "no reason was given"}`;
  if (run.state === "awaiting-approval") {
    return "Stopped by the brake before writing anything: waiting for an admin to approve or reject it";
  }
  if (run.state === "rejected") return `Rejected by ${run.decidedBy ?? "an admin"}: nothing was written`;
  if (run.state === "approved") return `Approved by ${run.decidedBy ?? "an admin"}: carried out by a new run`;
  const planned = total(run.planned);
  if (run.mode === "dry-run") {
    return planned === 0
      ? "Dry run finished: nothing to change"
      : `Dry run finished: would make ${plural(planned, "change")} (nothing was written)`;
  }
  if (planned === 0) return "Finished: nothing to change, Genea already matched the rules";
  const failed = total(run.failed);
  return `Finished: made ${plural(total(run.applied), "change")}${
    failed ? `; ${fmt(failed)} failed and will be tried again by the next run` : ""
  }`;
}

/** The Okta event side of the status (hook deliveries and the System Log poll), in words. */
export function eventsSentence(e: SyncStatus["events"]): string {
  const parts = [
    e.lastError
      ? `reading Okta's System Log failed: ${e.lastError}`
      : e.lastPolledAt
      ? `System Log last read ${when(e.lastPolledAt)}`
      : "System Log not read yet",
  ];
  if (e.pendingHints > 0) parts.push(`${plural(e.pendingHints, "person", "people")} changed in Okta, waiting for their sync`);
  if (e.gaps > 0) {
    parts.push(`${plural(e.gaps, "change")} no event hook delivered (found in the log${e.lastGapAt ? `, last ${when(e.lastGapAt)}` : ""})`);
  }
  if (e.failedDeliveries > 0) {
    parts.push(
      `${plural(e.failedDeliveries, "event hook delivery", "event hook deliveries")} failed${
        e.lastFailedDeliveryAt ? ` (last ${when(e.lastFailedDeliveryAt)})` : ""
      }`,
    );
  }
  const text = parts.join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Change = Pick<AuditEntry, "kind" | "before" | "after" | "propertyName">;
const at = (e: Change) => e.propertyName ?? "a property";

/** Each operation kind's change in words, from its entry's before → after sentences. */
const CHANGE_WORDS: Record<OperationKind, (e: Change) => string> = {
  reactivateUser: () => "Reactivate the Genea user",
  createUser: (e) => `Create the Genea user: ${e.after ?? ""}`,
  updateProfile: (e) => `Update the profile: ${e.before ?? ""} → ${e.after ?? ""}`,
  addLocation: (e) => `Give access at ${at(e)}: ${e.after ?? ""}`,
  updateLocation: (e) => `Change access at ${at(e)}: ${e.before ?? ""} → ${e.after ?? ""}`,
  removeLocation: (e) => `Remove access at ${at(e)}`,
  issueMobileKey: () => "Issue a mobile key (pending download)",
  revokeMobileKey: () => "Revoke the mobile key",
  setWallet: (e) => (e.after === "Wallet on" ? "Turn the Apple Wallet pass on" : "Turn the Apple Wallet pass off"),
  deactivateUser: () => "Deactivate the Genea user",
};

/** One audit entry's change, for a person to read. */
export const changeWords = (e: Change): string => CHANGE_WORDS[e.kind](e);
