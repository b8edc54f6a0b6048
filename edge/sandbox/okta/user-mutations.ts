/** User changes: create, profile updates, lifecycle transitions (table-driven), delete. */
import type { OktaUserRecord } from "../demo/types.ts";
import type { OktaStatus } from "../../../shared/directory/model.ts";
import { fail, ok } from "../../../shared/result.ts";
import { newId } from "./ids.ts";
import { userTarget } from "./logs.ts";
import { type MutationContext, notFound } from "./mutation-context.ts";
import type { Mutations } from "./mutations.ts";
import { insertSorted, removeMember, removeSorted } from "./store.ts";

export const LIFECYCLE = {
  activate: {
    from: ["STAGED", "PROVISIONED", "DEPROVISIONED"],
    to: "ACTIVE",
    event: "user.lifecycle.activate",
    message: "Activate Okta user",
  },
  reactivate: { from: ["PROVISIONED", "DEPROVISIONED"], to: "ACTIVE", event: "user.lifecycle.reactivate", message: "Reactivate Okta user" },
  deactivate: {
    from: ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED"],
    to: "DEPROVISIONED",
    event: "user.lifecycle.deactivate",
    message: "Deactivate Okta user",
  },
  suspend: { from: ["ACTIVE"], to: "SUSPENDED", event: "user.lifecycle.suspend", message: "Suspend Okta user" },
  unsuspend: { from: ["SUSPENDED"], to: "ACTIVE", event: "user.lifecycle.unsuspend", message: "Unsuspend Okta user" },
  lock: { from: ["ACTIVE"], to: "LOCKED_OUT", event: "user.account.lock", message: "Max sign in attempts exceeded" },
  unlock: { from: ["LOCKED_OUT"], to: "ACTIVE", event: "user.account.unlock", message: "Unlock user account" },
  expire_password: { from: ["ACTIVE"], to: "PASSWORD_EXPIRED", event: "user.account.expire_password", message: "Expire user password" },
} as const satisfies Record<string, { from: readonly OktaStatus[]; to: OktaStatus; event: string; message: string }>;
export type LifecycleAction = keyof typeof LIFECYCLE;

type UserMutations = Pick<Mutations, "createUser" | "updateProfile" | "lifecycle" | "deleteUser">;

const taken = () =>
  fail("E0000001" as const, "Api validation failed: login", {
    causes: ["login: An object with this field already exists in the current organization"],
  });

export function userMutations({ store, logs, stamp, touch, lagSearch }: MutationContext): UserMutations {
  const loginTaken = (login: string, self?: string) => {
    const owner = store.logins.get(login.toLowerCase());
    return owner !== undefined && owner !== self;
  };
  const loginInvalid = (login: unknown) =>
    typeof login !== "string" || login.length < 5
      ? fail("E0000001" as const, "Api validation failed: login", { causes: ["login: must be at least 5 characters"] })
      : undefined;

  return {
    createUser({ profile, activate = true, id }) {
      const bad = loginInvalid(profile.login);
      if (bad) return bad;
      const login = profile.login!;
      if (loginTaken(login) || (id && store.users.has(id))) {
        return taken();
      }
      const t = stamp();
      const user: OktaUserRecord = {
        id: id ?? newId("00u"),
        status: activate ? "ACTIVE" : "STAGED",
        created: t,
        activated: activate ? t : null,
        statusChanged: activate ? t : null,
        lastLogin: null,
        lastUpdated: t,
        passwordChanged: null,
        type: { id: "oty1sandboxdefault00" },
        profile: { firstName: null, lastName: null, email: null, mobilePhone: null, secondEmail: null, ...profile },
      };
      lagSearch(user.id, null);
      store.users.set(user.id, user);
      insertSorted(store.sortedUsers, user);
      store.userGroups.set(user.id, new Set());
      store.logins.set(login.toLowerCase(), user.id);
      touch();
      logs.append({ eventType: "user.lifecycle.create", displayMessage: "Create Okta user", target: [userTarget(user)] });
      if (activate) logs.append({ eventType: "user.lifecycle.activate", displayMessage: "Activate Okta user", target: [userTarget(user)] });
      return ok(user);
    },

    updateProfile(id, profile) {
      const user = store.users.get(id);
      if (!user) return notFound("User", id);
      if ("login" in profile) {
        const bad = loginInvalid(profile.login);
        if (bad) return bad;
        if (loginTaken(profile.login!, id)) return taken();
      }
      const from: Record<string, unknown> = {};
      const to: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(profile)) {
        if (user.profile[k] === v) continue;
        from[k] = user.profile[k] ?? null;
        to[k] = v;
      }
      if (Object.keys(to).length === 0) return ok(user);
      lagSearch(id, user);
      if (typeof to.login === "string") {
        store.logins.delete(String(user.profile.login).toLowerCase());
        store.logins.set(to.login.toLowerCase(), id);
      }
      user.profile = { ...user.profile, ...profile };
      user.lastUpdated = stamp();
      touch();
      if (user.status !== "DEPROVISIONED") {
        logs.append({
          eventType: "user.account.update_profile",
          displayMessage: "Update user profile for Okta",
          target: [{ ...userTarget(user), changeDetails: { from, to } }],
        });
      }
      return ok(user);
    },

    lifecycle(id, action) {
      const user = store.users.get(id);
      if (!user) return notFound("User", id);
      const step = LIFECYCLE[action];
      if (!(step.from as readonly string[]).includes(user.status)) {
        return fail("E0000038", `This operation is not allowed in the user's current status: ${action} from ${user.status}`);
      }
      lagSearch(id, user);
      const t = stamp();
      user.status = step.to;
      user.statusChanged = t;
      user.lastUpdated = t;
      if (step.to === "ACTIVE" && user.activated === null) user.activated = t;
      if (action === "deactivate") { for (const app of store.apps.values()) app.userIds = app.userIds.filter((u) => u !== id); }
      touch();
      logs.append({ eventType: step.event, displayMessage: step.message, target: [userTarget(user)] });
      return ok(user);
    },

    deleteUser(id) {
      const user = store.users.get(id);
      if (!user) return notFound("User", id);
      if (user.status !== "DEPROVISIONED") {
        return fail("E0000038", "This operation is not allowed in the user's current status: only DEPROVISIONED users can be deleted");
      }
      lagSearch(id, user);
      const t = stamp();
      for (const groupId of store.userGroups.get(id) ?? []) {
        removeMember(store, groupId, id);
        store.groups.get(groupId)!.lastMembershipUpdated = t;
      }
      for (const app of store.apps.values()) app.userIds = app.userIds.filter((u) => u !== id);
      store.users.delete(id);
      store.userGroups.delete(id);
      removeSorted(store.sortedUsers, id);
      store.logins.delete(String(user.profile.login).toLowerCase());
      touch();
      logs.append({ eventType: "user.lifecycle.delete.initiated", displayMessage: "Delete Okta user", target: [userTarget(user)] });
      return ok(null);
    },
  };
}
