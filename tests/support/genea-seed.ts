/**
 * Small GeneaSeed builders for tests: a customer with two locations (HQ has Apple Wallet),
 * access groups per location, the five built-in roles, an API key, and as many users as a
 * test needs. Uuids are deterministic and readable (`loc-hq`, `user-0042`).
 */
import { geneaUserRecord } from "../../edge/sandbox/demo/genea-user.ts";
import type { GeneaSeed, GeneaUserRecord } from "../../edge/sandbox/demo/types.ts";

export const TEST_KEY = "gk_test_0123456789abcdef1a2b";
export const CUSTOMER = "cust-0001";
export const HQ = "loc-hq";
export const BRANCH = "loc-branch";
export const ROLE = { admin: "role-admin", user: "role-user", frontDesk: "role-front-desk" } as const;
export const GROUP = { hqLobby: "ag-hq-lobby", hqServer: "ag-hq-server", branchLobby: "ag-branch-lobby" } as const;
const AT = "2024-01-31T18:25:03.000Z";

export function geneaUser(n: number, overrides: Partial<GeneaUserRecord> = {}): GeneaUserRecord {
  const id = String(n).padStart(4, "0");
  return geneaUserRecord({ uuid: `user-${id}`, name: `User ${id}`, email: `user${id}@example.com`, ...overrides }, AT);
}

export function geneaSeed({ users = 0, extra = [] }: { users?: number; extra?: GeneaUserRecord[] } = {}): GeneaSeed {
  const location = (uuid: string, id: number, name: string, wallet: boolean) => ({
    uuid,
    id,
    name,
    address_line1: "1 Test Street",
    city: name,
    state: "CA",
    zip: "94105",
    timezone: "America/Los_Angeles",
    has_apple_wallet: wallet,
  });
  return {
    customer: { uuid: CUSTOMER, name: "Test Customer" },
    apiKeys: [TEST_KEY],
    locations: [location(HQ, 1, "HQ", true), location(BRANCH, 2, "Branch", false)],
    accessGroups: [
      { uuid: GROUP.hqLobby, name: "Lobby", description: "", location_uuid: HQ },
      { uuid: GROUP.hqServer, name: "Server Room", description: "", location_uuid: HQ },
      { uuid: GROUP.branchLobby, name: "Lobby", description: "", location_uuid: BRANCH },
    ],
    roles: [
      { uuid: ROLE.admin, name: "Admin", role_hierarchy: 1 },
      { uuid: "role-security", name: "Security", role_hierarchy: 2 },
      { uuid: "role-user-manager", name: "User Manager", role_hierarchy: 3 },
      { uuid: ROLE.frontDesk, name: "Front Desk", role_hierarchy: 4 },
      { uuid: ROLE.user, name: "User", role_hierarchy: 5 },
    ],
    users: [...Array.from({ length: users }, (_, i) => geneaUser(i + 1)), ...extra],
  };
}

/** A user placed at HQ (User role, Lobby) with one mobile key in the given status. */
export function placedUser(n: number, keyStatus: "PENDING_DOWNLOAD" | "ACTIVE" = "ACTIVE"): GeneaUserRecord {
  const id = String(n).padStart(4, "0");
  return geneaUser(n, {
    user_locations: [{ uuid: `ul-${id}-hq`, location_uuid: HQ, role_uuid: ROLE.user, access_group_uuids: [GROUP.hqLobby] }],
    cards: [{ uuid: `card-${id}`, type: "MOBILE", status: keyStatus, created_at: AT }],
  });
}
