/**
 * The Okta directory snapshot every rule is evaluated against: users (with the profile
 * fields rules can use), groups and memberships. Built by the edge from the Okta API,
 * cached by the browser in IndexedDB, and validated wherever it crosses a trust boundary.
 */
import * as v from "valibot";

/** Okta user statuses (ACTIVATING is transient and normalised away by the client). */
export const OKTA_STATUSES = [
  "STAGED",
  "PROVISIONED",
  "ACTIVE",
  "RECOVERY",
  "PASSWORD_EXPIRED",
  "LOCKED_OUT",
  "SUSPENDED",
  "DEPROVISIONED",
] as const;
export const OktaStatusSchema = v.picklist(OKTA_STATUSES);
export type OktaStatus = v.InferOutput<typeof OktaStatusSchema>;

/**
 * Profile values are normalised to strings (numbers and booleans are stringified) or
 * arrays of strings (Okta array attributes); null means "not set".
 */
export const ProfileValueSchema = v.nullable(v.union([v.string(), v.array(v.string())]));
export type ProfileValue = v.InferOutput<typeof ProfileValueSchema>;

export const DirectoryUserSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  status: OktaStatusSchema,
  /** Okta's primary email (`profile.email`), the key users are matched to Genea by. */
  email: v.nullable(v.string()),
  profile: v.record(v.string(), ProfileValueSchema),
  /** Ids of the Okta groups the user is a member of. */
  groupIds: v.array(v.string()),
  lastUpdated: v.optional(v.string()),
});
export type DirectoryUser = v.InferOutput<typeof DirectoryUserSchema>;

export const DirectoryGroupSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  name: v.string(),
  type: v.picklist(["OKTA_GROUP", "APP_GROUP", "BUILT_IN"]),
});
export type DirectoryGroup = v.InferOutput<typeof DirectoryGroupSchema>;

export const DirectorySchema = v.object({
  /** ISO time the snapshot was read from Okta. */
  fetchedAt: v.string(),
  users: v.array(DirectoryUserSchema),
  groups: v.array(DirectoryGroupSchema),
});
export type Directory = v.InferOutput<typeof DirectorySchema>;
