/**
 * Every Genea API path the client uses, in one module, because several v2 paths are
 * inferred rather than documented (see /work/shared/reference/genea-api.md):
 * [C] confirmed from a public source, [I] inferred from the v1/Mercury docs by the
 * `/mercury/` → `/v2/` analogy (confirmed for doors), [G] a guess with no source at all.
 * When Genea's 2.0.0 docs confirm or contradict one, change it here only.
 */
export const GENEA_DEFAULT_BASE_URL = "https://api.sequr.io";

const seg = encodeURIComponent;
const customer = (c: string) => `/v2/customer/${seg(c)}`;

export const PATHS = {
  /** [C] POST, body `{ api_key }` → `data.customer_uuid` */
  verify: () => "/v2/api_key/verify",
  /** [C] GET, paged */
  locations: (c: string) => `${customer(c)}/location`,
  /** [I] GET, paged, optional `location_uuid` filter (Mercury: /mercury/customer/{c}/access_group) */
  accessGroups: (c: string) => `${customer(c)}/access_group`,
  /** [G] GET, paged: no role listing is documented; roles otherwise appear only in user_location.role_detail */
  roles: (c: string) => `${customer(c)}/role`,
  /** [I] GET paged (`user_email` filter), POST create (v1: /customer/{c}/user) */
  users: (c: string) => `${customer(c)}/user`,
  /** [I] GET / PUT / DELETE (soft delete) */
  user: (c: string, u: string) => `${customer(c)}/user/${seg(u)}`,
  /** [G] PUT: undo a soft delete (the UI can restore deleted users; no API documented) */
  restoreUser: (c: string, u: string) => `${customer(c)}/user/${seg(u)}/restore`,
  /** [I] POST add / PUT edit, array body (v1: /customer/{c}/user/{u}/user_location) */
  userLocations: (c: string, u: string) => `${customer(c)}/user/${seg(u)}/user_location`,
  /** [I] DELETE: remove a user from one location (v1: /user_location/{uuid}) */
  userLocation: (ul: string) => `/v2/user_location/${seg(ul)}`,
  /** [I] GET, paged, `card_type` filter (Mercury: /mercury/customer/{c}/card); [G] `user_uuid` filter */
  cards: (c: string) => `${customer(c)}/card`,
  /** [I] POST `{ user_uuid, … }` (Mercury: /mercury/customer/{c}/card/mobile) */
  mobileCard: (c: string) => `${customer(c)}/card/mobile`,
  /** [I] DELETE revokes permanently (Mercury: /mercury/card/{uuid}) */
  card: (uuid: string) => `/v2/card/${seg(uuid)}`,
  /** [G] Apple Wallet is a per-user preference toggle; sent as `is_apple_wallet_enabled` on PUT user */
  wallet: (c: string, u: string) => `${customer(c)}/user/${seg(u)}`,
} as const;

/** Page size the client asks for; Genea's docs and S4 use 100. */
export const PAGE_SIZE = 100;
