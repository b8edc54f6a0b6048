/**
 * User and user_location operations of the Genea sandbox, with Genea's rules: unique email
 * (case-insensitive, deleted users keep theirs), soft delete (locations removed, cards
 * revoked, Wallet off), roles and access groups validated per location, Wallet only for a
 * user placed at a location that has it.
 */
import { ok, type Result } from "../../../shared/result.ts";
import { geneaUserRecord } from "../demo/genea-user.ts";
import type { GeneaUserLocationRecord, GeneaUserRecord } from "../demo/types.ts";
import { checkPlacements, place } from "./placements.ts";
import { type Refusal, refuse } from "./refusal.ts";
import type { CreateUserInput, UpdateUserInput, UserLocationInput } from "./requests.ts";
import type { GeneaStore } from "./store.ts";

export function activeUser(store: GeneaStore, uuid: string): Result<GeneaUserRecord> {
  const user = store.users.get(uuid);
  if (!user) return refuse(404, "not_found", `User ${uuid} not found`);
  if (user.deleted_at) return refuse(409, "user_deleted", `User ${uuid} is deleted; restore it first`);
  return ok(user);
}

function emailTaken(store: GeneaStore, email: string | null | undefined, self?: string): Refusal | null {
  if (!email) return null;
  const owner = store.emails.get(email.toLowerCase());
  if (owner && owner !== self) {
    const deleted = store.users.get(owner)?.deleted_at ? " (a deleted user; restore it instead)" : "";
    return refuse(409, "email_taken", `A user with email ${email} already exists${deleted}`);
  }
  return null;
}

export function createUser(store: GeneaStore, input: CreateUserInput): Result<GeneaUserRecord> {
  const taken = emailTaken(store, input.email);
  if (taken) return taken;
  const rows = checkPlacements(store, input.user_locations ?? []);
  if (!rows.ok) return rows;
  const at = store.now().toISOString();
  const user = geneaUserRecord(
    {
      uuid: store.ids.uuid(),
      name: input.name,
      email: input.email ?? null,
      mobile_phone: input.mobile_phone ?? null,
      department: input.department ?? null,
      employee_number: input.employee_number ?? null,
      cost_center: input.cost_center ?? null,
      scim_external_id: input.scim_external_id ?? null,
      allow_directory_sync: input.allow_directory_sync ?? true,
    },
    at,
  );
  store.users.set(user.uuid, user);
  store.userList.push(user);
  if (user.email) store.emails.set(user.email.toLowerCase(), user.uuid);
  place(store, user, rows.value);
  return ok(user);
}

const hasWalletLocation = (store: GeneaStore, user: GeneaUserRecord) =>
  user.user_locations.some((ul) => store.locations.get(ul.location_uuid)?.has_apple_wallet);

export function updateUser(store: GeneaStore, uuid: string, input: UpdateUserInput): Result<GeneaUserRecord> {
  const found = activeUser(store, uuid);
  if (!found.ok) return found;
  const user = found.value;
  const taken = emailTaken(store, input.email, uuid);
  if (taken) return taken;
  if (input.is_apple_wallet_enabled && !hasWalletLocation(store, user)) {
    return refuse(422, "wallet_unavailable", `User ${uuid} has no location with Apple Wallet installed`);
  }
  if (input.email !== undefined && input.email !== user.email) {
    if (user.email) store.emails.delete(user.email.toLowerCase());
    if (input.email) store.emails.set(input.email.toLowerCase(), uuid);
  }
  if (input.name !== undefined) user.name = input.name;
  if (input.email !== undefined) user.email = input.email;
  if (input.mobile_phone !== undefined) user.mobile_phone = input.mobile_phone;
  if (input.department !== undefined) user.department = input.department;
  if (input.employee_number !== undefined) user.employee_number = input.employee_number;
  if (input.cost_center !== undefined) user.cost_center = input.cost_center;
  if (input.scim_external_id !== undefined) user.scim_external_id = input.scim_external_id;
  if (input.allow_directory_sync !== undefined) user.allow_directory_sync = input.allow_directory_sync;
  if (input.is_apple_wallet_enabled !== undefined) user.is_apple_wallet_enabled = input.is_apple_wallet_enabled;
  user.updated_at = store.now().toISOString();
  return ok(user);
}

export function deleteUser(store: GeneaStore, uuid: string): Result<GeneaUserRecord> {
  const found = activeUser(store, uuid);
  if (!found.ok) return found;
  const user = found.value;
  for (const ul of user.user_locations) store.userLocationOwners.delete(ul.uuid);
  for (const c of user.cards) store.cardOwners.delete(c.uuid);
  if (user.cards.length > 0) store.cardsChanged();
  user.user_locations = [];
  user.cards = [];
  user.is_apple_wallet_enabled = false;
  user.deleted_at = user.updated_at = store.now().toISOString();
  return ok(user);
}

export function restoreUser(store: GeneaStore, uuid: string): Result<GeneaUserRecord> {
  const user = store.users.get(uuid);
  if (!user) return refuse(404, "not_found", `User ${uuid} not found`);
  if (!user.deleted_at) return refuse(409, "user_not_deleted", `User ${uuid} is not deleted`);
  user.deleted_at = null;
  user.updated_at = store.now().toISOString();
  return ok(user);
}

export function addUserLocations(store: GeneaStore, uuid: string, inputs: UserLocationInput[]): Result<GeneaUserLocationRecord[]> {
  const found = activeUser(store, uuid);
  if (!found.ok) return found;
  const user = found.value;
  const rows = checkPlacements(store, inputs);
  if (!rows.ok) return rows;
  for (const row of rows.value) {
    if (user.user_locations.some((ul) => ul.location_uuid === row.location_uuid)) {
      return refuse(409, "conflict", `User ${uuid} already has a user_location at ${row.location_uuid}; use PUT to change it`);
    }
  }
  const created = place(store, user, rows.value);
  user.updated_at = store.now().toISOString();
  return ok(created);
}

export function updateUserLocations(store: GeneaStore, uuid: string, inputs: UserLocationInput[]): Result<GeneaUserLocationRecord[]> {
  const found = activeUser(store, uuid);
  if (!found.ok) return found;
  const user = found.value;
  const rows = checkPlacements(store, inputs);
  if (!rows.ok) return rows;
  const targets = rows.value.map((row) => ({ row, ul: user.user_locations.find((ul) => ul.location_uuid === row.location_uuid) }));
  const missing = targets.find((t) => !t.ul);
  if (missing) return refuse(404, "not_found", `User ${uuid} has no user_location at ${missing.row.location_uuid}`);
  for (const { row, ul } of targets) {
    ul!.role_uuid = row.role_uuid;
    ul!.access_group_uuids = row.access_group_uuids;
  }
  user.updated_at = store.now().toISOString();
  return ok(targets.map((t) => t.ul!));
}

/** Wallet stays a user preference when its location goes: Genea keeps the toggle. */
export function deleteUserLocation(store: GeneaStore, ulUuid: string): Result<GeneaUserLocationRecord> {
  const owner = store.userLocationOwners.get(ulUuid);
  const user = owner ? store.users.get(owner) : undefined;
  const index = user ? user.user_locations.findIndex((ul) => ul.uuid === ulUuid) : -1;
  if (!user || index < 0) return refuse(404, "not_found", `User location ${ulUuid} not found`);
  const [removed] = user.user_locations.splice(index, 1);
  store.userLocationOwners.delete(ulUuid);
  user.updated_at = store.now().toISOString();
  return ok(removed);
}
