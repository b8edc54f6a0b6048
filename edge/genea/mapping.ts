/** Genea's wire rows (snake_case) onto doorsync's shared Genea model. */
import {
  type GeneaAccessGroup,
  type GeneaLocation,
  type GeneaMobileKey,
  type GeneaProfile,
  type GeneaRole,
  type GeneaUser,
  PROFILE_FIELDS,
} from "../../shared/genea/model.ts";
import type * as v from "valibot";
import type { WireAccessGroupSchema, WireCard, WireLocationSchema, WireRoleSchema, WireUser } from "./schemas.ts";

export const toLocation = (l: v.InferOutput<typeof WireLocationSchema>): GeneaLocation => ({
  uuid: l.uuid,
  name: l.name,
  hasWallet: l.has_apple_wallet,
});

export const toAccessGroup = (g: v.InferOutput<typeof WireAccessGroupSchema>): GeneaAccessGroup => ({
  uuid: g.uuid,
  name: g.name,
  locationUuid: g.location_uuid,
});

export const toRole = (r: v.InferOutput<typeof WireRoleSchema>): GeneaRole => ({ uuid: r.uuid, name: r.name });

export const toMobileKey = (c: WireCard): GeneaMobileKey => ({ uuid: c.uuid, status: c.status });

export function toUser(u: WireUser, mobileKeys: GeneaMobileKey[]): GeneaUser {
  return {
    uuid: u.uuid,
    name: u.name,
    email: u.email,
    mobilePhone: u.mobile_phone,
    department: u.department,
    employeeNumber: u.employee_number,
    costCenter: u.cost_center,
    status: u.deleted_at ? "DEACTIVATED" : "ACTIVE",
    allowDirectorySync: u.allow_directory_sync,
    isGlobalAdmin: u.is_global_admin,
    walletEnabled: u.is_apple_wallet_enabled,
    locations: u.user_locations,
    mobileKeys,
  };
}

const WIRE_FIELDS = {
  name: "name",
  email: "email",
  mobilePhone: "mobile_phone",
  department: "department",
  employeeNumber: "employee_number",
  costCenter: "cost_center",
} as const satisfies Record<keyof GeneaProfile, string>;

/** A (partial) profile as Genea's snake_case body; absent fields stay absent. */
export function profileBody(profile: Partial<GeneaProfile>): Record<string, string | null> {
  const body: Record<string, string | null> = {};
  for (const field of PROFILE_FIELDS) {
    const value = profile[field];
    if (value !== undefined) body[WIRE_FIELDS[field]] = value;
  }
  return body;
}
