/**
 * The Genea side: the catalog rules refer to (locations, access groups, roles) and the
 * current assignment state a sync plans against. Field names are doorsync's own; the
 * Genea client maps the wire format (snake_case, envelopes) onto these.
 */
import * as v from "valibot";

export const GeneaLocationSchema = v.object({
  uuid: v.string(),
  name: v.string(),
  /** Apple Wallet is installed at this location: rules may enable Wallet passes here. */
  hasWallet: v.boolean(),
});
export type GeneaLocation = v.InferOutput<typeof GeneaLocationSchema>;

export const GeneaAccessGroupSchema = v.object({
  uuid: v.string(),
  name: v.string(),
  locationUuid: v.string(),
});
export type GeneaAccessGroup = v.InferOutput<typeof GeneaAccessGroupSchema>;

export const GeneaRoleSchema = v.object({
  uuid: v.string(),
  /** Display name such as "User" or "Admin". */
  name: v.string(),
});
export type GeneaRole = v.InferOutput<typeof GeneaRoleSchema>;

export const CatalogSchema = v.object({
  customerUuid: v.string(),
  locations: v.array(GeneaLocationSchema),
  accessGroups: v.array(GeneaAccessGroupSchema),
  roles: v.array(GeneaRoleSchema),
});
export type Catalog = v.InferOutput<typeof CatalogSchema>;

export const GeneaUserLocationSchema = v.object({
  uuid: v.string(),
  locationUuid: v.string(),
  roleUuid: v.string(),
  accessGroupUuids: v.array(v.string()),
});
export type GeneaUserLocation = v.InferOutput<typeof GeneaUserLocationSchema>;

export const MOBILE_KEY_STATUSES = ["PENDING_DOWNLOAD", "ACTIVE", "INACTIVE", "EXPIRED"] as const;
export const GeneaMobileKeySchema = v.object({
  uuid: v.string(),
  status: v.picklist(MOBILE_KEY_STATUSES),
});
export type GeneaMobileKey = v.InferOutput<typeof GeneaMobileKeySchema>;

/** Profile fields doorsync keeps in step with Okta. */
export const PROFILE_FIELDS = [
  "name",
  "email",
  "mobilePhone",
  "department",
  "employeeNumber",
  "costCenter",
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const GeneaProfileSchema = v.object({
  name: v.string(),
  email: v.nullable(v.string()),
  mobilePhone: v.nullable(v.string()),
  department: v.nullable(v.string()),
  employeeNumber: v.nullable(v.string()),
  costCenter: v.nullable(v.string()),
});
export type GeneaProfile = v.InferOutput<typeof GeneaProfileSchema>;

export const GeneaUserSchema = v.object({
  uuid: v.string(),
  ...GeneaProfileSchema.entries,
  status: v.picklist(["ACTIVE", "DEACTIVATED"]),
  /** false pins the user against directory sync: doorsync never touches them. */
  allowDirectorySync: v.boolean(),
  isGlobalAdmin: v.boolean(),
  walletEnabled: v.boolean(),
  locations: v.array(GeneaUserLocationSchema),
  mobileKeys: v.array(GeneaMobileKeySchema),
});
export type GeneaUser = v.InferOutput<typeof GeneaUserSchema>;

export const GeneaStateSchema = v.object({
  fetchedAt: v.string(),
  users: v.array(GeneaUserSchema),
});
export type GeneaState = v.InferOutput<typeof GeneaStateSchema>;
