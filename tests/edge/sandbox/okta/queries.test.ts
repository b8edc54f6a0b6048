import { describe, expect, it } from "vitest";
import { createOktaSandbox } from "../../../../edge/sandbox/okta/index.ts";
import { oktaGroup, oktaSeed, oktaUser } from "../../../support/okta-seed.ts";
import { getJson, ids } from "./requests.ts";

const ada = oktaUser({
  lastUpdated: "2024-01-10T00:00:00.000Z",
  profile: {
    firstName: "Ada",
    lastName: "Lovelace",
    login: "ada@example.com",
    email: "ada@example.com",
    department: "Engineering",
    city: "London",
  },
});
const bob = oktaUser({
  lastUpdated: "2024-02-10T00:00:00.000Z",
  status: "SUSPENDED",
  profile: {
    firstName: "Bob",
    lastName: "Stone",
    login: "bob@example.com",
    email: "bob@corp.example.com",
    department: "Sales",
    city: null,
  },
});
const cy = oktaUser({
  lastUpdated: "2024-03-10T00:00:00.000Z",
  status: "DEPROVISIONED",
  statusChanged: "2024-03-10T00:00:00.000Z",
  profile: {
    firstName: "Cy",
    lastName: "Lovelace",
    login: "cy@example.com",
    email: "cy@example.com",
    department: "engineering",
    city: "Paris",
  },
});
const sandbox = createOktaSandbox(oktaSeed({ users: [ada, bob, cy] }));
const A = ada.id;
const B = bob.id;
const C = cy.id;

async function query(kind: "filter" | "search", expression: string) {
  return getJson(sandbox.app, `/api/v1/users?${kind}=${encodeURIComponent(expression)}`);
}

describe("GET /api/v1/users?filter=", () => {
  it.each(
    [
      ['status eq "ACTIVE"', [A]],
      ['status eq "DEPROVISIONED"', [C]],
      ['STATUS eq "ACTIVE"', "invalid"],
      ['status EQ "ACTIVE"', [A]],
      ['status eq "active"', []],
      [`id eq "${B}"`, [B]],
      ['profile.login eq "ada@example.com"', [A]],
      ['profile.email eq "bob@corp.example.com"', [B]],
      ['profile.firstName eq "Cy"', [C]],
      ['profile.lastName eq "Lovelace"', [A, C]],
      ['lastUpdated gt "2024-01-10T00:00:00.000Z"', [B, C]],
      ['lastUpdated ge "2024-01-10T00:00:00.000Z"', [A, B, C]],
      ['lastUpdated lt "2024-02-10T00:00:00.000Z"', [A]],
      ['lastUpdated le "2024-02-10T00:00:00.000Z"', [A, B]],
      ['lastUpdated eq "2024-03-10T00:00:00.000Z"', [C]],
      ['status eq "ACTIVE" or status eq "SUSPENDED"', [A, B]],
      ['profile.lastName eq "Lovelace" and status eq "ACTIVE"', [A]],
      ['(status eq "ACTIVE" or status eq "DEPROVISIONED") and lastUpdated gt "2024-02-01T00:00:00.000Z"', [C]],
      ['status eq "ACTIVE" or (status eq "SUSPENDED" and profile.firstName eq "Bob")', [A, B]],
      ['profile.firstName eq "Ada \\"The Countess\\""', []],
    ] as const,
  )("%s → %j", async (expression, expected) => {
    const { status, body } = await query("filter", expression);
    if (expected === "invalid") {
      expect(status).toBe(400);
      return;
    }
    expect(status).toBe(200);
    expect(ids(body)).toEqual([...expected].sort());
  });

  it.each([
    'profile.department eq "Sales"', // not a filterable attribute
    'status sw "ACT"', // only eq on status
    'profile.login co "ada"', // no co in filter
    'status ne "ACTIVE"', // no ne
    'not (status eq "ACTIVE")', // no not
    "status eq ACTIVE", // unquoted value
    'status eq "ACTIVE" and', // dangling operator
    '(status eq "ACTIVE"', // unbalanced parenthesis
    'status eq "ACTIVE', // unterminated string
    'lastUpdated gt "yesterday"', // not a date
    'created gt "2024-01-01T00:00:00.000Z"', // search-only attribute
    "",
  ])("rejects %j with 400 E0000031", async (expression) => {
    const { status, body } = await query("filter", expression);
    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: "E0000031", errorLink: "E0000031" });
  });
});

