/** The event hook record, its delivery log entries, chaos options and the eligible event types. */
export interface EventHook {
  id: string;
  name: string;
  status: "ACTIVE" | "INACTIVE";
  verificationStatus: "UNVERIFIED" | "VERIFIED";
  events: { type: "EVENT_TYPE"; items: string[] };
  channel: {
    type: "HTTP";
    version: "1.0.0";
    config: {
      uri: string;
      headers: { key: string; value: string }[];
      authScheme: { type: "HEADER"; key: string; value: string } | null;
      method: "POST";
    };
  };
  created: string;
  createdBy: string;
  lastUpdated: string;
}

export interface DeliveryAttempt {
  hookId: string;
  eventIds: string[];
  attempt: 1 | 2;
  outcome: number | "timeout" | "network-error";
}

export interface HookChaos {
  seed?: number;
  /** share (0–1) of envelopes sent twice (same eventId, as a real duplicate would be) */
  duplicateRate?: number;
  /** shuffle each hook's queued events before they are batched */
  reorder?: boolean;
}

/** Event types Okta will send to hooks (a subset of the System Log's). */
export const HOOK_ELIGIBLE = new Set([
  "user.lifecycle.create",
  "user.lifecycle.activate",
  "user.lifecycle.reactivate",
  "user.lifecycle.deactivate",
  "user.lifecycle.suspend",
  "user.lifecycle.unsuspend",
  "user.lifecycle.delete.initiated",
  "user.account.update_profile",
  "user.account.lock",
  "user.account.unlock",
  "user.account.update_password",
  "group.user_membership.add",
  "group.user_membership.remove",
  "group.profile.update",
  "group.lifecycle.create",
  "group.lifecycle.delete",
  "application.user_membership.add",
  "application.user_membership.remove",
  "application.user_membership.update",
  "group.application_assignment.add",
  "group.application_assignment.remove",
  "group.application_assignment.update",
]);
