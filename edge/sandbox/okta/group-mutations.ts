/** Group changes: create, profile update, delete, membership add/remove (OKTA_GROUP only). */
import type { OktaGroupRecord } from "../demo/types.ts";
import { fail, ok } from "../../../shared/result.ts";
import { newId } from "./ids.ts";
import { groupTarget, userTarget } from "./logs.ts";
import { type MutationContext, notFound } from "./mutation-context.ts";
import type { Mutations } from "./mutations.ts";
import { addMember, insertSorted, removeMember, removeSorted } from "./store.ts";

type GroupMutations = Pick<Mutations, "createGroup" | "updateGroup" | "deleteGroup" | "addMember" | "removeMember">;

export function groupMutations({ store, logs, stamp, touch }: MutationContext): GroupMutations {
  const okGroup = (groupId: string) => {
    const g = store.groups.get(groupId);
    if (!g) return notFound("UserGroup", groupId);
    if (g.type !== "OKTA_GROUP") {
      return fail("E0000001" as const, `Api validation failed: memberships of ${g.type} groups are managed outside Okta`);
    }
    return ok(g);
  };

  return {
    createGroup({ name, description = null, id }) {
      if (name.trim() === "") return fail("E0000001", "Api validation failed: name", { causes: ["name: must not be empty"] });
      if ([...store.groups.values()].some((g) => g.profile.name === name) || (id && store.groups.has(id))) {
        return fail("E0000001", "Api validation failed: name", {
          causes: ["name: An object with this field already exists in the current organization"],
        });
      }
      const t = stamp();
      const group: OktaGroupRecord = {
        id: id ?? newId("00g"),
        created: t,
        lastUpdated: t,
        lastMembershipUpdated: t,
        objectClass: ["okta:user_group"],
        type: "OKTA_GROUP",
        profile: { name, description },
      };
      store.groups.set(group.id, group);
      insertSorted(store.sortedGroups, group);
      store.members.set(group.id, new Set());
      touch();
      logs.append({ eventType: "group.lifecycle.create", displayMessage: "Create Okta group", target: [groupTarget(group)] });
      return ok(group);
    },

    updateGroup(id, profile) {
      const group = store.groups.get(id);
      if (!group) return notFound("UserGroup", id);
      if (group.type !== "OKTA_GROUP") return fail("E0000001", `Api validation failed: ${group.type} groups are read-only`);
      group.profile = { ...group.profile, ...profile };
      group.lastUpdated = stamp();
      touch();
      logs.append({ eventType: "group.profile.update", displayMessage: "Update group profile", target: [groupTarget(group)] });
      return ok(group);
    },

    deleteGroup(id) {
      const group = okGroup(id);
      if (!group.ok) return group;
      for (const userId of store.members.get(id) ?? []) store.userGroups.get(userId)?.delete(id);
      store.members.delete(id);
      store.groups.delete(id);
      removeSorted(store.sortedGroups, id);
      for (const app of store.apps.values()) app.groupIds = app.groupIds.filter((g) => g !== id);
      touch();
      logs.append({ eventType: "group.lifecycle.delete", displayMessage: "Delete Okta group", target: [groupTarget(group.value)] });
      return ok(null);
    },

    addMember(groupId, userId) {
      const group = okGroup(groupId);
      if (!group.ok) return group;
      const user = store.users.get(userId);
      if (!user) return notFound("User", userId);
      if (!addMember(store, groupId, userId)) return ok(false);
      group.value.lastMembershipUpdated = stamp();
      touch();
      logs.append({
        eventType: "group.user_membership.add",
        displayMessage: "Add user to group membership",
        target: [userTarget(user), groupTarget(group.value)],
      });
      return ok(true);
    },

    removeMember(groupId, userId) {
      const group = okGroup(groupId);
      if (!group.ok) return group;
      const user = store.users.get(userId);
      if (!user) return notFound("User", userId);
      if (!removeMember(store, groupId, userId)) return ok(false);
      group.value.lastMembershipUpdated = stamp();
      touch();
      logs.append({
        eventType: "group.user_membership.remove",
        displayMessage: "Remove user from group membership",
        target: [userTarget(user), groupTarget(group.value)],
      });
      return ok(true);
    },
  };
}