describe("GET /api/v1/users?search=", () => {
  it.each(
    [
      ['profile.department eq "engineering"', [A, C]], // values are case-insensitive
      ['profile.department eq "Engineering"', [A, C]],
      ['profile.city eq "London"', [A]],
      ['profile.lastName sw "love"', [A, C]],
      ['profile.email co "corp"', [B]],
      ['profile.firstName co "y"', [C]],
      ['status eq "DEPROVISIONED"', [C]],
      ['status lt "DEPROVISIONED" or status gt "DEPROVISIONED"', [A, B]], // Okta's stand-in for ne
      ['statusChanged gt "2024-01-01T00:00:00.000Z"', [C]],
      ['lastUpdated lt "2024-02-01T00:00:00.000Z"', [A]],
      ['profile.department eq "Sales" or profile.city eq "Paris"', [B, C]],
      ['profile.department eq "Engineering" and (status eq "ACTIVE" or status eq "SUSPENDED")', [A]],
      ['profile.costCenter eq "X"', []],
      ['PROFILE.department eq "Sales"', "invalid"],
    ] as const,
  )("%s → %j", async (expression, expected) => {
    const { status, body } = await query("search", expression);
    if (expected === "invalid") {
      expect(status).toBe(400);
      expect(body).toMatchObject({ errorCode: "E0000031" });
      return;
    }
    expect(status).toBe(200);
    expect(ids(body)).toEqual([...expected].sort());
  });

  it.each([
    'profile.department co "eng"', // co only on firstName, lastName, email, login
    'profile.city ne "London"',
    'not (status eq "ACTIVE")',
    'profile.department gt "A"', // range operators are for dates
    'unknownTop eq "x"',
  ])("rejects %j with 400 E0000031", async (expression) => {
    const { status, body } = await query("search", expression);
    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: "E0000031" });
  });

  it("refuses search together with filter with 400 E0000033", async () => {
    const { status, body } = await getJson(
      sandbox.app,
      `/api/v1/users?search=${encodeURIComponent('status eq "ACTIVE"')}&filter=${encodeURIComponent('status eq "ACTIVE"')}`,
    );
    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: "E0000033" });
  });

  it("lags behind changes by consistencyLagMs while filter is current", async () => {
    let clock = Date.parse("2024-05-01T00:00:00.000Z");
    const lagging = createOktaSandbox(oktaSeed({ users: [oktaUser({ profile: { department: "Ops" } })] }), {
      now: () => clock,
      consistencyLagMs: 1000,
    });
    const [user] = lagging.state.sortedUsers;
    lagging.mutations.updateProfile(user.id, { department: "Legal" });
    const created = lagging.mutations.createUser({ profile: { login: "new.user@example.com", department: "Legal" } });
    const search = `/api/v1/users?search=${encodeURIComponent('profile.department eq "Legal"')}`;
    expect(ids((await getJson(lagging.app, search)).body)).toEqual([]);
    const filter = `/api/v1/users?filter=${encodeURIComponent(`id eq "${user.id}"`)}`;
    expect((await getJson(lagging.app, filter)).body).toMatchObject([{ profile: { department: "Legal" } }]);
    clock += 1000;
    expect(ids((await getJson(lagging.app, search)).body)).toEqual(
      [user.id, created.ok ? created.value.id : ""].sort(),
    );
  });
});

describe("GET /api/v1/groups?filter= and ?search=", () => {
  const okta = oktaGroup({
    lastUpdated: "2024-01-01T00:00:00.000Z",
    lastMembershipUpdated: "2024-04-01T00:00:00.000Z",
    profile: { name: "Engineering", description: "Builders" },
  });
  const app = oktaGroup({
    type: "APP_GROUP",
    lastUpdated: "2024-03-01T00:00:00.000Z",
    lastMembershipUpdated: "2024-01-01T00:00:00.000Z",
    profile: { name: "AD Sales" },
    source: { id: "0oaAD000000000000000" },
  });
  const builtIn = oktaGroup({ type: "BUILT_IN", profile: { name: "Everyone" } });
  const groups = createOktaSandbox(oktaSeed({ groups: [okta, app, builtIn] }));
  const G = (kind: string, e: string) => getJson(groups.app, `/api/v1/groups?${kind}=${encodeURIComponent(e)}`);

  it.each(
    [
      ["filter", 'type eq "OKTA_GROUP"', [okta.id]],
      ["filter", `id eq "${app.id}"`, [app.id]],
      [
        "filter",
        'type eq "OKTA_GROUP" and (lastUpdated gt "2024-02-01T00:00:00.000Z" or lastMembershipUpdated gt "2024-02-01T00:00:00.000Z")',
        [okta.id],
      ],
      ["filter", 'lastUpdated gt "2024-02-01T00:00:00.000Z" or lastMembershipUpdated gt "2024-02-01T00:00:00.000Z"', [okta.id, app.id]],
      ["search", 'profile.name sw "ad"', [app.id]],
      ["search", 'profile.description co "build"', [okta.id]],
      ["search", 'source.id eq "0oaAD000000000000000"', [app.id]],
      ["search", 'type eq "BUILT_IN"', [builtIn.id]],
    ] as const,
  )("%s %s → %j", async (kind, expression, expected) => {
    const { status, body } = await G(kind, expression);
    expect(status).toBe(200);
    expect(ids(body)).toEqual([...expected].sort());
  });

  it.each(
    [
      ["filter", 'profile.name eq "Engineering"'],
      ["filter", 'type sw "OKTA"'],
      ["search", 'profile.samAccountName co "x"'],
      ["filter", 'lastMembershipUpdated gt "soon"'],
    ] as const,
  )("rejects %s %j with 400 E0000031", async (kind, expression) => {
    const { status, body } = await G(kind, expression);
    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: "E0000031" });
  });
});
