/** Genea's wire rows (snake_case) onto doorsync's shared Genea model. */
import {
  type GeneaAccessGroup,
  type GeneaLocation,
  type GeneaMobileKey,
  type GeneaProfile,
  type GeneaRole,
  type GeneaUser,
  type GeneaUserLocation,
  PROFILE_FIELDS,
} from "../../shared/genea/model.ts";
import { createInterners, createListInterner } from "../intern.ts";
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

/** How mapUser keeps the values users share: as read (one user), or once per read (createUserMapper). */
interface Shared {
  text(field: "department" | "costCenter", value: string | null): string | null;
  location(l: GeneaUserLocation): GeneaUserLocation;
}
const AS_READ: Shared = { text: (_, value) => value, location: (l) => l };

export const toUser = (u: WireUser, mobileKeys: GeneaMobileKey[]): GeneaUser => mapUser(u, mobileKeys, AS_READ);

/**
 * toUser for a whole read: the values many users share (location, role, access-group lists,
 * department, cost center) are kept once, not once per user: a populated 500,000-user Genea
 * would otherwise hold each location uuid hundreds of thousands of times.
 */
export function createUserMapper(): (u: WireUser, mobileKeys: GeneaMobileKey[]) => GeneaUser {
  const interners = createInterners();
  const lists = createListInterner();
  const shared: Shared = {
    text: (field, value) => (value === null ? null : interners(field)(value)),
    location: (l) => ({
      uuid: l.uuid,
      locationUuid: interners("locationUuid")(l.locationUuid),
      roleUuid: interners("roleUuid")(l.roleUuid),
      accessGroupUuids: lists(l.accessGroupUuids),
    }),
  };
  return (u, mobileKeys) => mapUser(u, mobileKeys, shared);
}

function mapUser(u: WireUser, mobileKeys: GeneaMobileKey[], shared: Shared): GeneaUser {
  return {
    uuid: u.uuid,
    name: u.name,
    email: u.email,
    mobilePhone: u.mobile_phone,
    department: shared.text("department", u.department),
    employeeNumber: u.employee_number,
    costCenter: shared.text("costCenter", u.cost_center),
    status: u.deleted_at ? "DEACTIVATED" : "ACTIVE",
    allowDirectorySync: u.allow_directory_sync,
    isGlobalAdmin: u.is_global_admin,
    walletEnabled: u.is_apple_wallet_enabled,
    locations: u.user_locations.map(shared.location),
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
