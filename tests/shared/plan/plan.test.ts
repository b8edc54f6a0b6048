import { describe, expect, it } from "vitest";
import type { DirectoryUser } from "../../../shared/directory/model.ts";
import type { GeneaUser } from "../../../shared/genea/model.ts";
import { applyPlan, type Plan, plan, type PlanInput } from "../../../shared/plan/index.ts";
import type { SkipReason } from "../../../shared/rules/outcome.ts";
import { aUser } from "../../support/directory.ts";
import { aGeneaUser, aPlanInput, AT, aUserLocation, describeOperation, GHOST, OTHER } from "../../support/outcomes.ts";
import { HQ, LAB } from "../../support/rules.ts";

const ann = (overrides: Partial<DirectoryUser> = {}): DirectoryUser =>
  aUser({
    id: "00u-ann",
    email: "ann@example.com",
    profile: {
      firstName: "Ann",
      lastName: "Lee",
      mobilePhone: "+1 555 0100",
      department: "Eng",
      employeeNumber: "1001",
      costCenter: "CC1",
    },
    ...overrides,
  });

/** Ann in Genea exactly as HQ staff should be. */
const annInGenea = (overrides: Partial<GeneaUser> = {}): GeneaUser =>
  aGeneaUser({
    uuid: "g-ann",
    name: "Ann Lee",
    email: "ann@example.com",
    mobilePhone: "+1 555 0100",
    department: "Eng",
    employeeNumber: "1001",
    costCenter: "CC1",
    walletEnabled: true,
    locations: [aUserLocation(HQ, { uuid: "ul-hq", accessGroupUuids: ["ag-hq-main", "ag-hq-server"] })],
    mobileKeys: [{ uuid: "key-1", status: "ACTIVE" }],
    ...overrides,
  });

const hqStaffLocation = aUserLocation(HQ, { uuid: "ul-hq", accessGroupUuids: ["ag-hq-main", "ag-hq-server"] });

interface Case {
  name: string;
  okta?: DirectoryUser;
  genea: GeneaUser | null;
  hq?: number;
  lab?: number;
  ghost?: number;
  skipped?: SkipReason;
  expected: string[];
}

function inputFor(c: Case): PlanInput {
  const w = (x: number | undefined) => (x === undefined ? [] : [x]);
  return aPlanInput(
    [c.okta ?? ann()],
    c.genea ? [c.genea] : [],
    { [HQ]: w(c.hq), [LAB]: w(c.lab), [GHOST]: w(c.ghost) },
    c.skipped ? { 0: c.skipped } : {},
  );
}

const replan = (input: PlanInput, p: Plan): Plan => plan({ ...input, current: applyPlan(input.current, p) });

