/**
 * Request bodies the Genea sandbox accepts (snake_case, as Genea's API). Unknown fields are
 * ignored like a lenient real API; wrong types and missing fields are 422s naming the path.
 */
import * as v from "valibot";

const Text = v.pipe(v.string(), v.maxLength(255));
const OptionalText = v.optional(v.nullable(Text));
const Name = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(255));
const Email = v.pipe(v.string(), v.trim(), v.email("must be an email address"), v.maxLength(254));
const Uuid = v.pipe(v.string(), v.minLength(1, "must not be empty"), v.maxLength(64));

/** `role` is a role name (`USER`, `Front Desk`, `FRONT_DESK`…) or use `role_uuid`. */
export const UserLocationInputSchema = v.object({
  location_uuid: Uuid,
  role: v.optional(Text),
  role_uuid: v.optional(Uuid),
  access_group_uuids: v.optional(v.pipe(v.array(Uuid), v.maxLength(200)), []),
});
export type UserLocationInput = v.InferOutput<typeof UserLocationInputSchema>;
export const UserLocationListSchema = v.pipe(
  v.array(UserLocationInputSchema),
  v.minLength(1, "needs at least one user_location"),
  v.maxLength(200),
);

/** Optional profile fields both create and update take. */
const ProfileFields = {
  mobile_phone: OptionalText,
  department: OptionalText,
  employee_number: OptionalText,
  cost_center: OptionalText,
  scim_external_id: OptionalText,
  allow_directory_sync: v.optional(v.boolean()),
};

export const CreateUserSchema = v.object({
  name: Name,
  email: v.optional(v.nullable(Email), null),
  ...ProfileFields,
  user_locations: v.optional(v.pipe(v.array(UserLocationInputSchema), v.maxLength(200))),
});
export type CreateUserInput = v.InferOutput<typeof CreateUserSchema>;

export const UpdateUserSchema = v.object({
  name: v.optional(Name),
  email: v.optional(v.nullable(Email)),
  ...ProfileFields,
  is_sso_exempt: v.optional(v.boolean()),
  /** the Apple Wallet preference toggle (field name inferred) */
  is_apple_wallet_enabled: v.optional(v.boolean()),
});
export type UpdateUserInput = v.InferOutput<typeof UpdateUserSchema>;

export const CreateMobileCardSchema = v.object({
  user_uuid: Uuid,
  activation_time: v.optional(v.nullable(v.string())),
  deactivation_time: v.optional(v.nullable(v.string())),
  is_passback_exempt: v.optional(v.boolean()),
  is_pin_exempt: v.optional(v.boolean()),
});

export const VerifyKeySchema = v.object({ api_key: v.optional(v.string()) });

export const FaultsInputSchema = v.strictObject({
  seed: v.optional(v.pipe(v.number(), v.integer())),
  latencyMs: v.optional(v.union([v.pipe(v.number(), v.minValue(0)), v.tuple([v.number(), v.number()])])),
  errorRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  rateLimitRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  dropRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
});
