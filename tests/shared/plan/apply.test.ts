import { describe, expect, it } from "vitest";
import { applyPlan, type Operation, plannedUserUuid, type PlanUser } from "../../../shared/plan/index.ts";
import { aGeneaUser, aState, aUserLocation } from "../../support/outcomes.ts";
import { HQ, LAB } from "../../support/rules.ts";

const bob = aGeneaUser({
  uuid: "g-bob",
  email: "bob@example.com",
  walletEnabled: true,
  locations: [aUserLocation(HQ, { uuid: "ul-hq" })],
  mobileKeys: [{ uuid: "k1", status: "ACTIVE" }],
});
const target: PlanUser = { geneaUuid: "g-bob", oktaId: "00u-bob", email: "bob@example.com" };
const newbie: PlanUser = { geneaUuid: null, oktaId: "00u-new", email: "new@example.com" };
const why = { kind: "profile" } as const;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe("applyPlan()", () => {
  it("does not change the state it is given", () => {
    const state = deepFreeze(aState([bob]));
    const ops: Operation[] = [
      { kind: "removeLocation", user: target, reason: why, locationUuid: HQ, userLocationUuid: "ul-hq" },
      { kind: "setWallet", user: target, reason: why, enabled: false },
    ];
    const after = applyPlan(state, { operations: ops });
    expect(after.users[0]).toMatchObject({ locations: [], walletEnabled: false });
    expect(state.users[0].locations).toHaveLength(1);
  });

  it.each<{ name: string; op: Operation; expected: Partial<typeof bob> }>([
    { name: "reactivateUser", op: { kind: "reactivateUser", user: target, reason: why }, expected: { status: "ACTIVE" } },
    {
      name: "deactivateUser (Genea also drops every location)",
      op: { kind: "deactivateUser", user: target, reason: why },
      expected: { status: "DEACTIVATED", locations: [] },
    },
    {
      name: "updateProfile",
      op: { kind: "updateProfile", user: target, reason: why, changes: [{ field: "department", from: null, to: "Eng" }] },
      expected: { department: "Eng" },
    },
    {
      name: "addLocation",
      op: { kind: "addLocation", user: target, reason: why, locationUuid: LAB, roleUuid: "role-admin", accessGroupUuids: ["ag-lab-main"] },
      expected: {
        locations: [bob.locations[0], {
          uuid: "g-bob:loc-lab:0",
          locationUuid: LAB,
          roleUuid: "role-admin",
          accessGroupUuids: ["ag-lab-main"],
        }],
      },
    },
    {
      name: "updateLocation (role)",
      op: {
        kind: "updateLocation",
        user: target,
        reason: why,
        locationUuid: HQ,
        userLocationUuid: "ul-hq",
        from: { roleUuid: "role-user", accessGroupUuids: bob.locations[0].accessGroupUuids },
        to: { roleUuid: "role-admin", accessGroupUuids: bob.locations[0].accessGroupUuids },
      },
      expected: { locations: [{ ...bob.locations[0], roleUuid: "role-admin" }] },
    },
    {
      name: "updateLocation (access groups)",
      op: {
        kind: "updateLocation",
        user: target,
        reason: why,
        locationUuid: HQ,
        userLocationUuid: "ul-hq",
        from: { roleUuid: bob.locations[0].roleUuid, accessGroupUuids: [] },
        to: { roleUuid: bob.locations[0].roleUuid, accessGroupUuids: ["a", "b"] },
      },
      expected: { locations: [{ ...bob.locations[0], accessGroupUuids: ["a", "b"] }] },
    },
    {
      name: "issueMobileKey",
      op: { kind: "issueMobileKey", user: target, reason: why },
      expected: { mobileKeys: [{ uuid: "k1", status: "ACTIVE" }, { uuid: "g-bob:key:0", status: "PENDING_DOWNLOAD" }] },
    },
    {
      name: "revokeMobileKey (deleted, as Genea does)",
      op: { kind: "revokeMobileKey", user: target, reason: why, mobileKeyUuid: "k1" },
      expected: { mobileKeys: [] },
    },
    { name: "setWallet", op: { kind: "setWallet", user: target, reason: why, enabled: false }, expected: { walletEnabled: false } },
  ])("applies $name", ({ op, expected }) => {
    expect(applyPlan(aState([bob]), { operations: [op] }).users).toEqual([{ ...bob, ...expected }]);
  });

  it("creates users with a placeholder uuid later operations can target", () => {
    const after = applyPlan(aState([bob]), {
      operations: [
        {
          kind: "createUser",
          user: newbie,
          reason: why,
          profile: { name: "New", email: "new@example.com", mobilePhone: null, department: null, employeeNumber: null, costCenter: null },
          locations: [{ locationUuid: HQ, roleUuid: "role-user", accessGroupUuids: ["ag-hq-main"], ruleId: "r1" }],
        },
        { kind: "issueMobileKey", user: newbie, reason: why },
        { kind: "setWallet", user: newbie, reason: why, enabled: true },
      ],
    });
    expect(after.users[1]).toEqual({
      uuid: plannedUserUuid("00u-new"),
      name: "New",
      email: "new@example.com",
      mobilePhone: null,
      department: null,
      employeeNumber: null,
      costCenter: null,
      status: "ACTIVE",
      allowDirectorySync: true,
      isGlobalAdmin: false,
      walletEnabled: true,
      locations: [{ uuid: "planned:00u-new:loc-hq", locationUuid: HQ, roleUuid: "role-user", accessGroupUuids: ["ag-hq-main"] }],
      mobileKeys: [{ uuid: "planned:00u-new:key:0", status: "PENDING_DOWNLOAD" }],
    });
  });

  it.each<{ name: string; op: Operation; error: RegExp }>([
    {
      name: "an unknown user",
      op: { kind: "setWallet", user: { ...target, geneaUuid: "g-nobody" }, reason: why, enabled: true },
      error: /unknown Genea user g-nobody/,
    },
    {
      name: "an unknown user_location",
      op: { kind: "removeLocation", user: target, reason: why, locationUuid: HQ, userLocationUuid: "ul-x" },
      error: /no user_location ul-x/,
    },
  ])("throws for operations on $name (a bug, not an expected failure)", ({ op, error }) => {
    expect(() => applyPlan(aState([bob]), { operations: [op] })).toThrow(error);
  });
});