const cases: Case[] = [
  { name: "changes nothing when Genea already matches", genea: annInGenea(), hq: AT.hq.staff, expected: [] },
  {
    name: "compares access groups as sets (order and duplicates do not matter)",
    genea: annInGenea({
      locations: [aUserLocation(HQ, { uuid: "ul-hq", accessGroupUuids: ["ag-hq-server", "ag-hq-main", "ag-hq-main"] })],
    }),
    hq: AT.hq.staff,
    expected: [],
  },
  {
    name: "creates a missing user with all initial locations in one call, then key and Wallet",
    genea: null,
    hq: AT.hq.staff,
    lab: AT.lab.staff,
    expected: ["createUser loc-hq role-user [ag-hq-main,ag-hq-server], loc-lab role-user [ag-lab-main]", "issueMobileKey", "setWallet on"],
  },
  {
    name: "creates without key or Wallet when no rule asks for them",
    genea: null,
    lab: AT.lab.staff,
    expected: ["createUser loc-lab role-user [ag-lab-main]"],
  },
  { name: "updates the name", genea: annInGenea({ name: "Ann L." }), hq: AT.hq.staff, expected: ["updateProfile name: Ann L. → Ann Lee"] },
  {
    name: "updates the mobile phone",
    genea: annInGenea({ mobilePhone: null }),
    hq: AT.hq.staff,
    expected: ["updateProfile mobilePhone: null → +1 555 0100"],
  },
  {
    name: "updates the department",
    genea: annInGenea({ department: "Sales" }),
    hq: AT.hq.staff,
    expected: ["updateProfile department: Sales → Eng"],
  },
  {
    name: "updates the employee number",
    genea: annInGenea({ employeeNumber: "999" }),
    hq: AT.hq.staff,
    expected: ["updateProfile employeeNumber: 999 → 1001"],
  },
  {
    name: "clears the cost center when Okta has none",
    okta: ann({
      profile: {
        firstName: "Ann",
        lastName: "Lee",
        mobilePhone: "+1 555 0100",
        department: "Eng",
        employeeNumber: "1001",
        costCenter: "  ",
      },
    }),
    genea: annInGenea(),
    hq: AT.hq.staff,
    expected: ["updateProfile costCenter: CC1 → null"],
  },
  {
    name: "updates several fields in one operation, changed fields only",
    genea: annInGenea({ name: "A", department: "Ops" }),
    hq: AT.hq.staff,
    expected: ["updateProfile name: A → Ann Lee; department: Ops → Eng"],
  },
  {
    name: "falls back to displayName, then login, for the name",
    okta: ann({
      profile: {
        displayName: " Annie ",
        login: "ann.lee",
        mobilePhone: "+1 555 0100",
        department: "Eng",
        employeeNumber: "1001",
        costCenter: "CC1",
      },
    }),
    genea: annInGenea(),
    hq: AT.hq.staff,
    expected: ["updateProfile name: Ann Lee → Annie"],
  },
  {
    name: "does not update an email that differs only in case and spaces",
    okta: ann({ email: " Ann@Example.COM " }),
    genea: annInGenea(),
    hq: AT.hq.staff,
    expected: [],
  },
  {
    name: "adds a location a rule now grants",
    genea: annInGenea(),
    hq: AT.hq.staff,
    lab: AT.lab.staff,
    expected: ["addLocation loc-lab role-user [ag-lab-main]"],
  },
  {
    name: "changes role and access groups, and drops key and Wallet no rule asks for",
    genea: annInGenea(),
    hq: AT.hq.admins,
    expected: ["updateLocation loc-hq role-user → role-admin [ag-hq-main]", "revokeMobileKey key-1", "setWallet off"],
  },
  {
    name: "removes a location when the winning rule excludes the user",
    genea: annInGenea(),
    hq: AT.hq.exclude,
    lab: AT.lab.staff,
    expected: ["addLocation loc-lab role-user [ag-lab-main]", "removeLocation ul-hq", "revokeMobileKey key-1", "setWallet off"],
  },
  {
    name: "keeps a key that is pending download",
    genea: annInGenea({ mobileKeys: [{ uuid: "key-1", status: "PENDING_DOWNLOAD" }] }),
    hq: AT.hq.staff,
    expected: [],
  },
  {
    name: "issues a key when only inactive or expired keys exist",
    genea: annInGenea({ mobileKeys: [{ uuid: "k-old", status: "INACTIVE" }, { uuid: "k-exp", status: "EXPIRED" }] }),
    hq: AT.hq.staff,
    expected: ["issueMobileKey"],
  },
  {
    name: "revokes every live key when no rule asks for one",
    genea: annInGenea({
      locations: [],
      walletEnabled: false,
      mobileKeys: [{ uuid: "k2", status: "PENDING_DOWNLOAD" }, { uuid: "k1", status: "ACTIVE" }, { uuid: "k0", status: "EXPIRED" }],
    }),
    lab: AT.lab.staff,
    expected: ["addLocation loc-lab role-user [ag-lab-main]", "revokeMobileKey k1", "revokeMobileKey k2"],
  },
  {
    name: "turns Wallet on where a Wallet location's rule asks",
    genea: annInGenea({ walletEnabled: false }),
    hq: AT.hq.staff,
    expected: ["setWallet on"],
  },
  {
    name: "ignores a Wallet request at a location without Wallet",
    genea: annInGenea({ locations: [], mobileKeys: [], walletEnabled: false }),
    lab: AT.lab.wallet,
    expected: ["addLocation loc-lab role-user [ag-lab-main]"],
  },
  {
    name: "reactivates a deactivated user before anything else",
    genea: annInGenea({ status: "DEACTIVATED", locations: [], mobileKeys: [], name: "Ann" }),
    hq: AT.hq.staff,
    expected: [
      "reactivateUser",
      "updateProfile name: Ann → Ann Lee",
      "addLocation loc-hq role-user [ag-hq-main,ag-hq-server]",
      "issueMobileKey",
    ],
  },
  {
    name: "deprovisioned: removes locations, keys and Wallet, then deactivates",
    genea: annInGenea(),
    skipped: "deprovisioned",
    expected: ["removeLocation ul-hq", "revokeMobileKey key-1", "setWallet off", "deactivateUser"],
  },
  {
    name: "suspended (denied): removes locations, keys and Wallet, then deactivates",
    genea: annInGenea(),
    skipped: "suspended",
    expected: ["removeLocation ul-hq", "revokeMobileKey key-1", "setWallet off", "deactivateUser"],
  },
  {
    name: "deprovisioned and already deactivated: nothing",
    genea: annInGenea({ status: "DEACTIVATED" }),
    skipped: "deprovisioned",
    expected: [],
  },
  { name: "deprovisioned and absent: nothing is created", genea: null, skipped: "deprovisioned", expected: [] },
  {
    name: "no rule matches anywhere: removes access but does not deactivate",
    genea: annInGenea(),
    expected: ["removeLocation ul-hq", "revokeMobileKey key-1", "setWallet off"],
  },
  { name: "no rule matches and absent: nothing is created", genea: null, expected: [] },
  { name: "no rule matches and deactivated: nothing", genea: annInGenea({ status: "DEACTIVATED" }), expected: [] },
  {
    name: "leaves locations at properties outside the rule set alone",
    genea: annInGenea({ locations: [hqStaffLocation, aUserLocation(OTHER, { uuid: "ul-other" })] }),
    hq: AT.hq.staff,
    expected: [],
  },
  {
    name: "leaves locations outside the rule set alone even when removing all access",
    genea: annInGenea({ locations: [aUserLocation(OTHER, { uuid: "ul-other" }), hqStaffLocation] }),
    skipped: "deprovisioned",
    expected: ["removeLocation ul-hq", "revokeMobileKey key-1", "setWallet off", "deactivateUser"],
  },
  {
    name: "leaves locations at rule-set properties Genea does not know alone",
    genea: annInGenea({ locations: [hqStaffLocation, aUserLocation(GHOST, { uuid: "ul-ghost" })] }),
    hq: AT.hq.staff,
    ghost: 0,
    expected: [],
  },
  {
    name: "removes duplicate user_locations at one property, keeping the first",
    genea: annInGenea({ locations: [hqStaffLocation, aUserLocation(HQ, { uuid: "ul-hq-2" })] }),
    hq: AT.hq.staff,
    expected: ["removeLocation ul-hq-2"],
  },
];

