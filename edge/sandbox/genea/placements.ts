/**
 * Checks user_location inputs the way Genea does: the location exists, the role is known
 * (by uuid, or by name such as `USER` / `FRONT_DESK` / `Front Desk`), and every access group
 * belongs to that same location.
 */
import { ok, type Result } from "../../../shared/result.ts";
import type { GeneaUserLocationRecord, GeneaUserRecord } from "../demo/types.ts";
import type { UserLocationInput } from "./requests.ts";
import type { GeneaStore } from "./store.ts";
import { refuse } from "./refusal.ts";

const roleKey = (name: string) => name.trim().toLowerCase().replace(/[_\s]+/g, " ");

function resolveRole(store: GeneaStore, input: UserLocationInput): Result<string> {
  if (input.role_uuid !== undefined) {
    return store.roles.has(input.role_uuid) ? ok(input.role_uuid) : refuse(422, "validation_error", `Unknown role_uuid ${input.role_uuid}`);
  }
  if (input.role === undefined) return refuse(422, "validation_error", "user_location needs a role or role_uuid");
  for (const role of store.roles.values()) if (roleKey(role.name) === roleKey(input.role)) return ok(role.uuid);
  return refuse(422, "validation_error", `Unknown role "${input.role}"`);
}

/** Checks one user_location input; returns the row it describes (without uuid). */
function checkPlacement(store: GeneaStore, input: UserLocationInput): Result<Omit<GeneaUserLocationRecord, "uuid">> {
  if (!store.locations.has(input.location_uuid)) return refuse(422, "validation_error", `Unknown location_uuid ${input.location_uuid}`);
  const role = resolveRole(store, input);
  if (!role.ok) return role;
  const groups = [...new Set(input.access_group_uuids)];
  for (const g of groups) {
    const group = store.accessGroups.get(g);
    if (!group) return refuse(422, "validation_error", `Unknown access group ${g}`);
    if (group.location_uuid !== input.location_uuid) {
      return refuse(422, "validation_error", `Access group ${g} (${group.name}) belongs to another location than ${input.location_uuid}`);
    }
  }
  return ok({ location_uuid: input.location_uuid, role_uuid: role.value, access_group_uuids: groups });
}

export function checkPlacements(store: GeneaStore, inputs: readonly UserLocationInput[]): Result<Omit<GeneaUserLocationRecord, "uuid">[]> {
  const rows: Omit<GeneaUserLocationRecord, "uuid">[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if (seen.has(input.location_uuid)) return refuse(422, "validation_error", `Location ${input.location_uuid} is listed twice`);
    seen.add(input.location_uuid);
    const row = checkPlacement(store, input);
    if (!row.ok) return row;
    rows.push(row.value);
  }
  return ok(rows);
}

export function place(store: GeneaStore, user: GeneaUserRecord, rows: Omit<GeneaUserLocationRecord, "uuid">[]): GeneaUserLocationRecord[] {
  const created = rows.map((row) => ({ uuid: store.ids.uuid(), ...row }));
  for (const ul of created) store.userLocationOwners.set(ul.uuid, user.uuid);
  user.user_locations.push(...created);
  return created;
}
