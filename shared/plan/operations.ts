/**
 * The vocabulary of a plan: Genea operations doorsync would run, each naming its target user
 * and why. Each operation is exactly one Genea request. Operations are data (discriminated by `kind`) so the sync can execute them, the UI
 * can show them and the audit log can keep them, all from one value.
 */
import type { OktaStatus } from "../directory/model.ts";
import type { GeneaProfile, ProfileField } from "../genea/model.ts";
import type { AbsentStatus, LedgerLink } from "./ledger.ts";

/** Who an operation targets: the Genea uuid once the user exists, the Okta id and email always. */
export interface PlanUser {
  geneaUuid: string | null;
  oktaId: string;
  /** the Okta primary email, trimmed (original case) */
  email: string;
}

export type PlanReason =
  /** the winning rule at a property grants this */
  | { kind: "rule"; propertyUuid: string; ruleId: string }
  /** the Okta user is DEPROVISIONED or SUSPENDED (with settings.suspended = "deny") */
  | { kind: "status"; status: OktaStatus }
  /** a ledger user missing from a complete Okta read: deleted in Okta, or out of the app's scope */
  | { kind: "absent"; status: AbsentStatus }
  /** Okta profile values differ from Genea's */
  | { kind: "profile" }
  /** no enabled rule grants the user access at any property */
  | { kind: "unmatched" }
  /** at this property no rule grants access: `ruleId` is the winning exclude rule, null when none matched */
  | { kind: "not-granted"; propertyUuid: string; ruleId: string | null }
  /** the user is synced, but no assigned property's rule grants this feature (mobile key, Wallet) */
  | { kind: "feature-off" }
  /** the Genea user has more than one user_location at this property; doorsync keeps the first */
  | { kind: "duplicate-location"; propertyUuid: string };

export interface LocationGrant {
  locationUuid: string;
  roleUuid: string;
  /** sorted, without duplicates */
  accessGroupUuids: string[];
  ruleId: string;
}

/** What a user_location grants: the role and the access groups (sorted, without duplicates). */
export interface Placement {
  roleUuid: string;
  accessGroupUuids: string[];
}

export interface ProfileChange<F extends ProfileField = ProfileField> {
  field: F;
  from: GeneaProfile[F];
  to: GeneaProfile[F];
}

interface Base {
  user: PlanUser;
  reason: PlanReason;
}

export type Operation =
  | (Base & { kind: "reactivateUser" })
  | (Base & { kind: "createUser"; profile: GeneaProfile; locations: LocationGrant[] })
  | (Base & { kind: "updateProfile"; changes: ProfileChange[] })
  | (Base & { kind: "addLocation"; locationUuid: string; roleUuid: string; accessGroupUuids: string[] })
  /** role and/or access groups of an existing user_location: one Genea PUT */
  | (Base & { kind: "updateLocation"; locationUuid: string; userLocationUuid: string; from: Placement; to: Placement })
  | (Base & { kind: "removeLocation"; locationUuid: string; userLocationUuid: string })
  | (Base & { kind: "issueMobileKey" })
  | (Base & { kind: "revokeMobileKey"; mobileKeyUuid: string })
  | (Base & { kind: "setWallet"; enabled: boolean })
  | (Base & { kind: "deactivateUser" });

export type OperationKind = Operation["kind"];
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>;

/** The fixed order of operations for one user: reactivate first, deactivate last. */
export const OPERATION_ORDER: readonly OperationKind[] = [
  "reactivateUser",
  "createUser",
  "updateProfile",
  "addLocation",
  "updateLocation",
  "removeLocation",
  "issueMobileKey",
  "revokeMobileKey",
  "setWallet",
  "deactivateUser",
];

/** Why an Okta user gets no access from this plan (their removals, if any, are still operations). */
export type SkippedReason =
  | "no-email"
  | "deprovisioned"
  | "suspended"
  /** no enabled rule grants access at any property */
  | "unmatched"
  /** another Okta user has the same primary email, or several Genea users do: ambiguous, untouched */
  | "duplicate-email"
  /** the matching Genea user is a global admin or pinned against directory sync */
  | "unmanaged-in-genea"
  /** a DEPROVISIONED user whose deactivated Genea user passed to a re-hire with the same email */
  | "relinked";

export interface SkippedUser {
  oktaId: string;
  email: string | null;
  reason: SkippedReason;
}

export type UnmanagedReason = "global-admin" | "sync-disabled" | "no-okta-user" | "duplicate-email";

/** A Genea user doorsync will not touch. */
export interface UnmanagedUser {
  geneaUuid: string;
  email: string | null;
  name: string;
  reason: UnmanagedReason;
  /** the Okta user with the same email, when there is one */
  oktaId: string | null;
}

export interface Plan {
  operations: Operation[];
  skipped: SkippedUser[];
  unmanaged: UnmanagedUser[];
  /** identity links (by email, or a re-hire's relink) for the sync to record in the ledger */
  links: LedgerLink[];
  /** properties in the rule set but not in the Genea catalog: left alone */
  ignoredProperties: string[];
}