describe("plan()", () => {
  it.each(cases)("$name", (c) => {
    const input = inputFor(c);
    const p = plan(input);
    expect(p.operations.map(describeOperation)).toEqual(c.expected);
    expect(replan(input, p).operations).toEqual([]);
  });

  it("targets ops at the Genea uuid, Okta id and trimmed Okta email", () => {
    const input = inputFor({
      name: "",
      okta: ann({ email: " Ann@Example.com" }),
      genea: annInGenea({ name: "x" }),
      hq: AT.hq.staff,
      expected: [],
    });
    expect(plan(input).operations[0].user).toEqual({ geneaUuid: "g-ann", oktaId: "00u-ann", email: "Ann@Example.com" });
    const created = plan(inputFor({ name: "", genea: null, hq: AT.hq.staff, expected: [] }));
    expect(created.operations.map((o) => o.user.geneaUuid)).toEqual([null, null, null]);
  });

  it("gives the operations one rule causes one frozen placement and reason, not a copy each", () => {
    const bo = ann({ id: "00u-bo", email: "bo@example.com" });
    const p = plan(aPlanInput([ann(), bo], [], { [LAB]: [AT.lab.staff, AT.lab.staff] }));
    const [a, b] = p.operations.filter((o) => o.kind === "createUser");
    expect(a.locations[0]).toBe(b.locations[0]);
    expect(a.reason).toBe(b.reason);
    expect(Object.isFrozen(a.locations[0]) && Object.isFrozen(a.locations[0].accessGroupUuids) && Object.isFrozen(a.reason)).toBe(true);
    expect(() => a.locations[0].accessGroupUuids.push("ag-other")).toThrow(TypeError);
  });

  it("creates users with the Okta profile", () => {
    const p = plan(inputFor({ name: "", genea: null, lab: AT.lab.staff, expected: [] }));
    expect(p.operations[0]).toMatchObject({
      kind: "createUser",
      profile: {
        name: "Ann Lee",
        email: "ann@example.com",
        mobilePhone: "+1 555 0100",
        department: "Eng",
        employeeNumber: "1001",
        costCenter: "CC1",
      },
      locations: [{ locationUuid: LAB, roleUuid: "role-user", accessGroupUuids: ["ag-lab-main"], ruleId: "lab-staff" }],
    });
  });

  it.each([
    {
      name: "createUser names the first granting rule",
      c: { genea: null, hq: AT.hq.staff },
      kind: "createUser",
      reason: { kind: "rule", propertyUuid: HQ, ruleId: "hq-staff" },
    },
    {
      name: "updateProfile says profile",
      c: { genea: annInGenea({ name: "x" }), hq: AT.hq.staff },
      kind: "updateProfile",
      reason: { kind: "profile" },
    },
    {
      name: "updateLocation names the rule",
      c: { genea: annInGenea(), hq: AT.hq.admins },
      kind: "updateLocation",
      reason: { kind: "rule", propertyUuid: HQ, ruleId: "hq-admins" },
    },
    {
      name: "revoking an unwanted key says feature-off",
      c: { genea: annInGenea(), hq: AT.hq.admins },
      kind: "revokeMobileKey",
      reason: { kind: "feature-off" },
    },
    {
      name: "an exclude names the excluding rule",
      c: { genea: annInGenea(), hq: AT.hq.exclude, lab: 0 },
      kind: "removeLocation",
      reason: { kind: "not-granted", propertyUuid: HQ, ruleId: "hq-exclude" },
    },
    {
      name: "no match at a property names no rule",
      c: { genea: annInGenea(), lab: 0 },
      kind: "removeLocation",
      reason: { kind: "not-granted", propertyUuid: HQ, ruleId: null },
    },
    { name: "no match anywhere says unmatched", c: { genea: annInGenea() }, kind: "removeLocation", reason: { kind: "unmatched" } },
    {
      name: "a leaver's deactivation names the status",
      c: { genea: annInGenea(), skipped: "deprovisioned" as const },
      kind: "deactivateUser",
      reason: { kind: "status", status: "DEPROVISIONED" },
    },
    {
      name: "a suspended user's removal names the status",
      c: { genea: annInGenea(), skipped: "suspended" as const },
      kind: "removeLocation",
      reason: { kind: "status", status: "SUSPENDED" },
    },
    {
      name: "duplicates say so",
      c: { genea: annInGenea({ locations: [hqStaffLocation, aUserLocation(HQ)] }), hq: 0 },
      kind: "removeLocation",
      reason: { kind: "duplicate-location", propertyUuid: HQ },
    },
  ])("gives reasons: $name", ({ c, kind, reason }) => {
    const op = plan(inputFor({ name: "", expected: [], ...c })).operations.find((o) => o.kind === kind);
    expect(op?.reason).toEqual(reason);
  });

  it("reports rule-set properties missing from the catalog", () => {
    expect(plan(inputFor({ name: "", genea: null, expected: [] })).ignoredProperties).toEqual([GHOST]);
  });

  it("refuses an outcome evaluated over another directory", () => {
    const input = inputFor({ name: "", genea: null, expected: [] });
    expect(() => plan({ ...input, directory: { ...input.directory, users: [ann({ id: "00u-other" })] } })).toThrow(/different directory/);
  });
});

