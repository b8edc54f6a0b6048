/**
 * Directory changes (the /sandbox routes and tests call these). Each keeps Okta's data rules
 * and writes a LogEvent:
 * - status changes set `statusChanged` and `lastUpdated`; profile changes bump `lastUpdated`;
 * - membership changes bump the group's `lastMembershipUpdated`, never the user's `lastUpdated`;
 * - deactivation removes direct app assignments; only DEPROVISIONED users can be deleted;
 * - profile edits of DEPROVISIONED users are allowed but log nothing (Okta's known gap).
 */
import type { OktaGroupRecord, OktaUserRecord } from "../demo/types.ts";
import type { Result } from "../../../shared/result.ts";
import type { OktaErrorCode } from "./errors.ts";
import { groupMutations } from "./group-mutations.ts";
import { isoSeconds } from "./ids.ts";
import type { LogStore } from "./logs.ts";
import type { MutationContext } from "./mutation-context.ts";
import type { OktaStore } from "./store.ts";
import { type LifecycleAction, userMutations } from "./user-mutations.ts";

export { LIFECYCLE, type LifecycleAction } from "./user-mutations.ts";

export type MutationResult<T> = Result<T, OktaErrorCode>;
export type Profile = Record<string, string | null>;

export interface Mutations {
  createUser(input: { profile: Profile; activate?: boolean; id?: string }): MutationResult<OktaUserRecord>;
  updateProfile(id: string, profile: Profile): MutationResult<OktaUserRecord>;
  lifecycle(id: string, action: LifecycleAction): MutationResult<OktaUserRecord>;
  deleteUser(id: string): MutationResult<null>;
  createGroup(input: { name: string; description?: string | null; id?: string }): MutationResult<OktaGroupRecord>;
  updateGroup(id: string, profile: { name?: string; description?: string | null }): MutationResult<OktaGroupRecord>;
  deleteGroup(id: string): MutationResult<null>;
  addMember(groupId: string, userId: string): MutationResult<boolean>;
  removeMember(groupId: string, userId: string): MutationResult<boolean>;
}

export function createMutations(store: OktaStore, logs: LogStore, now: () => number, searchLagMs: number): Mutations {
  const ctx: MutationContext = {
    store,
    logs,
    now,
    stamp: () => isoSeconds(now()),
    touch: () => {
      store.version++;
    },
    lagSearch: (id, before) => {
      if (searchLagMs > 0) store.searchLag.push({ at: now() + searchLagMs, id, before: before && structuredClone(before) });
    },
  };
  return { ...userMutations(ctx), ...groupMutations(ctx) };
}
