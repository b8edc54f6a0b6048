/**
 * generateDemoOrg: a deterministic demo organisation (Okta + Genea) from a seed, up to
 * 500,000 users (the scale benchmark's org; DOORSYNC_DEMO_USERS stops at 100,000).
 * Credentials and the Genea catalog come from their own PRNG streams so they stay the same
 * for a seed whatever the user count.
 */
import { OKTA_STATUSES, type OktaStatus } from "../../../shared/directory/model.ts";
import { generateGeneaCatalog, generateGeneaUsers } from "./genea-org.ts";
import { DEMO_SERVICE_APP_KID, DEMO_SERVICE_APP_PUBLIC_JWK, DEMO_SERVICE_APP_SCOPES } from "./keys.ts";
import { generateOktaOrg } from "./okta-org.ts";
import { createPrng } from "./prng.ts";
import type { DemoOrg } from "./types.ts";

export const MAX_DEMO_USERS = 500_000;

export interface DemoOrgOptions {
  users?: number;
  seed?: number;
}

export function generateDemoOrg({ users = 2000, seed = 1 }: DemoOrgOptions = {}): DemoOrg {
  if (!Number.isInteger(users) || users < 0 || users > MAX_DEMO_USERS) {
    throw new RangeError(`users must be an integer from 0 to ${MAX_DEMO_USERS}, got ${users}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const credentials = createPrng(seed ^ 0x5eed_c0de);
  const apiToken = `00${credentials.base62(40)}`;
  const clientId = `0oa${credentials.base62(17)}`;
  const okta = generateOktaOrg(createPrng(seed), users);
  const catalog = generateGeneaCatalog(createPrng(seed ^ 0x6e6ea));
  const geneaUsers = generateGeneaUsers(createPrng(seed ^ 0x05e75), catalog, okta.users);
  return {
    seed,
    okta: {
      orgName: "acme-demo.okta.com",
      ...okta,
      apiTokens: [apiToken],
      serviceApps: [
        {
          clientId,
          publicJwk: DEMO_SERVICE_APP_PUBLIC_JWK,
          kid: DEMO_SERVICE_APP_KID,
          scopes: [...DEMO_SERVICE_APP_SCOPES],
          requireDpop: false,
        },
      ],
    },
    genea: { ...catalog, users: geneaUsers },
  };
}

export interface ExpectedCounts {
  okta: {
    users: number;
    usersByStatus: Record<OktaStatus, number>;
    usersWithoutEmail: number;
    groups: number;
    /** total (group, user) membership pairs */
    memberships: number;
    apps: number;
  };
  genea: {
    locations: number;
    accessGroups: number;
    roles: number;
    users: number;
    /** soft-deleted users (DEACTIVATED in the shared model) */
    deletedUsers: number;
    userLocations: number;
    mobileKeys: number;
  };
}

/** What a client that reads everything must find; for tests and benchmarks. */
export function expectedCounts(org: DemoOrg): ExpectedCounts {
  const usersByStatus = Object.fromEntries(OKTA_STATUSES.map((s) => [s, 0])) as Record<OktaStatus, number>;
  let usersWithoutEmail = 0;
  for (const u of org.okta.users) {
    usersByStatus[u.status]++;
    if (!u.profile.email) usersWithoutEmail++;
  }
  const g = org.genea;
  return {
    okta: {
      users: org.okta.users.length,
      usersByStatus,
      usersWithoutEmail,
      groups: org.okta.groups.length,
      memberships: Object.values(org.okta.memberships).reduce((sum, ids) => sum + ids.length, 0),
      apps: org.okta.apps.length,
    },
    genea: {
      locations: g.locations.length,
      accessGroups: g.accessGroups.length,
      roles: g.roles.length,
      users: g.users.length,
      deletedUsers: g.users.filter((u) => u.deleted_at !== null).length,
      userLocations: g.users.reduce((sum, u) => sum + u.user_locations.length, 0),
      mobileKeys: g.users.reduce((sum, u) => sum + u.cards.filter((c) => c.type === "MOBILE").length, 0),
    },
  };
}
