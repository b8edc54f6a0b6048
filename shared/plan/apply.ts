/**
 * applyPlan(): what Genea looks like after a plan's operations succeed. Pure: the input state
 * is not changed. Used by the simulator ("what Genea would look like") and to check that
 * planning again over the result yields nothing (idempotence).
 *
 * New records get deterministic placeholder uuids (`planned:…`); deactivating a user removes
 * all their user_locations, as Genea's DELETE user does.
 */
import type { GeneaState, GeneaUser } from "../genea/model.ts";
import type { Operation, Plan } from "./operations.ts";

export const plannedUserUuid = (oktaId: string): string => `planned:${oktaId}`;

export function applyPlan(state: GeneaState, plan: Pick<Plan, "operations">): GeneaState {
  const byUuid = new Map(state.users.map((u) => [u.uuid, u]));
  const touched = new Map<string, GeneaUser>();
  const created: GeneaUser[] = [];

  /** A private copy of the target user, made on first touch. */
  const target = (op: Operation): GeneaUser => {
    const uuid = op.user.geneaUuid ?? plannedUserUuid(op.user.oktaId);
    const copy = touched.get(uuid);
    if (copy) return copy;
    const original = byUuid.get(uuid);
    if (!original) throw new Error(`applyPlan(): ${op.kind} targets unknown Genea user ${uuid}`);
    const clone: GeneaUser = {
      ...original,
      locations: original.locations.map((l) => ({ ...l, accessGroupUuids: [...l.accessGroupUuids] })),
      mobileKeys: original.mobileKeys.map((k) => ({ ...k })),
    };
    touched.set(uuid, clone);
    return clone;
  };
  const userLocation = (u: GeneaUser, uuid: string) => {
    const ul = u.locations.find((l) => l.uuid === uuid);
    if (!ul) throw new Error(`applyPlan(): user ${u.uuid} has no user_location ${uuid}`);
    return ul;
  };

  /** `prefix:n` for the smallest n no existing uuid uses. */
  const fresh = (prefix: string, taken: readonly { uuid: string }[]): string => {
    for (let n = 0;; n++) if (!taken.some((t) => t.uuid === `${prefix}:${n}`)) return `${prefix}:${n}`;
  };

  for (const op of plan.operations) {
    if (op.kind === "createUser") {
      const uuid = plannedUserUuid(op.user.oktaId);
      if (byUuid.has(uuid) || touched.has(uuid)) throw new Error(`applyPlan(): ${uuid} is created twice`);
      const user: GeneaUser = {
        uuid,
        ...op.profile,
        status: "ACTIVE",
        allowDirectorySync: true,
        isGlobalAdmin: false,
        walletEnabled: false,
        locations: op.locations.map((l) => ({
          uuid: `${uuid}:${l.locationUuid}`,
          locationUuid: l.locationUuid,
          roleUuid: l.roleUuid,
          accessGroupUuids: [...l.accessGroupUuids],
        })),
        mobileKeys: [],
      };
      touched.set(uuid, user);
      created.push(user);
      continue;
    }
    const u = target(op);
    switch (op.kind) {
      case "reactivateUser":
        u.status = "ACTIVE";
        break;
      case "deactivateUser":
        u.status = "DEACTIVATED";
        u.locations = [];
        break;
      case "updateProfile":
        for (const c of op.changes) Object.assign(u, { [c.field]: c.to });
        break;
      case "addLocation":
        u.locations.push({
          uuid: fresh(`${u.uuid}:${op.locationUuid}`, u.locations),
          locationUuid: op.locationUuid,
          roleUuid: op.roleUuid,
          accessGroupUuids: [...op.accessGroupUuids],
        });
        break;
      case "updateLocation": {
        const ul = userLocation(u, op.userLocationUuid);
        ul.roleUuid = op.to.roleUuid;
        ul.accessGroupUuids = [...op.to.accessGroupUuids];
        break;
      }
      case "removeLocation":
        userLocation(u, op.userLocationUuid);
        u.locations = u.locations.filter((l) => l.uuid !== op.userLocationUuid);
        break;
      case "issueMobileKey":
        u.mobileKeys.push({ uuid: fresh(`${u.uuid}:key`, u.mobileKeys), status: "PENDING_DOWNLOAD" });
        break;
      case "revokeMobileKey":
        // Deleting a mobile key in Genea is permanent: it is gone, not inactive.
        u.mobileKeys = u.mobileKeys.filter((k) => k.uuid !== op.mobileKeyUuid);
        break;
      case "setWallet":
        u.walletEnabled = op.enabled;
        break;
    }
  }
  const users = state.users.map((u) => touched.get(u.uuid) ?? u);
  return { ...state, users: [...users, ...created] };
}
