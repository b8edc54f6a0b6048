import { describe, expect, it } from "vitest";
import { plan, summarisePlan } from "../../../shared/plan/index.ts";
import { aUser } from "../../support/directory.ts";
import { aGeneaUser, aPlanInput, AT, aUserLocation } from "../../support/outcomes.ts";
import { HQ, LAB } from "../../support/rules.ts";

describe("summarisePlan()", () => {
  it("counts operations per kind, per property, users, skipped and unmanaged", () => {
    const users = [
      aUser({ id: "00u-a", email: "a@example.com" }),
      aUser({ id: "00u-b", email: "b@example.com" }),
      aUser({ id: "00u-c", email: null }),
      aUser({ id: "00u-d", email: "d@example.com" }),
    ];
    const genea = [
      aGeneaUser({ uuid: "g-b", email: "b@example.com", locations: [aUserLocation(HQ), aUserLocation(LAB)] }),
      aGeneaUser({ uuid: "g-x", email: "x@example.com" }),
      aGeneaUser({ uuid: "g-d", email: "d@example.com", isGlobalAdmin: true }),
    ];
    const p = plan(aPlanInput(users, genea, { [HQ]: [AT.hq.staff, AT.hq.admins], [LAB]: [AT.lab.staff] }));
    const s = summarisePlan(p);
    expect(s.operations).toBe(p.operations.length);
    expect(s.users).toBe(2);
    expect(s.byKind).toMatchObject({
      createUser: 1,
      issueMobileKey: 1,
      setWallet: 1,
      updateLocation: 1,
      removeLocation: 1,
      addLocation: 0,
    });
    expect(s.byProperty[HQ]).toMatchObject({ createUser: 1, updateLocation: 1, removeLocation: 0 });
    expect(s.byProperty[LAB]).toMatchObject({ createUser: 1, removeLocation: 1 });
    expect(s.skipped).toEqual({ "no-email": 1, "unmanaged-in-genea": 1 });
    expect(s.unmanaged).toEqual({ "no-okta-user": 1, "global-admin": 1 });
  });

  it("is all zeros for an empty plan", () => {
    const s = summarisePlan({ operations: [], skipped: [], unmanaged: [], links: [], ignoredProperties: [] });
    expect(s.operations).toBe(0);
    expect(Object.values(s.byKind).every((n) => n === 0)).toBe(true);
    expect(s.byProperty).toEqual({});
  });
});