describe("plan() matching and who is managed", () => {
  const staff = { [HQ]: [AT.hq.staff, AT.hq.staff, AT.hq.staff] };

  it("matches Okta to Genea users by email, trimmed and case-insensitively", () => {
    const p = plan(aPlanInput([ann({ email: "  ANN@example.COM " })], [annInGenea({ email: "ann@EXAMPLE.com" })], { [HQ]: [AT.hq.staff] }));
    expect(p.operations).toEqual([]);
    expect(p.unmanaged).toEqual([]);
  });

  it.each([
    { name: "global admins", genea: { isGlobalAdmin: true }, reason: "global-admin" },
    { name: "users pinned against directory sync", genea: { allowDirectorySync: false }, reason: "sync-disabled" },
  ])("never touches $name, whatever the rules say", ({ genea, reason }) => {
    for (const [winners, skipped] of [[{ [HQ]: [AT.hq.admins] }, {}], [{}, {}], [{}, { 0: "deprovisioned" as const }]] as const) {
      const p = plan(aPlanInput([ann()], [annInGenea(genea)], winners, skipped));
      expect(p.operations).toEqual([]);
      expect(p.unmanaged).toEqual([{ geneaUuid: "g-ann", email: "ann@example.com", name: "Ann Lee", reason, oktaId: "00u-ann" }]);
      expect(p.skipped).toEqual([{ oktaId: "00u-ann", email: "ann@example.com", reason: "unmanaged-in-genea" }]);
    }
  });

  it("never touches Genea users whose email matches no Okta user", () => {
    const stranger = aGeneaUser({
      uuid: "g-x",
      name: "X",
      email: "x@example.com",
      locations: [aUserLocation(HQ)],
      mobileKeys: [{ uuid: "k", status: "ACTIVE" }],
    });
    const noEmail = aGeneaUser({ uuid: "g-y", name: "Y", email: null, locations: [aUserLocation(HQ)] });
    const p = plan(aPlanInput([ann()], [stranger, noEmail], { [HQ]: [AT.hq.staff] }));
    expect(p.operations.map((o) => o.user.oktaId)).toEqual(["00u-ann", "00u-ann", "00u-ann"]);
    expect(p.unmanaged).toEqual([
      { geneaUuid: "g-x", email: "x@example.com", name: "X", reason: "no-okta-user", oktaId: null },
      { geneaUuid: "g-y", email: null, name: "Y", reason: "no-okta-user", oktaId: null },
    ]);
  });

  it("skips Okta users without an email", () => {
    const users = [aUser({ id: "00u-a", email: null }), aUser({ id: "00u-b", email: "  " })];
    const p = plan(aPlanInput(users, [aGeneaUser({ email: "" })], staff));
    expect(p.operations).toEqual([]);
    expect(p.skipped).toEqual([
      { oktaId: "00u-a", email: null, reason: "no-email" },
      { oktaId: "00u-b", email: "  ", reason: "no-email" },
    ]);
  });

  it("skips users the outcome skipped for having no email", () => {
    const p = plan(aPlanInput([ann()], [], {}, { 0: "no-email" }));
    expect(p.operations).toEqual([]);
    expect(p.skipped).toEqual([{ oktaId: "00u-ann", email: "ann@example.com", reason: "no-email" }]);
  });

  it("leaves a shared email untouched and reported: two Okta users", () => {
    const p = plan(
      aPlanInput([ann(), ann({ id: "00u-ann2", email: "ANN@example.com" })], [annInGenea()], { [HQ]: [AT.hq.admins, AT.hq.admins] }),
    );
    expect(p.operations).toEqual([]);
    expect(p.skipped.map((s) => [s.oktaId, s.reason])).toEqual([["00u-ann", "duplicate-email"], ["00u-ann2", "duplicate-email"]]);
    expect(p.unmanaged.map((u) => [u.geneaUuid, u.reason, u.oktaId])).toEqual([["g-ann", "duplicate-email", null]]);
  });

  it("leaves a shared email untouched and reported: two Genea users", () => {
    const p = plan(aPlanInput([ann()], [annInGenea(), annInGenea({ uuid: "g-ann2" })], { [HQ]: [AT.hq.admins] }));
    expect(p.operations).toEqual([]);
    expect(p.skipped.map((s) => s.reason)).toEqual(["duplicate-email"]);
    expect(p.unmanaged.map((u) => [u.geneaUuid, u.reason])).toEqual([["g-ann", "duplicate-email"], ["g-ann2", "duplicate-email"]]);
  });

  it("records why each Okta user gets no access", () => {
    const users = [ann(), aUser({ id: "00u-b", email: "b@example.com" }), aUser({ id: "00u-c", email: "c@example.com" })];
    const p = plan(aPlanInput(users, [], { [HQ]: [AT.hq.staff, AT.hq.exclude] }, { 2: "suspended" }));
    expect(p.skipped).toEqual([
      { oktaId: "00u-b", email: "b@example.com", reason: "unmatched" },
      { oktaId: "00u-c", email: "c@example.com", reason: "suspended" },
    ]);
  });
});

