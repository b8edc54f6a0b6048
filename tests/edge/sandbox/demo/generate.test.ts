import { describe, expect, it } from "vitest";
import { expectedCounts, generateDemoOrg, MAX_DEMO_USERS } from "../../../../edge/sandbox/demo/generate.ts";
import { OKTA_STATUSES } from "../../../../shared/directory/model.ts";

const org2k = generateDemoOrg({ users: 2000, seed: 1 });
const org10k = generateDemoOrg({ users: 10_000, seed: 7 });
const groupNamed = (org: typeof org2k, name: string) => org.okta.groups.find((g) => g.profile.name === name)!;

describe("generateDemoOrg()", () => {
  it("is deterministic: the same seed gives an identical organisation", () => {
    expect(generateDemoOrg({ users: 2000, seed: 1 })).toEqual(org2k);
  });

  it("gives a different organisation for a different seed", () => {
    const other = generateDemoOrg({ users: 2000, seed: 2 });
    expect(other.okta.users.map((u) => u.id)).not.toEqual(org2k.okta.users.map((u) => u.id));
    expect(other.genea.customer.uuid).not.toBe(org2k.genea.customer.uuid);
    expect(other.okta.apiTokens).not.toEqual(org2k.okta.apiTokens);
  });

  it("keeps credentials and the Genea catalog stable for a seed whatever the size", () => {
    const small = generateDemoOrg({ users: 10, seed: 1 });
    expect(small.okta.apiTokens).toEqual(org2k.okta.apiTokens);
    expect(small.genea.apiKeys).toEqual(org2k.genea.apiKeys);
    expect(small.genea.locations).toEqual(org2k.genea.locations);
  });

  it.each([-1, 1.5, MAX_DEMO_USERS + 1])("refuses %s users", (users) => {
    expect(() => generateDemoOrg({ users })).toThrow(RangeError);
  });

  it("makes the requested number of users with unique 20-character Okta ids", () => {
    expect(org2k.okta.users).toHaveLength(2000);
    const ids = org2k.okta.users.map((u) => u.id);
    expect(new Set(ids).size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^00u[0-9A-Za-z]{17}$/);
  });

  it("gives unique logins of the form first.last@acme-demo.com", () => {
    const logins = org10k.okta.users.map((u) => u.profile.login);
    expect(new Set(logins).size).toBe(logins.length);
    for (const login of logins) expect(login).toMatch(/^[a-z]+\.[a-z]+\d*@acme-demo\.com$/);
  });

  it("leaves about 1% of users without an email, and emails equal logins otherwise", () => {
    const without = org10k.okta.users.filter((u) => u.profile.email === null).length;
    expect(without / 10_000).toBeGreaterThan(0.006);
    expect(without / 10_000).toBeLessThan(0.014);
    for (const u of org10k.okta.users) if (u.profile.email !== null) expect(u.profile.email).toBe(u.profile.login);
  });

  it("mixes statuses: mostly ACTIVE, some of each other lifecycle state", () => {
    const { usersByStatus } = expectedCounts(org10k).okta;
    expect(usersByStatus.ACTIVE / 10_000).toBeGreaterThan(0.85);
    for (const status of ["SUSPENDED", "DEPROVISIONED", "STAGED", "PROVISIONED", "LOCKED_OUT"] as const) {
      expect(usersByStatus[status], status).toBeGreaterThan(10);
    }
  });

  it("fills profiles: department with a matching title and cost center, office city, employee number", () => {
    const u = org2k.okta.users[0];
    for (const field of ["firstName", "lastName", "department", "title", "city", "employeeNumber", "costCenter", "userType"]) {
      expect(u.profile[field], field).toBeTruthy();
    }
    expect(new Set(org2k.okta.users.map((x) => x.profile.department)).size).toBe(10);
    expect(new Set(org2k.okta.users.map((x) => x.profile.office))).toEqual(new Set(["San Francisco HQ", "New York", "London", "Remote"]));
  });

  it("puts everyone in Everyone (BUILT_IN) and each user in exactly one of Employees/Contractors", () => {
    const everyone = groupNamed(org2k, "Everyone");
    expect(everyone.type).toBe("BUILT_IN");
    expect(org2k.okta.memberships[everyone.id]).toHaveLength(2000);
    const employees = new Set(org2k.okta.memberships[groupNamed(org2k, "Employees").id]);
    const contractors = new Set(org2k.okta.memberships[groupNamed(org2k, "Contractors").id]);
    for (const u of org2k.okta.users) expect(employees.has(u.id) !== contractors.has(u.id)).toBe(true);
  });

  it("has department, office, Admins and app-sourced groups", () => {
    const names = org2k.okta.groups.map((g) => g.profile.name);
    expect(names).toContain("Admins");
    expect(names).toContain("Dept - Engineering");
    expect(names).toContain("Office - London");
    const appGroups = org2k.okta.groups.filter((g) => g.type === "APP_GROUP");
    expect(appGroups.length).toBeGreaterThanOrEqual(2);
    const appIds = new Set(org2k.okta.apps.map((a) => a.id));
    for (const g of appGroups) expect(appIds.has(g.source!.id)).toBe(true);
  });

  it("assigns groups to the Genea Okta app and has an API token and a service app", () => {
    const app = org2k.okta.apps.find((a) => a.label === "Genea Access Control")!;
    expect(app.groupIds.length).toBeGreaterThan(0);
    expect(org2k.okta.apiTokens[0]).toMatch(/^00[0-9A-Za-z]{40}$/);
    expect(org2k.okta.serviceApps[0].publicJwk).not.toHaveProperty("d");
  });

  it("seeds Genea with three locations (only HQ has Apple Wallet), access groups per location and the built-in roles", () => {
    const { locations, accessGroups, roles } = org2k.genea;
    expect(locations.map((l) => [l.name, l.has_apple_wallet])).toEqual([["San Francisco HQ", true], ["New York", false], [
      "London",
      false,
    ]]);
    for (const l of locations) {
      expect(accessGroups.filter((g) => g.location_uuid === l.uuid).map((g) => g.name)).toEqual(
        expect.arrayContaining(["All Doors", "Lobby", "Server Room"]),
      );
    }
    expect(roles.map((r) => r.name)).toEqual(["Admin", "Security", "User Manager", "Front Desk", "User"]);
  });

  it("seeds the pre-existing Genea users each sync case needs", () => {
    const users = org2k.genea.users;
    const oktaEmails = new Set(org2k.okta.users.map((u) => u.profile.email));
    expect(users.find((u) => u.is_global_admin)?.allow_directory_sync).toBe(false);
    expect(users.some((u) => !u.is_global_admin && !u.allow_directory_sync && oktaEmails.has(u.email))).toBe(true);
    expect(users.some((u) => u.allow_directory_sync && oktaEmails.has(u.email) && u.user_locations.length > 0 && !u.deleted_at)).toBe(true);
    expect(users.some((u) => !u.is_global_admin && !oktaEmails.has(u.email))).toBe(true);
    expect(users.some((u) => u.deleted_at !== null)).toBe(true);
    const groups = new Map(org2k.genea.accessGroups.map((g) => [g.uuid, g.location_uuid]));
    for (const ul of users.flatMap((u) => u.user_locations)) {
      for (const g of ul.access_group_uuids) expect(groups.get(g)).toBe(ul.location_uuid);
    }
  });

  it("scales to 100,000 users with unique ids and logins", () => {
    const big = generateDemoOrg({ users: 100_000, seed: 3 });
    expect(new Set(big.okta.users.map((u) => u.id)).size).toBe(100_000);
    expect(new Set(big.okta.users.map((u) => u.profile.login)).size).toBe(100_000);
  });
});

describe("expectedCounts()", () => {
  it("counts users by status, groups, memberships and the Genea side", () => {
    const counts = expectedCounts(org2k);
    expect(Object.keys(counts.okta.usersByStatus)).toEqual([...OKTA_STATUSES]);
    expect(Object.values(counts.okta.usersByStatus).reduce((a, b) => a + b, 0)).toBe(2000);
    expect(counts.okta.groups).toBe(org2k.okta.groups.length);
    expect(counts.okta.memberships).toBe(org2k.okta.groups.reduce((n, g) => n + org2k.okta.memberships[g.id].length, 0));
    expect(counts.okta.usersWithoutEmail).toBe(org2k.okta.users.filter((u) => !u.profile.email).length);
    expect(counts.genea).toEqual({ locations: 3, accessGroups: 19, roles: 5, users: 5, deletedUsers: 1, userLocations: 6, mobileKeys: 1 });
  });
});
