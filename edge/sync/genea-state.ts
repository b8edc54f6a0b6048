/**
 * What a Genea user looks like after one of doorsync's operations, from the operation and
 * Genea's answer (real uuids: a created user, a new user_location, a new key). Null means
 * "not known for sure" (the operation failed, was adopted or skipped something): the caller
 * forgets the cached user so the next run reads it. Pure.
 */
import type { GeneaUser } from "../../shared/genea/model.ts";
import type { Operation } from "../../shared/plan/index.ts";
import type { Outcome } from "./audit.ts";

export function geneaAfter(user: GeneaUser | null, op: Operation, o: Outcome): GeneaUser | null {
  if (o.result === "skipped") return user;
  if (o.result !== "applied") return null;
  if (op.kind === "createUser") return o.createdUser ?? null;
  if (!user) return null;
  const u: GeneaUser = {
    ...user,
    locations: user.locations.map((l) => ({ ...l, accessGroupUuids: [...l.accessGroupUuids] })),
    mobileKeys: [...user.mobileKeys],
  };
  switch (op.kind) {
    case "reactivateUser":
      return { ...u, status: "ACTIVE" };
    case "deactivateUser":
      return { ...u, status: "DEACTIVATED", locations: [], mobileKeys: [], walletEnabled: false };
    case "updateProfile":
      return Object.assign(u, Object.fromEntries(op.changes.map((c) => [c.field, c.to])));
    case "addLocation":
      return o.userLocation ? { ...u, locations: [...u.locations, o.userLocation] } : null;
    case "updateLocation":
      return {
        ...u,
        locations: u.locations.map((
          l,
        ) => (l.uuid === op.userLocationUuid ? { ...l, roleUuid: op.to.roleUuid, accessGroupUuids: [...op.to.accessGroupUuids] } : l)),
      };
    case "removeLocation":
      return { ...u, locations: u.locations.filter((l) => l.uuid !== op.userLocationUuid) };
    case "issueMobileKey":
      return o.mobileKeyUuid ? { ...u, mobileKeys: [...u.mobileKeys, { uuid: o.mobileKeyUuid, status: "PENDING_DOWNLOAD" }] } : null;
    case "revokeMobileKey":
      return { ...u, mobileKeys: u.mobileKeys.filter((k) => k.uuid !== op.mobileKeyUuid) };
    case "setWallet":
      return { ...u, walletEnabled: op.enabled };
  }
}