describe("plan() ordering", () => {
  it("orders by user email, then by a fixed operation order", () => {
    const users = [
      aUser({ id: "00u-c", email: "Carl@example.com" }),
      aUser({ id: "00u-a", email: "anna@example.com" }),
      aUser({ id: "00u-b", email: "bob@example.com" }),
    ];
    const p = plan(aPlanInput(users, [], { [HQ]: [AT.hq.staff, AT.hq.staff, AT.hq.staff] }));
    expect(p.operations.map((o) => `${o.user.oktaId} ${o.kind}`)).toEqual([
      "00u-a createUser",
      "00u-a issueMobileKey",
      "00u-a setWallet",
      "00u-b createUser",
      "00u-b issueMobileKey",
      "00u-b setWallet",
      "00u-c createUser",
      "00u-c issueMobileKey",
      "00u-c setWallet",
    ]);
  });

  it("puts reactivation first and every kind in its place", () => {
    const genea = annInGenea({
      status: "DEACTIVATED",
      name: "x",
      walletEnabled: false,
      mobileKeys: [],
      locations: [
        aUserLocation(LAB, { uuid: "ul-lab", roleUuid: "role-admin", accessGroupUuids: [] }),
        aUserLocation(HQ, { uuid: "ul-hq" }),
        aUserLocation(HQ, { uuid: "ul-hq-dup" }),
      ],
    });
    const p = plan(aPlanInput([ann()], [genea], { [HQ]: [AT.hq.exclude], [LAB]: [AT.lab.staff] }));
    expect(p.operations.map(describeOperation)).toEqual([
      "reactivateUser",
      "updateProfile name: x → Ann Lee",
      "updateLocation loc-lab role-admin → role-user [ag-lab-main]",
      "removeLocation ul-hq",
      "removeLocation ul-hq-dup",
    ]);
  });

  it("is deterministic whatever order Genea lists users and locations in", () => {
    const users = [ann(), aUser({ id: "00u-b", email: "b@example.com" })];
    const bob = aGeneaUser({
      uuid: "g-b",
      email: "b@example.com",
      locations: [aUserLocation(HQ, { uuid: "ul-b2" }), aUserLocation(LAB, { uuid: "ul-b1" })],
    });
    const a = plan(aPlanInput(users, [annInGenea(), bob], {}));
    const b = plan(aPlanInput(users, [{ ...bob, locations: [...bob.locations].reverse() }, annInGenea()], {}));
    expect(b.operations).toEqual(a.operations);
  });
});
