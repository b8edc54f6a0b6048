/**
 * Valibot schemas for what Genea sends back. Only the fields doorsync reads are required;
 * unknown fields are ignored so additions on Genea's side do not break the client.
 */
import * as v from "valibot";
import { MOBILE_KEY_STATUSES } from "../../shared/genea/model.ts";

const Uuid = v.pipe(v.string(), v.minLength(1, "must not be empty"));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Text = v.nullish(v.string(), null);

export const PaginationSchema = v.object({
  page: v.pipe(Count, v.minValue(1)),
  page_size: v.pipe(Count, v.minValue(1)),
  row_count: Count,
  page_count: Count,
  from: v.optional(Count),
  to: v.optional(Count),
});
export type Pagination = v.InferOutput<typeof PaginationSchema>;

export const EnvelopeSchema = v.object({
  meta: v.object({ message: v.optional(v.string()), pagination: v.optional(PaginationSchema) }),
  data: v.unknown(),
});
export type Envelope = v.InferOutput<typeof EnvelopeSchema>;

/** An error body: Genea's clients read meta.message first, then error.message. */
export const ErrorBodySchema = v.object({
  meta: v.optional(v.object({ message: v.optional(v.string()) })),
  error: v.optional(v.object({ code: v.optional(v.string()), message: v.optional(v.string()) })),
  message: v.optional(v.string()),
});

export const VerifySchema = v.object({ customer_uuid: Uuid, customer_name: v.optional(v.string()) });

export const WireLocationSchema = v.object({
  uuid: Uuid,
  name: v.string(),
  has_apple_wallet: v.optional(v.boolean(), false),
});

export const WireAccessGroupSchema = v.object({ uuid: Uuid, name: v.string(), location_uuid: Uuid });

export const WireRoleSchema = v.object({ uuid: Uuid, name: v.string() });

/** Normalised to the shared model: location and role uuids may come flat or nested. */
export const WireUserLocationSchema = v.pipe(
  v.object({
    uuid: Uuid,
    location_uuid: v.optional(Uuid),
    location: v.nullish(v.object({ uuid: Uuid })),
    role_detail: v.nullish(v.object({ uuid: Uuid })),
    role_uuid: v.optional(Uuid),
    access_group_uuids: v.array(Uuid),
  }),
  v.check((ul) => Boolean(ul.location_uuid ?? ul.location?.uuid), "has no location_uuid"),
  v.check((ul) => Boolean(ul.role_detail?.uuid ?? ul.role_uuid), "has no role uuid (role_detail.uuid)"),
  v.transform((ul) => ({
    uuid: ul.uuid,
    locationUuid: (ul.location_uuid ?? ul.location?.uuid)!,
    roleUuid: (ul.role_detail?.uuid ?? ul.role_uuid)!,
    accessGroupUuids: ul.access_group_uuids,
  })),
);
export type WireUserLocation = v.InferOutput<typeof WireUserLocationSchema>;

export const WireUserSchema = v.object({
  uuid: Uuid,
  name: v.string(),
  email: Text,
  mobile_phone: Text,
  department: Text,
  employee_number: Text,
  cost_center: Text,
  is_global_admin: v.optional(v.boolean(), false),
  allow_directory_sync: v.optional(v.boolean(), true),
  is_apple_wallet_enabled: v.optional(v.boolean(), false),
  deleted_at: Text,
  user_locations: v.optional(v.array(WireUserLocationSchema), []),
});
export type WireUser = v.InferOutput<typeof WireUserSchema>;

/** PENDING_ACTIVATION (seen in Genea's filters) means the same to doorsync as PENDING_DOWNLOAD. */
export const WireCardSchema = v.object({
  uuid: Uuid,
  type: v.string(),
  status: v.pipe(
    v.picklist([...MOBILE_KEY_STATUSES, "PENDING_ACTIVATION"]),
    v.transform((s) => (s === "PENDING_ACTIVATION" ? "PENDING_DOWNLOAD" : s)),
  ),
  user_uuid: Uuid,
});
export type WireCard = v.InferOutput<typeof WireCardSchema>;

export const WireUserLocationListSchema = v.array(WireUserLocationSchema);
