/**
 * The sync's pure parts, table by table: the removal brake, the read gate, which people an
 * Okta event names, how the ledger and the Genea cache follow an operation, and the CSV.
 */
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../shared/api/sync.ts";
import { usersOf } from "../../../shared/directory/events.ts";
import type { GeneaState, GeneaUser } from "../../../shared/genea/model.ts";
import type { Operation, PlanUser } from "../../../shared/plan/index.ts";
import { csvRow } from "../../../edge/sync/audit.ts";
import { checkBrake } from "../../../edge/sync/brake.ts";
import { geneaAfter } from "../../../edge/sync/genea-state.ts";
import { afterOperation } from "../../../edge/sync/ledger.ts";
import { checkRead } from "../../../edge/sync/read-gate.ts";
import { stages } from "../../../edge/sync/execute.ts";
import { aCatalog, HQ, LAB } from "../../support/rules.ts";
import { aGeneaUser, aLedgerEntry, aUserLocation } from "../../support/outcomes.ts";

const who = (n: number): PlanUser => ({ geneaUuid: `g${n}`, oktaId: `u${n}`, email: `u${n}@example.com` });
const why = { kind: "unmatched" } as const;
const at = (loc: string, n: number) =>
  aGeneaUser({ uuid: `g${n}`, locations: [aUserLocation(loc, { uuid: `ul${n}` })], mobileKeys: [{ uuid: `k${n}`, status: "ACTIVE" }] });
const state = (users: GeneaUser[]): GeneaState => ({ fetchedAt: "", users });
const people = (n: number, loc = HQ) => Array.from({ length: n }, (_, i) => at(loc, i));
const removeAll = (n: number, loc = HQ): Operation[] =>
  Array.from(
    { length: n },
    (_, i) => ({ kind: "removeLocation", user: who(i), reason: why, locationUuid: loc, userLocationUuid: `ul${i}` }),
  );
const brake = { minUsers: 25, percent: 10 };

describe("checkBrake()", () => {
  it.each(
    [
      ["25 of 100 at HQ: at the floor, passes", 100, 25, {}, "passed"],
      ["26 of 100 at HQ: over max(25, 10 %), trips", 100, 26, {}, "removals"],
      ["40 of 500 at HQ: under 10 % (50), passes", 500, 40, {}, "passed"],
      ["51 of 500 at HQ: over 10 %, trips", 500, 51, {}, "removals"],
      ["10 now with 20 in the last 24 h of 100: trips on the window", 100, 10, { [HQ]: 20 }, "removals"],
      ["10 now with 15 in the last 24 h of 100: passes", 100, 10, { [HQ]: 15 }, "passed"],
    ] as const,
  )("%s", (_, synced, removed, window, kind) => {
    const r = checkBrake({
      operations: removeAll(removed),
      current: state(people(synced)),
      catalog: aCatalog(),
      settings: brake,
      window,
      approved: null,
    });
    expect(r.verdict.kind).toBe(kind);
    expect(r.removals[HQ]).toBe(removed);
  });

  it("counts people, not operations, and names what each would lose", () => {
    const ops: Operation[] = [
      ...removeAll(1),
      { kind: "revokeMobileKey", user: who(0), reason: why, mobileKeyUuid: "k0" },
      { kind: "setWallet", user: who(0), reason: why, enabled: false },
      {
        kind: "updateLocation",
        user: who(1),
        reason: why,
        locationUuid: HQ,
        userLocationUuid: "ul1",
        from: { roleUuid: "r", accessGroupUuids: ["a", "b"] },
        to: { roleUuid: "r", accessGroupUuids: ["a"] },
      },
      {
        kind: "updateLocation",
        user: who(2),
        reason: why,
        locationUuid: HQ,
        userLocationUuid: "ul2",
        from: { roleUuid: "r", accessGroupUuids: ["a"] },
        to: { roleUuid: "s", accessGroupUuids: ["a", "b"] },
      },
    ];
    const r = checkBrake({ operations: ops, current: state(people(3)), catalog: aCatalog(), settings: brake, window: {}, approved: null });
    expect(r.removals).toEqual({ [HQ]: 2 });
    expect(r.losses).toEqual([
      { oktaId: "u0", email: "u0@example.com", propertyUuid: HQ, what: ["location", "mobile key", "Wallet pass"] },
      { oktaId: "u1", email: "u1@example.com", propertyUuid: HQ, what: ["access groups b"] },
    ]);
  });

  it("lets an approved run remove what was approved, plus a little, and no more", () => {
    const input = (n: number) => ({
      operations: removeAll(n),
      current: state(people(100)),
      catalog: aCatalog(),
      settings: brake,
      window: { [HQ]: 90 },
      approved: { by: "ann", removals: { [HQ]: 60 } },
    });
    expect(checkBrake(input(71)).verdict.kind).toBe("approved"); // 60 + 10 % + 5
    expect(checkBrake(input(72)).verdict.kind).toBe("removals");
  });

  it("takes the property's size from the last full read when the run holds only a few people", () => {
    const input = {
      operations: removeAll(30, LAB),
      current: state(people(30, LAB)),
      catalog: aCatalog(),
      settings: brake,
      window: {},
      approved: null,
    };
    expect(checkBrake(input).verdict.kind).toBe("removals");
    expect(checkBrake({ ...input, synced: { [LAB]: 1000 } }).verdict.kind).toBe("passed");
  });
});

