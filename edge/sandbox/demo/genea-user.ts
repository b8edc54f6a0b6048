/** A Genea user row with every optional field at its default: synced, not an admin, no places or keys. */
import type { GeneaUserRecord } from "./types.ts";

export function geneaUserRecord(
  fields: Partial<GeneaUserRecord> & Pick<GeneaUserRecord, "uuid" | "name" | "email">,
  at: string,
): GeneaUserRecord {
  return {
    mobile_phone: null,
    department: null,
    employee_number: null,
    cost_center: null,
    scim_external_id: null,
    is_global_admin: false,
    allow_directory_sync: true,
    is_apple_wallet_enabled: false,
    deleted_at: null,
    created_at: at,
    updated_at: at,
    user_locations: [],
    cards: [],
    ...fields,
  };
}
