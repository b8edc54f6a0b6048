/**
 * plan() with the identity ledger: the Okta id is the anchor, email only links unknown users,
 * ledger users missing from a complete read lose what doorsync granted, re-hires relink.
 */
import { describe, expect, it } from "vitest";
import type { DirectoryUser } from "../../../shared/directory/model.ts";
import type { GeneaUser } from "../../../shared/genea/model.ts";
import { type AbsentStatus, type Ledger, plan, type PlanInput } from "../../../shared/plan/index.ts";
import type { SkipReason } from "../../../shared/rules/outcome.ts";
import { aUser } from "../../support/directory.ts";
import { aGeneaUser, aLedger, aLedgerEntry, aPlanInput, AT, aUserLocation, describeOperation, OTHER } from "../../support/outcomes.ts";
import { HQ } from "../../support/rules.ts";

const ann = (o: Partial<DirectoryUser> = {}) =>
  aUser({ id: "00u-ann", email: "ann@example.com", profile: { firstName: "Ann", lastName: "Lee" }, ...o });
/** Ann in Genea as HQ staff should be. */
const gAnn = (o: Partial<GeneaUser> = {}) =>
  aGeneaUser({
    uuid: "g-ann",
    name: "Ann Lee",
    email: "ann@example.com",
    walletEnabled: true,
    locations: [aUserLocation(HQ, { uuid: "ul-hq", accessGroupUuids: ["ag-hq-main", "ag-hq-server"] })],
    mobileKeys: [{ uuid: "key-1", status: "ACTIVE" }],
    ...o,
  });

interface World {
  okta: DirectoryUser[];
  genea: GeneaUser[];
  ledger?: Ledger;
  absent?: Record<string, AbsentStatus>;
  /** HQ winner per Okta user (default: HQ staff for everyone) */
  hq?: number[];
  skipped?: Record<number, SkipReason>;
}
function input(w: World): PlanInput {
  const base = aPlanInput(w.okta, w.genea, { [HQ]: w.hq ?? w.okta.map(() => AT.hq.staff) }, w.skipped ?? {});
  return { ...base, ledger: w.ledger, absent: w.absent ? new Map(Object.entries(w.absent)) : undefined };
}
const ops = (w: World) => plan(input(w)).operations.map((o) => `${o.user.oktaId} ${describeOperation(o)}`);

