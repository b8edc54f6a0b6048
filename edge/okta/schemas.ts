/**
 * What we rely on in Okta's answers. Unknown fields are ignored (Okta adds fields at will);
 * the fields we use are checked, so a surprising body fails the read instead of slipping
 * through half-understood.
 */
import * as v from "valibot";
import { OKTA_STATUSES } from "../../shared/directory/model.ts";

const Id = v.pipe(v.string(), v.minLength(1));
const Scalar = v.union([v.string(), v.number(), v.boolean()]);

/** Okta profile attribute types: string, number, integer, boolean, or arrays of those. */
export const WireProfileValueSchema = v.nullable(v.union([Scalar, v.array(v.nullable(Scalar))]));

/** ACTIVATING is a transient status Okta may report mid-activation. */
export const WireUserStatusSchema = v.picklist([...OKTA_STATUSES, "ACTIVATING"]);

export const WireUserSchema = v.object({
  id: Id,
  status: WireUserStatusSchema,
  lastUpdated: v.optional(v.string()),
  profile: v.record(v.string(), WireProfileValueSchema),
});
export type WireUser = v.InferOutput<typeof WireUserSchema>;

export const WireGroupSchema = v.object({
  id: Id,
  type: v.picklist(["OKTA_GROUP", "APP_GROUP", "BUILT_IN"]),
  lastUpdated: v.optional(v.string()),
  lastMembershipUpdated: v.optional(v.string()),
  profile: v.object({ name: v.string() }),
});
export type WireGroup = v.InferOutput<typeof WireGroupSchema>;

/** `/apps/{id}/users`: `id` is the Okta user id; `scope` USER (direct) or GROUP. */
export const WireAppUserSchema = v.object({ id: Id, scope: v.optional(v.string()) });
export type WireAppUser = v.InferOutput<typeof WireAppUserSchema>;

/** `/apps/{id}/groups`: `id` is the group id. */
export const WireAppGroupSchema = v.object({ id: Id });
export type WireAppGroup = v.InferOutput<typeof WireAppGroupSchema>;