describe("checkRead()", () => {
  const base = { users: 1000, groups: 40, memberships: 5000 };
  it.each(
    [
      ["no earlier complete read", null, base, null],
      ["users down by 100 of 1000 (the limit)", base, { ...base, users: 900 }, null],
      ["users down by 101 of 1000", base, { ...base, users: 899 }, "users"],
      ["groups down by 25 of 40 (the floor)", base, { ...base, groups: 15 }, null],
      ["groups down by 26 of 40", base, { ...base, groups: 14 }, "groups"],
      ["memberships halved", base, { ...base, memberships: 2500 }, "memberships"],
      ["everything grew", base, { users: 2000, groups: 80, memberships: 9000 }, null],
    ] as const,
  )("%s", (_, before, after, collection) => {
    const v = checkRead(after, before, brake);
    expect(v?.collection ?? null).toBe(collection);
  });
});

describe("usersOf()", () => {
  const e = (eventType: string, target: { id: string; type: string }[]) => ({ uuid: "e", eventType, target });
  it.each([
    ["a deactivation names its user", e("user.lifecycle.deactivate", [{ id: "00u1", type: "User" }]), ["00u1"]],
    [
      "a membership change names the user, not the group",
      e("group.user_membership.add", [{ id: "00u1", type: "User" }, { id: "00g1", type: "UserGroup" }]),
      ["00u1"],
    ],
    [
      "an app assignment names the AppUser",
      e("application.user_membership.remove", [{ id: "00u2", type: "AppUser" }, { id: "0oa1", type: "AppInstance" }]),
      ["00u2"],
    ],
    ["a sign-in is no hint", e("user.session.start", [{ id: "00u1", type: "User" }]), []],
    ["a group rename is no hint", e("group.profile.update", [{ id: "00g1", type: "UserGroup" }]), []],
  ])("%s", (_, event, ids) => expect(usersOf(event)).toEqual(ids));
});