describe("plan() with the identity ledger", () => {
  it("updates the linked Genea user's email when the Okta email changes, never creating a second user", () => {
    const w: World = { okta: [ann({ email: "ann.lee@example.com" })], genea: [gAnn()], ledger: aLedger(aLedgerEntry("00u-ann", "g-ann")) };
    expect(ops(w)).toEqual(["00u-ann updateProfile email: ann@example.com → ann.lee@example.com"]);
    expect(plan(input(w)).links).toEqual([]);
  });

  it("without the ledger the same change would create a duplicate (why the ledger exists)", () => {
    expect(ops({ okta: [ann({ email: "ann.lee@example.com" })], genea: [gAnn()] })[0]).toMatch(/createUser/);
  });

  it("links an unknown Okta user by email and says so", () => {
    const p = plan(input({ okta: [ann()], genea: [gAnn()] }));
    expect(p.operations).toEqual([]);
    expect(p.links).toEqual([{ oktaId: "00u-ann", geneaUuid: "g-ann", via: "email", previousOktaId: null }]);
  });

  it.each<[string, AbsentStatus, string[]]>([
    ["deleted in Okta: loses everything, then is deactivated", "deleted", [
      "removeLocation ul-hq",
      "revokeMobileKey key-1",
      "setWallet off",
      "deactivateUser",
    ]],
    ["out of the app's scope: loses everything, stays active", "out-of-scope", [
      "removeLocation ul-hq",
      "revokeMobileKey key-1",
      "setWallet off",
    ]],
  ])("takes back access from a ledger user missing from the read: %s", (_, status, expected) => {
    const p = plan(input({ okta: [], genea: [gAnn()], ledger: aLedger(aLedgerEntry("00u-ann", "g-ann")), absent: { "00u-ann": status } }));
    expect(p.operations.map(describeOperation)).toEqual(expected);
    expect(p.operations.every((o) => o.reason.kind === "absent" && o.reason.status === status && o.user.oktaId === "00u-ann")).toBe(true);
    expect(p.unmanaged).toEqual([]);
  });

  it("also removes a location doorsync granted that the rules no longer cover", () => {
    const genea = gAnn({
      locations: [aUserLocation(HQ, { uuid: "ul-hq" }), aUserLocation(OTHER, { uuid: "ul-other" })],
      mobileKeys: [],
      walletEnabled: false,
    });
    const ledger = aLedger(aLedgerEntry("00u-ann", "g-ann", { granted: { locations: [HQ, OTHER], mobileKeys: [], wallet: false } }));
    expect(ops({ okta: [], genea: [genea], ledger, absent: { "00u-ann": "out-of-scope" } })).toEqual([
      "00u-ann removeLocation ul-hq",
      "00u-ann removeLocation ul-other",
    ]);
  });

  it("does nothing for a missing ledger user the caller did not confirm (a scoped run)", () => {
    const p = plan(input({ okta: [], genea: [gAnn()], ledger: aLedger(aLedgerEntry("00u-ann", "g-ann")) }));
    expect(p.operations).toEqual([]);
    expect(p.unmanaged).toEqual([]);
  });

  it("relinks a re-hire (new Okta id, same email) to the leaver's deactivated Genea user", () => {
    const w: World = {
      okta: [ann({ id: "00u-rehire" })],
      genea: [gAnn({ status: "DEACTIVATED", locations: [], mobileKeys: [], walletEnabled: false })],
      ledger: aLedger(aLedgerEntry("00u-ann", "g-ann", { deactivatedAt: "2026-02-01T00:00:00.000Z" })),
      absent: { "00u-ann": "deleted" },
    };
    const p = plan(input(w));
    expect(p.links).toEqual([{ oktaId: "00u-rehire", geneaUuid: "g-ann", via: "relinked", previousOktaId: "00u-ann" }]);
    expect(p.operations.map((o) => `${o.user.geneaUuid} ${describeOperation(o)}`)).toEqual([
      "g-ann reactivateUser",
      "g-ann addLocation loc-hq role-user [ag-hq-main,ag-hq-server]",
      "g-ann issueMobileKey",
      "g-ann setWallet on",
    ]);
  });

  // A scoped run (event, incremental, on demand) reads only its people: the owner it did not
  // read may still be in Okta and active, their Genea user deactivated by hand.
  it.each<[string, { deactivatedAt?: string; absent?: Record<string, AbsentStatus> }, string | null]>([
    ["an owner it did not read, their Genea user deactivated by someone else: not handed over", {}, null],
    ["an owner doorsync deactivated as a leaver", { deactivatedAt: "2026-02-01T00:00:00.000Z" }, "00u-ann"],
    ["an owner the run confirmed gone from Okta", { absent: { "00u-ann": "deleted" } }, "00u-ann"],
  ])("in a scoped run, relinks a same-email user only past %s", (_, o, previous) => {
    const w: World = {
      okta: [ann({ id: "00u-other" })],
      genea: [gAnn({ status: "DEACTIVATED", locations: [], mobileKeys: [], walletEnabled: false })],
      ledger: aLedger(aLedgerEntry("00u-ann", "g-ann", { deactivatedAt: o.deactivatedAt ?? null })),
      absent: o.absent,
    };
    const p = plan({ ...input(w), scoped: true });
    expect(p.links.map((l) => l.previousOktaId)).toEqual(previous ? [previous] : []);
    if (!previous) {
      expect(p.operations).toEqual([]);
      expect(p.skipped).toEqual([{ oktaId: "00u-other", email: "ann@example.com", reason: "duplicate-email" }]);
    }
  });

  it("relinks a re-hire while the DEPROVISIONED leaver is still in Okta, once the Genea user is deactivated", () => {
    const w: World = {
      okta: [ann({ status: "DEPROVISIONED" }), ann({ id: "00u-rehire" })],
      genea: [gAnn({ status: "DEACTIVATED", locations: [], mobileKeys: [], walletEnabled: false })],
      ledger: aLedger(aLedgerEntry("00u-ann", "g-ann")),
      skipped: { 0: "deprovisioned" },
    };
    const p = plan(input(w));
    expect(p.links.map((l) => [l.oktaId, l.via, l.previousOktaId])).toEqual([["00u-rehire", "relinked", "00u-ann"]]);
    expect(p.skipped).toContainEqual({ oktaId: "00u-ann", email: "ann@example.com", reason: "relinked" });
    expect(p.operations[0]).toMatchObject({ kind: "reactivateUser", user: { oktaId: "00u-rehire", geneaUuid: "g-ann" } });
  });

  it("does not hand a leaver's still-active Genea user (with their keys) to a re-hire: the leaver is revoked first", () => {
    const w: World = {
      okta: [ann({ status: "DEPROVISIONED" }), ann({ id: "00u-rehire" })],
      genea: [gAnn()],
      ledger: aLedger(aLedgerEntry("00u-ann", "g-ann")),
      skipped: { 0: "deprovisioned" },
    };
    const p = plan(input(w));
    expect(p.links).toEqual([]);
    expect(p.skipped).toContainEqual({ oktaId: "00u-rehire", email: "ann@example.com", reason: "duplicate-email" });
    expect(p.operations.map((o) => `${o.user.oktaId} ${o.kind}`)).toEqual([
      "00u-ann removeLocation",
      "00u-ann revokeMobileKey",
      "00u-ann setWallet",
      "00u-ann deactivateUser",
    ]);
  });

  it("never touches a Genea user doorsync neither created nor linked (a manual user)", () => {
    const manual = aGeneaUser({ uuid: "g-manual", name: "Visitor", email: "visitor@example.com", locations: [aUserLocation(HQ)] });
    const p = plan(input({ okta: [ann()], genea: [gAnn(), manual], ledger: aLedger(aLedgerEntry("00u-ann", "g-ann")) }));
    expect(p.operations).toEqual([]);
    expect(p.unmanaged).toEqual([{
      geneaUuid: "g-manual",
      email: "visitor@example.com",
      name: "Visitor",
      reason: "no-okta-user",
      oktaId: null,
    }]);
  });

  it.each([
    ["made a global admin", { isGlobalAdmin: true }],
    ["pinned against directory sync", { allowDirectorySync: false }],
  ])("leaves a linked user alone once their Genea user is %s", (_, o) => {
    const p = plan(input({ okta: [ann()], genea: [gAnn(o)], ledger: aLedger(aLedgerEntry("00u-ann", "g-ann")), hq: [AT.hq.admins] }));
    expect(p.operations).toEqual([]);
    expect(p.skipped).toEqual([{ oktaId: "00u-ann", email: "ann@example.com", reason: "unmanaged-in-genea" }]);
  });

  it("leaves a linked user who lost their Okta email as they are", () => {
    const p = plan(
      input({
        okta: [ann({ email: null })],
        genea: [gAnn()],
        ledger: aLedger(aLedgerEntry("00u-ann", "g-ann")),
        skipped: { 0: "no-email" },
      }),
    );
    expect(p.operations).toEqual([]);
    expect(p.skipped).toEqual([{ oktaId: "00u-ann", email: null, reason: "no-email" }]);
  });

  it("still revokes a linked leaver who has no email", () => {
    const w: World = {
      okta: [ann({ email: null, status: "DEPROVISIONED" })],
      genea: [gAnn()],
      ledger: aLedger(aLedgerEntry("00u-ann", "g-ann")),
      skipped: { 0: "deprovisioned" },
    };
    expect(ops(w).at(-1)).toBe("00u-ann deactivateUser");
  });

  it("skips an unknown Okta user whose email belongs to another linked user's Genea user", () => {
    const w: World = {
      okta: [ann({ email: "ann.lee@example.com" }), ann({ id: "00u-new" })],
      genea: [gAnn()],
      ledger: aLedger(aLedgerEntry("00u-ann", "g-ann")),
    };
    const p = plan(input(w));
    expect(p.skipped).toEqual([{ oktaId: "00u-new", email: "ann@example.com", reason: "duplicate-email" }]);
    expect(p.operations.map((o) => `${o.user.oktaId} ${o.kind}`)).toEqual(["00u-ann updateProfile"]);
  });

  it("ignores a ledger entry whose Genea user no longer exists, linking by email again", () => {
    const p = plan(input({ okta: [ann()], genea: [gAnn({ uuid: "g-ann-2" })], ledger: aLedger(aLedgerEntry("00u-ann", "g-gone")) }));
    expect(p.links).toEqual([{ oktaId: "00u-ann", geneaUuid: "g-ann-2", via: "email", previousOktaId: null }]);
  });
});
