/**
 * How the Genea sandbox renders its rows on the wire, following the shapes in the reference
 * notes: user_locations carry `role` (name), `role_detail` and a `location` stub; cards
 * carry their owner's uuid. The Genea client's schemas mirror these.
 */
import type { GeneaCardRecord, GeneaUserLocationRecord, GeneaUserRecord } from "../demo/types.ts";
import type { GeneaStore } from "./store.ts";

export function wireUserLocation(store: GeneaStore, ul: GeneaUserLocationRecord) {
  const role = store.roles.get(ul.role_uuid);
  const location = store.locations.get(ul.location_uuid);
  return {
    uuid: ul.uuid,
    location_uuid: ul.location_uuid,
    role: role?.name ?? null,
    role_detail: role ? { uuid: role.uuid, name: role.name, role_hierarchy: role.role_hierarchy } : null,
    status: "ACTIVE",
    access_group_uuids: ul.access_group_uuids,
    location: location ? { id: location.id, uuid: location.uuid, name: location.name } : null,
  };
}

export function wireUser(store: GeneaStore, u: GeneaUserRecord) {
  return {
    uuid: u.uuid,
    customer_uuid: store.customer.uuid,
    name: u.name,
    email: u.email,
    mobile_phone: u.mobile_phone,
    department: u.department,
    employee_number: u.employee_number,
    cost_center: u.cost_center,
    scim_external_id: u.scim_external_id,
    is_global_admin: u.is_global_admin,
    allow_directory_sync: u.allow_directory_sync,
    is_apple_wallet_enabled: u.is_apple_wallet_enabled,
    status: u.deleted_at ? "DELETED" : "ACTIVE",
    deleted_at: u.deleted_at,
    created_at: u.created_at,
    updated_at: u.updated_at,
    user_locations: u.user_locations.map((ul) => wireUserLocation(store, ul)),
  };
}

export function wireCard(card: GeneaCardRecord, userUuid: string) {
  return {
    uuid: card.uuid,
    type: card.type,
    status: card.status,
    user_uuid: userUuid,
    card_number: null,
    start_date: card.created_at,
    end_date: null,
    created_at: card.created_at,
  };
}
