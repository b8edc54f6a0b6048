/**
 * The Genea half of the demo organisation: one customer, three locations (San Francisco HQ
 * has Apple Wallet), access groups and roles per location, and a handful of users that
 * already exist in Genea before doorsync's first sync — each one a case the sync must handle.
 */
import { COMMON_ACCESS_GROUPS, EXTRA_ACCESS_GROUPS, GENEA_ROLES, OFFICES } from "./names.ts";
import { geneaUserRecord } from "./genea-user.ts";
import type { Prng } from "./prng.ts";
import type { GeneaAccessGroupRecord, GeneaLocationRecord, GeneaRoleRecord, GeneaSeed, GeneaUserRecord, OktaUserRecord } from "./types.ts";

const CREATED = "2021-03-01T09:00:00.000Z";

export function generateGeneaCatalog(rng: Prng): Omit<GeneaSeed, "users"> {
  const customer = { uuid: rng.uuid(), name: "Acme Demo" };
  const apiKeys = [`gk_demo_${rng.hex(40)}`];
  const locations: GeneaLocationRecord[] = [];
  const accessGroups: GeneaAccessGroupRecord[] = [];
  let id = 3560;
  for (const office of OFFICES) {
    if (!office.location) continue;
    const location = { uuid: rng.uuid(), id: id++, name: office.name, city: office.city, ...office.location };
    locations.push(location);
    for (const name of [...COMMON_ACCESS_GROUPS, ...(EXTRA_ACCESS_GROUPS[office.name] ?? [])]) {
      accessGroups.push({ uuid: rng.uuid(), name, description: `${name} at ${office.name}`, location_uuid: location.uuid });
    }
  }
  const roles: GeneaRoleRecord[] = GENEA_ROLES.map(([name, role_hierarchy]) => ({ uuid: rng.uuid(), name, role_hierarchy }));
  return { customer, apiKeys, locations, accessGroups, roles };
}

function geneaUser(rng: Prng, fields: Partial<GeneaUserRecord> & { name: string; email: string | null }): GeneaUserRecord {
  return geneaUserRecord({ uuid: rng.uuid(), ...fields }, CREATED);
}

/** The Genea copy of an Okta user, as an earlier manual import would have made it. */
function fromOkta(u: OktaUserRecord) {
  return {
    name: `${u.profile.firstName} ${u.profile.lastName}`,
    email: u.profile.email ?? null,
    mobile_phone: u.profile.mobilePhone ?? null,
    department: u.profile.department ?? null,
    employee_number: u.profile.employeeNumber ?? null,
    cost_center: u.profile.costCenter ?? null,
  };
}

export function generateGeneaUsers(rng: Prng, catalog: Omit<GeneaSeed, "users">, okta: readonly OktaUserRecord[]): GeneaUserRecord[] {
  const role = (name: string) => catalog.roles.find((r) => r.name === name)!.uuid;
  const group = (location: GeneaLocationRecord, name: string) =>
    catalog.accessGroups.find((g) => g.location_uuid === location.uuid && g.name === name)!.uuid;
  const [hq, ny, london] = catalog.locations;
  const placed = (location: GeneaLocationRecord, roleName: string, groups: string[]) => ({
    uuid: rng.uuid(),
    location_uuid: location.uuid,
    role_uuid: role(roleName),
    access_group_uuids: groups.map((g) => group(location, g)),
  });

  const users: GeneaUserRecord[] = [
    geneaUser(rng, {
      name: "Gloria Facilities",
      email: "facilities@acme-demo.com",
      is_global_admin: true,
      // Genea forces the sync flag off for global admins.
      allow_directory_sync: false,
      user_locations: [hq, ny, london].map((l) => placed(l, "Admin", ["All Doors"])),
    }),
    geneaUser(rng, {
      name: "Temporary Badge (Vendor)",
      email: "temp.badge@vendor-demo.net",
      user_locations: [placed(london, "Front Desk", ["Lobby"])],
    }),
  ];
  const withEmail = okta.filter((u) => u.profile.email);
  const active = withEmail.filter((u) => u.status === "ACTIVE");
  // A manually managed copy of an Okta user: pinned, doorsync must leave it alone.
  if (active[1]) {
    users.push(geneaUser(rng, { ...fromOkta(active[1]), allow_directory_sync: false, user_locations: [placed(ny, "User", ["Lobby"])] }));
  }
  // An Okta user already provisioned by hand at HQ, with an active mobile key.
  if (active[0]) {
    users.push(geneaUser(rng, {
      ...fromOkta(active[0]),
      mobile_phone: null, // stale: the sync should fill it in
      user_locations: [placed(hq, "User", ["Lobby", "Engineering Floor"])],
      cards: [{ uuid: rng.uuid(), type: "MOBILE", status: "ACTIVE", created_at: CREATED }],
    }));
  }
  // A deprovisioned Okta user whose Genea record was already deleted (soft).
  const gone = withEmail.find((u) => u.status === "DEPROVISIONED");
  if (gone) users.push(geneaUser(rng, { ...fromOkta(gone), deleted_at: "2024-06-30T17:00:00.000Z" }));
  return users;
}
