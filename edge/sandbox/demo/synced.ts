/**
 * The Genea side of a demo organisation as it would look after doorsync synced it: every
 * Okta user with an email who is not DEPROVISIONED is a Genea user at their office's
 * location (remote staff at HQ) with the User role, Lobby plus a team area, and about
 * `mobileKeyRate` of them hold an active mobile key. For benchmarks and sync tests that
 * need a large, realistic Genea state.
 */
import { createPrng } from "./prng.ts";
import type { DemoOrg, GeneaSeed, GeneaUserRecord } from "./types.ts";

const TEAM_AREA: Record<string, string> = { Engineering: "Engineering Floor", IT: "Server Room" };
const SYNCED_AT = "2025-01-15T08:00:00.000Z";

export function syncedGeneaSeed(org: DemoOrg, { mobileKeyRate = 0.3 }: { mobileKeyRate?: number } = {}): GeneaSeed {
  const rng = createPrng(org.seed ^ 0x5c1ed);
  const g = org.genea;
  const hq = g.locations[0];
  const byName = new Map(g.locations.map((l) => [l.name, l]));
  const group = new Map(g.accessGroups.map((a) => [`${a.location_uuid}/${a.name}`, a.uuid]));
  const userRole = g.roles.find((r) => r.name === "User")!.uuid;
  const taken = new Set(g.users.map((u) => u.email?.toLowerCase()));
  const users: GeneaUserRecord[] = [...structuredClone(g.users)];
  for (const u of org.okta.users) {
    const email = u.profile.email;
    if (!email || u.status === "DEPROVISIONED" || taken.has(email.toLowerCase())) continue;
    const location = byName.get(u.profile.office ?? "") ?? hq;
    const area = TEAM_AREA[u.profile.department ?? ""];
    const groups = [group.get(`${location.uuid}/Lobby`)!, ...(area ? [group.get(`${location.uuid}/${area}`)!] : [])];
    users.push({
      uuid: rng.uuid(),
      name: `${u.profile.firstName} ${u.profile.lastName}`,
      email,
      mobile_phone: u.profile.mobilePhone ?? null,
      department: u.profile.department ?? null,
      employee_number: u.profile.employeeNumber ?? null,
      cost_center: u.profile.costCenter ?? null,
      scim_external_id: null,
      is_global_admin: false,
      allow_directory_sync: true,
      is_apple_wallet_enabled: false,
      deleted_at: null,
      created_at: SYNCED_AT,
      updated_at: SYNCED_AT,
      user_locations: [{ uuid: rng.uuid(), location_uuid: location.uuid, role_uuid: userRole, access_group_uuids: groups }],
      cards: rng.chance(mobileKeyRate) ? [{ uuid: rng.uuid(), type: "MOBILE", status: "ACTIVE", created_at: SYNCED_AT }] : [],
    });
  }
  return { ...g, users };
}
