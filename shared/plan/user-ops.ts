/**
 * The operations for one matched user: create, bring an existing user in line with what the
 * rules grant, or take away all access doorsync manages.
 */
import type { GeneaProfile, GeneaUser, GeneaUserLocation } from "../genea/model.ts";
import { type Coverage, type Desired, excludingRuleId, grantAt } from "./desired.ts";
import type { Match } from "./match.ts";
import type { Operation, PlanReason, PlanUser } from "./operations.ts";
import { profileChanges } from "./profile.ts";

// Reasons that name nothing: one object for every operation they explain.
const PROFILE: PlanReason = Object.freeze({ kind: "profile" });
const FEATURE_OFF: PlanReason = Object.freeze({ kind: "feature-off" });

/** Mobile keys that open doors (or will, once downloaded). */
const LIVE_KEY = new Set(["ACTIVE", "PENDING_DOWNLOAD"]);

export function createUser(user: PlanUser, desired: Desired, profile: GeneaProfile): Operation[] {
  const ops: Operation[] = [
    {
      kind: "createUser",
      user,
      reason: desired.grants[0].reason,
      profile,
      locations: desired.grants.map((g) => g.location),
    },
  ];
  if (desired.mobileKey) ops.push({ kind: "issueMobileKey", user, reason: desired.mobileKey.reason });
  if (desired.wallet) ops.push({ kind: "setWallet", user, reason: desired.wallet.reason, enabled: true });
  return ops;
}

/** The covered user_locations of a Genea user: the first per property, and the extra ones. */
function coveredLocations(g: GeneaUser, cov: Coverage): { first: Map<string, GeneaUserLocation>; extra: GeneaUserLocation[] } {
  const first = new Map<string, GeneaUserLocation>();
  const extra: GeneaUserLocation[] = [];
  for (const ul of g.locations) {
    if (!cov.covered.has(ul.locationUuid)) continue;
    if (first.has(ul.locationUuid)) extra.push(ul);
    else first.set(ul.locationUuid, ul);
  }
  return { first, extra };
}

const sameSet = (a: readonly string[], sortedUnique: readonly string[]): boolean => {
  const set = new Set(a);
  return set.size === sortedUnique.length && sortedUnique.every((x) => set.has(x));
};

export function updateUser(m: Match, g: GeneaUser, user: PlanUser, cov: Coverage, desired: Desired, profile: GeneaProfile): Operation[] {
  const ops: Operation[] = [];
  if (g.status === "DEACTIVATED") ops.push({ kind: "reactivateUser", user, reason: desired.grants[0].reason });
  const changes = profileChanges(g, profile);
  if (changes.length > 0) ops.push({ kind: "updateProfile", user, reason: PROFILE, changes });

  const { first, extra } = coveredLocations(g, cov);
  for (const ul of extra) {
    const reason: PlanReason = { kind: "duplicate-location", propertyUuid: ul.locationUuid };
    ops.push({ kind: "removeLocation", user, reason, locationUuid: ul.locationUuid, userLocationUuid: ul.uuid });
  }
  for (const table of cov.tables) {
    const grant = grantAt(table, m.index);
    const ul = first.get(table.propertyUuid);
    const locationUuid = table.propertyUuid;
    if (grant && !ul) {
      const { roleUuid } = grant.location;
      const accessGroupUuids = [...grant.location.accessGroupUuids];
      ops.push({ kind: "addLocation", user, reason: grant.reason, locationUuid, roleUuid, accessGroupUuids });
    } else if (grant && ul) {
      if (ul.roleUuid !== grant.location.roleUuid || !sameSet(ul.accessGroupUuids, grant.location.accessGroupUuids)) {
        // copies: operations are values, independent of the state and the rule tables
        ops.push({
          kind: "updateLocation",
          user,
          reason: grant.reason,
          locationUuid,
          userLocationUuid: ul.uuid,
          from: { roleUuid: ul.roleUuid, accessGroupUuids: [...ul.accessGroupUuids] },
          to: { roleUuid: grant.location.roleUuid, accessGroupUuids: [...grant.location.accessGroupUuids] },
        });
      }
    } else if (ul) {
      const reason: PlanReason = { kind: "not-granted", propertyUuid: locationUuid, ruleId: excludingRuleId(table, m.index) };
      ops.push({ kind: "removeLocation", user, reason, locationUuid, userLocationUuid: ul.uuid });
    }
  }
  ops.push(
    ...features(g, user, desired.mobileKey?.reason ?? null, desired.wallet?.reason ?? null),
  );
  return ops;
}

/** Mobile key and Wallet ops: `key`/`wallet` are the reasons to want them, null for "not wanted". */
function features(
  g: GeneaUser,
  user: PlanUser,
  key: PlanReason | null,
  wallet: PlanReason | null,
  off: PlanReason = FEATURE_OFF,
): Operation[] {
  const ops: Operation[] = [];
  const live = g.mobileKeys.filter((k) => LIVE_KEY.has(k.status));
  if (key && live.length === 0) ops.push({ kind: "issueMobileKey", user, reason: key });
  if (!key) { for (const k of live) ops.push({ kind: "revokeMobileKey", user, reason: off, mobileKeyUuid: k.uuid }); }
  if (Boolean(wallet) !== g.walletEnabled) {
    ops.push({ kind: "setWallet", user, reason: wallet ?? off, enabled: Boolean(wallet) });
  }
  return ops;
}

/**
 * Take all door access doorsync manages away from a Genea user (no-op for users that do not
 * exist or are already deactivated); `deactivate` also deactivates them. `granted` adds the
 * locations doorsync granted that the rule set no longer covers (a ledger user's).
 */
export function revokeAll(
  g: GeneaUser | null,
  user: PlanUser,
  cov: Coverage,
  reason: PlanReason,
  deactivate: boolean,
  granted: readonly string[] = [],
): Operation[] {
  if (!g || g.status === "DEACTIVATED") return [];
  const ops: Operation[] = [];
  const { first, extra } = coveredLocations(g, cov);
  const also = new Set(granted.filter((l) => !cov.covered.has(l)));
  for (const ul of [...first.values(), ...extra, ...g.locations.filter((l) => also.has(l.locationUuid))]) {
    ops.push({ kind: "removeLocation", user, reason, locationUuid: ul.locationUuid, userLocationUuid: ul.uuid });
  }
  ops.push(...features(g, user, null, null, reason));
  if (deactivate) ops.push({ kind: "deactivateUser", user, reason });
  return ops;
}