describe("afterOperation() and geneaAfter()", () => {
  const g = aGeneaUser({
    uuid: "g1",
    locations: [aUserLocation(HQ, { uuid: "ul1" })],
    mobileKeys: [{ uuid: "k1", status: "ACTIVE" }],
    walletEnabled: true,
  });
  const entry = aLedgerEntry("u1", "g1", { granted: { locations: [HQ], mobileKeys: ["k1"], wallet: true } });
  const applied = { result: "applied" as const, attempts: 1, error: null };
  const user = who(1);
  it.each<[string, Operation, object, (e: ReturnType<typeof afterOperation>, u: GeneaUser | null) => void]>([
    [
      "removeLocation",
      { kind: "removeLocation", user, reason: why, locationUuid: HQ, userLocationUuid: "ul1" },
      applied,
      (e, u) => (expect(e?.granted.locations).toEqual([]), expect(u?.locations).toEqual([])),
    ],
    [
      "issueMobileKey",
      { kind: "issueMobileKey", user, reason: why },
      { ...applied, mobileKeyUuid: "k2" },
      (e, u) => (expect(e?.granted.mobileKeys).toEqual(["k1", "k2"]), expect(u?.mobileKeys.map((k) => k.uuid)).toEqual(["k1", "k2"])),
    ],
    [
      "revokeMobileKey",
      { kind: "revokeMobileKey", user, reason: why, mobileKeyUuid: "k1" },
      applied,
      (e, u) => (expect(e?.granted.mobileKeys).toEqual([]), expect(u?.mobileKeys).toEqual([])),
    ],
    [
      "deactivateUser",
      { kind: "deactivateUser", user, reason: why },
      applied,
      (
        e,
        u,
      ) => (expect(e?.deactivatedAt).toBe("T"),
        expect(e?.granted).toEqual({ locations: [], mobileKeys: [], wallet: false }),
        expect(u).toMatchObject({ status: "DEACTIVATED", locations: [], mobileKeys: [], walletEnabled: false })),
    ],
    [
      "setWallet off",
      { kind: "setWallet", user, reason: why, enabled: false },
      applied,
      (e, u) => (expect(e?.granted.wallet).toBe(false), expect(u?.walletEnabled).toBe(false)),
    ],
    ["a failed operation", { kind: "removeLocation", user, reason: why, locationUuid: HQ, userLocationUuid: "ul1" }, {
      result: "failed",
      attempts: 3,
      error: "x",
    }, (e, u) => (expect(e).toBeUndefined(), expect(u).toBeNull())],
    [
      "a skipped operation",
      { kind: "issueMobileKey", user, reason: why },
      { result: "skipped", attempts: 0, error: "x" },
      (e, u) => (expect(e).toBeUndefined(), expect(u).toBe(g)),
    ],
  ])("follow %s", (_, op, outcome, check) => check(afterOperation(entry, op, outcome as never, "T"), geneaAfter(g, op, outcome as never)));
});

describe("stages()", () => {
  const remove = (user: PlanUser): Operation => ({ kind: "removeLocation", user, reason: why, locationUuid: HQ, userLocationUuid: "ul" });
  const key = (user: PlanUser): Operation => ({ kind: "issueMobileKey", user, reason: { kind: "rule", propertyUuid: HQ, ruleId: "r" } });
  const lastOf = (ops: Operation[]) => stages(ops).map((tasks) => tasks.map((t) => [t.oktaId, t.last]));

  it.each([
    ["a user in one stage", [key(who(1))], [[], [], [["u1", true]]]],
    ["a user with a removal, then a grant", [remove(who(1)), key(who(1))], [[], [["u1", false]], [["u1", true]]]],
    [
      "a Genea user a later stage works on under another Okta id",
      [remove(who(1)), key({ ...who(2), geneaUuid: "g1" })],
      [[], [["u1", false]], [["u2", true]]],
    ],
    ["two users apart", [remove(who(1)), key(who(2))], [[], [["u1", true]], [["u2", true]]]],
  ])("marks a user's last task: %s", (_, ops, expected) => expect(lastOf(ops)).toEqual(expected));
});

describe("csvRow()", () => {
  const entry: AuditEntry = {
    runId: "r",
    seq: 0,
    at: "T",
    oktaId: "00u1",
    email: '=HYPERLINK("x")',
    geneaUuid: null,
    kind: "createUser",
    propertyUuid: null,
    propertyName: "HQ, floor 2",
    before: null,
    after: 'say "hi"\nnow',
    reason: { kind: "rule", ruleId: "r1", ruleName: "R", status: null, text: "rule" },
    result: "applied",
    attempts: 1,
    error: null,
  };
  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvRow(entry)).toBe(`T,00u1,"'=HYPERLINK(""x"")",,createUser,"HQ, floor 2",,"say ""hi""\nnow",rule,r1,applied,1,\r\n`);
  });
});
