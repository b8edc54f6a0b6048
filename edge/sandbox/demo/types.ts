/**
 * What the demo organisation generator produces and the sandboxes are seeded with.
 * Okta records are wire-shaped (as GET /api/v1/users returns them, minus `_links`);
 * Genea records are the sandbox's own state rows.
 */
import type { OktaStatus } from "../../../shared/directory/model.ts";

export interface OktaUserRecord {
  id: string; // 00u… (20 chars)
  status: OktaStatus;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  type: { id: string };
  /** login, email (may be absent/null for ~1%), firstName, lastName, department, title, city, employeeNumber, costCenter, mobilePhone, … */
  profile: Record<string, string | null>;
}

export interface OktaGroupRecord {
  id: string; // 00g…
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  objectClass: string[];
  type: "OKTA_GROUP" | "APP_GROUP" | "BUILT_IN";
  profile: { name: string; description: string | null } & Record<string, string | null>;
  source?: { id: string };
}

export interface OktaAppRecord {
  id: string; // 0oa…
  name: string;
  label: string;
  /** user ids assigned directly, and group ids assigned */
  userIds: string[];
  groupIds: string[];
}

export interface OktaSeed {
  /** e.g. "demo.okta.com": the org the sandbox pretends to be (URLs use the real base URL) */
  orgName: string;
  users: OktaUserRecord[];
  groups: OktaGroupRecord[];
  /** group id → member user ids */
  memberships: Record<string, string[]>;
  apps: OktaAppRecord[];
  /** SSWS API tokens the sandbox accepts */
  apiTokens: string[];
  /** OAuth service apps: client id → public JWK used to verify client assertions, granted scopes */
  serviceApps: { clientId: string; publicJwk: JsonWebKey; kid: string; scopes: string[]; requireDpop: boolean }[];
}

export interface GeneaLocationRecord {
  uuid: string;
  id: number;
  name: string;
  address_line1: string;
  city: string;
  state: string;
  zip: string;
  timezone: string;
  has_apple_wallet: boolean;
}
export interface GeneaAccessGroupRecord {
  uuid: string;
  name: string;
  description: string;
  location_uuid: string;
}
export interface GeneaRoleRecord {
  uuid: string;
  name: string; // "User", "Admin", "Security", "Front Desk", "User Manager", custom…
  role_hierarchy: number;
}
export interface GeneaUserLocationRecord {
  uuid: string;
  location_uuid: string;
  role_uuid: string;
  access_group_uuids: string[];
}
export interface GeneaCardRecord {
  uuid: string;
  type: "MOBILE" | "KEYCARD";
  status: "PENDING_DOWNLOAD" | "ACTIVE" | "INACTIVE" | "EXPIRED";
  created_at: string;
}
export interface GeneaUserRecord {
  uuid: string;
  name: string;
  email: string | null;
  mobile_phone: string | null;
  department: string | null;
  employee_number: string | null;
  cost_center: string | null;
  scim_external_id: string | null;
  is_global_admin: boolean;
  allow_directory_sync: boolean;
  is_apple_wallet_enabled: boolean;
  deleted_at: string | null; // soft delete
  created_at: string;
  updated_at: string;
  user_locations: GeneaUserLocationRecord[];
  cards: GeneaCardRecord[];
}

export interface GeneaSeed {
  customer: { uuid: string; name: string };
  apiKeys: string[];
  locations: GeneaLocationRecord[];
  accessGroups: GeneaAccessGroupRecord[];
  roles: GeneaRoleRecord[];
  users: GeneaUserRecord[];
}

export interface DemoOrg {
  seed: number;
  okta: OktaSeed;
  genea: GeneaSeed;
}
