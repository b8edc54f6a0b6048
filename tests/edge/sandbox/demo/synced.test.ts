import { describe, expect, it } from "vitest";
import { generateDemoOrg } from "../../../../edge/sandbox/demo/generate.ts";
import { syncedGeneaSeed } from "../../../../edge/sandbox/demo/synced.ts";

const org = generateDemoOrg({ users: 3000, seed: 5 });
const seed = syncedGeneaSeed(org);

describe("syncedGeneaSeed()", () => {
  it("is deterministic and leaves the demo org untouched", () => {
    const before = structuredClone(org);
    expect(syncedGeneaSeed(org)).toEqual(seed);
    expect(org).toEqual(before);
  });

  it("holds one Genea user per Okta user with an email who is not DEPROVISIONED, plus the pre-existing ones", () => {
    const preexisting = new Set(org.genea.users.map((u) => u.email));
    const eligible = org.okta.users.filter((u) => u.profile.email && u.status !== "DEPROVISIONED" && !preexisting.has(u.profile.email));
    expect(seed.users).toHaveLength(org.genea.users.length + eligible.length);
    const emails = seed.users.map((u) => u.email?.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
  });

  it("places each synced user at one location with access groups of that location only", () => {
    const groupLocation = new Map(seed.accessGroups.map((g) => [g.uuid, g.location_uuid]));
    for (const u of seed.users.slice(org.genea.users.length)) {
      expect(u.user_locations).toHaveLength(1);
      for (const g of u.user_locations[0].access_group_uuids) expect(groupLocation.get(g)).toBe(u.user_locations[0].location_uuid);
    }
  });

  it("gives about the requested share of users an active mobile key", () => {
    const synced = seed.users.slice(org.genea.users.length);
    const share = synced.filter((u) => u.cards.length > 0).length / synced.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    expect(syncedGeneaSeed(org, { mobileKeyRate: 0 }).users.slice(org.genea.users.length).every((u) => u.cards.length === 0)).toBe(true);
  });
});
