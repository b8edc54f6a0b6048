/**
 * The client's mutations, one Genea request each. Most answer `void`: the next readState
 * is the truth, and a user rebuilt from a partial answer (no mobile keys) would mislead.
 */
import * as v from "valibot";
import { ok } from "../../shared/result.ts";
import type { GeneaMobileKey, GeneaProfile, GeneaUser, GeneaUserLocation } from "../../shared/genea/model.ts";
import type { GeneaContext } from "./context.ts";
import { geneaError } from "./errors.ts";
import { profileBody, toMobileKey, toUser } from "./mapping.ts";
import { PATHS } from "./paths.ts";
import { findUserByEmail } from "./reads.ts";
import { WireCardSchema, WireUserLocationListSchema, WireUserSchema } from "./schemas.ts";
import type { GeneaResult } from "./transport.ts";

export interface UserLocationInput {
  locationUuid: string;
  roleUuid: string;
  accessGroupUuids: readonly string[];
}

export interface NewGeneaUser extends GeneaProfile {
  allowDirectorySync?: boolean;
  locations?: readonly UserLocationInput[];
}

export type ProfilePatch = Partial<GeneaProfile> & { allowDirectorySync?: boolean };

/** A mutation's answer: the user it changed, or nothing at all (204). */
const UserRef = v.nullable(v.object({ uuid: v.string() }));
const done = <T>(res: GeneaResult<T>): GeneaResult<void> => (res.ok ? ok(undefined) : res);

/** Sent as `role_uuid` (inferred); Genea's v1 docs show a role name in `role`. */
const locationBody = (l: UserLocationInput) => ({
  location_uuid: l.locationUuid,
  role_uuid: l.roleUuid,
  access_group_uuids: [...l.accessGroupUuids],
});

export function mutations(ctx: GeneaContext) {
  const { send, withCustomer } = ctx;
  return {
    /**
     * Creates a user. If a retried create comes back "email taken", the first try most
     * likely succeeded unseen: the user with that email is returned instead of a conflict.
     */
    createUser: (user: NewGeneaUser): Promise<GeneaResult<GeneaUser>> =>
      withCustomer(async (c) => {
        const body = {
          ...profileBody(user),
          allow_directory_sync: user.allowDirectorySync ?? true,
          user_locations: (user.locations ?? []).map(locationBody),
        };
        const res = await send("POST", PATHS.users(c), WireUserSchema, "created user", body);
        if (res.ok) return ok(toUser(res.value, []));
        if (res.error.code === "conflict" && Number(res.error.attempts) > 1 && user.email) {
          const existing = await findUserByEmail(ctx, c, user.email);
          if (existing.ok && existing.value && !existing.value.deleted_at) return ok(toUser(existing.value, []));
        }
        return res;
      }),

    updateProfile: (userUuid: string, patch: ProfilePatch): Promise<GeneaResult<void>> =>
      withCustomer(async (c) => {
        const sync = patch.allowDirectorySync === undefined ? {} : { allow_directory_sync: patch.allowDirectorySync };
        return done(await send("PUT", PATHS.user(c, userUuid), UserRef, "updated user", { ...profileBody(patch), ...sync }));
      }),

    addUserLocations: (userUuid: string, locations: readonly UserLocationInput[]): Promise<GeneaResult<GeneaUserLocation[]>> =>
      withCustomer((c) =>
        send("POST", PATHS.userLocations(c, userUuid), WireUserLocationListSchema, "new user locations", locations.map(locationBody))
      ),

    /** Replaces the role and access groups of the user's row at `location.locationUuid`. */
    updateUserLocation: (userUuid: string, location: UserLocationInput): Promise<GeneaResult<GeneaUserLocation>> =>
      withCustomer(async (c) => {
        const res = await send("PUT", PATHS.userLocations(c, userUuid), WireUserLocationListSchema, "updated user location", [
          locationBody(location),
        ]);
        if (!res.ok) return res;
        const row = res.value.find((ul) => ul.locationUuid === location.locationUuid);
        return row
          ? ok(row)
          : geneaError("invalid-response", `Genea's answer to the user_location update has no row for location ${location.locationUuid}`);
      }),

    removeUserLocation: async (userLocationUuid: string): Promise<GeneaResult<void>> =>
      done(await send("DELETE", PATHS.userLocation(userLocationUuid), v.unknown(), "removed user location")),

    /** A new key starts PENDING_DOWNLOAD: Genea emails the user the app. */
    issueMobileKey: (userUuid: string): Promise<GeneaResult<GeneaMobileKey>> =>
      withCustomer(async (c) => {
        // Not retried on a 5xx or a lost answer: a second POST could issue a second key.
        const body = { user_uuid: userUuid, is_passback_exempt: false, is_pin_exempt: false };
        const res = await send("POST", PATHS.mobileCard(c), WireCardSchema, "new mobile key", body, { idempotent: false });
        return res.ok ? ok(toMobileKey(res.value)) : res;
      }),

    revokeMobileKey: async (cardUuid: string): Promise<GeneaResult<void>> =>
      done(await send("DELETE", PATHS.card(cardUuid), v.unknown(), "revoked card")),

    /** Genea refuses enabling Wallet for a user at no Wallet location (rejected, 422). */
    setWallet: (userUuid: string, enabled: boolean): Promise<GeneaResult<void>> =>
      withCustomer(async (c) =>
        done(await send("PUT", PATHS.wallet(c, userUuid), UserRef, "updated user", { is_apple_wallet_enabled: enabled }))
      ),

    /** Genea's delete is soft: the user leaves every location and loses every key. */
    deactivateUser: (userUuid: string): Promise<GeneaResult<void>> =>
      withCustomer(async (c) => done(await send("DELETE", PATHS.user(c, userUuid), UserRef, "deleted user"))),

    /** Undoes a soft delete; locations and keys must be granted again. */
    reactivateUser: (userUuid: string): Promise<GeneaResult<void>> =>
      withCustomer(async (c) => done(await send("PUT", PATHS.restoreUser(c, userUuid), UserRef, "restored user"))),
  };
}
