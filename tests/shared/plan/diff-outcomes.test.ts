import { describe, expect, it } from "vitest";
import { diffOutcomes } from "../../../shared/plan/index.ts";
import { NO_MATCH } from "../../../shared/rules/outcome.ts";
import type { RuleSet } from "../../../shared/rules/model.ts";
import { aDirectory, aUser } from "../../support/directory.ts";
import { anOutcome, AT, everyone, worldRuleSet } from "../../support/outcomes.ts";
import { aRule, aRuleSet, grant, HQ, LAB } from "../../support/rules.ts";

const users = ["u0", "u1", "u2", "u3"].map((id) => aUser({ id, email: `${id}@example.com` }));
const directory = aDirectory(users);
const rules = worldRuleSet();
const X = NO_MATCH;

describe("diffOutcomes()", () => {
  it("finds nothing between an outcome and itself", () => {
    const o = anOutcome(rules, directory, { [HQ]: [0, 1, 2, X] });
    const d = diffOutcomes(o, o);
    expect(d.totals).toEqual({ gained: 0, lost: 0, changed: 0, usersAffected: 0 });
    expect(d.properties.map((p) => [p.propertyUuid, p.presence, p.gained.length + p.lost.length + p.changed.length])).toEqual([
      ["loc-ghost", "both", 0],
      [HQ, "both", 0],
      [LAB, "both", 0],
    ]);
  });

  it("classifies gained, lost and changed users with the rules before and after", () => {
    const before = anOutcome(rules, directory, { [HQ]: [X, AT.hq.exclude, AT.hq.staff, AT.hq.staff] });
    const after = anOutcome(rules, directory, { [HQ]: [AT.hq.staff, AT.hq.staff, X, AT.hq.admins] });
    const hq = diffOutcomes(before, after).properties.find((p) => p.propertyUuid === HQ)!;
    expect(hq.gained).toEqual([
      { userId: "u0", beforeIndex: 0, afterIndex: 0, ruleIdBefore: null, ruleIdAfter: "hq-staff" },
      { userId: "u1", beforeIndex: 1, afterIndex: 1, ruleIdBefore: "hq-exclude", ruleIdAfter: "hq-staff" },
    ]);
    expect(hq.lost).toEqual([{ userId: "u2", beforeIndex: 2, afterIndex: 2, ruleIdBefore: "hq-staff", ruleIdAfter: null }]);
    expect(hq.changed).toEqual([
      {
        userId: "u3",
        beforeIndex: 3,
        afterIndex: 3,
        ruleIdBefore: "hq-staff",
        ruleIdAfter: "hq-admins",
        fields: ["role", "accessGroups", "mobileKey", "wallet", "ruleId"],
      },
    ]);
  });

  it("counts a user skipped after as lost", () => {
    const before = anOutcome(rules, directory, { [HQ]: everyone(4, AT.hq.staff) });
    const after = anOutcome(rules, directory, { [HQ]: everyone(4, AT.hq.staff) }, { 1: "deprovisioned" });
    const d = diffOutcomes(before, after);
    expect(d.totals).toEqual({ gained: 0, lost: 1, changed: 0, usersAffected: 1 });
    expect(d.properties.find((p) => p.propertyUuid === HQ)!.lost.map((e) => e.userId)).toEqual(["u1"]);
  });

  const edited = (edit: (r: RuleSet) => void): RuleSet => {
    const r = structuredClone(rules);
    edit(r);
    return r;
  };

  it.each<{ name: string; edit: (r: RuleSet) => void; fields: string[] | null }>([
    { name: "a renamed rule id", edit: (r) => (r.properties[HQ].rules[0].id = "hq-everyone"), fields: ["ruleId"] },
    {
      name: "access groups listed in another order",
      edit: (r) => {
        const a = r.properties[HQ].rules[0].actions;
        if (a.kind === "grant") a.accessGroupIds = ["ag-hq-server", "ag-hq-main", "ag-hq-main"];
      },
      fields: null,
    },
    {
      name: "a changed role in the same rule",
      edit: (r) => {
        const a = r.properties[HQ].rules[0].actions;
        if (a.kind === "grant") a.roleId = "role-admin";
      },
      fields: ["role"],
    },
    { name: "a renamed rule (name only)", edit: (r) => (r.properties[HQ].rules[0].name = "Everyone"), fields: null },
  ])("compares assignment content, not rule objects: $name", ({ edit, fields }) => {
    const w = { [HQ]: everyone(4, AT.hq.staff) };
    const d = diffOutcomes(anOutcome(rules, directory, w), anOutcome(edited(edit), directory, w));
    const hq = d.properties.find((p) => p.propertyUuid === HQ)!;
    expect(hq.changed.map((c) => c.fields)).toEqual(fields ? [fields, fields, fields, fields] : []);
  });

  it("handles rule sets covering different properties", () => {
    const before = anOutcome(aRuleSet({ [HQ]: [aRule({ id: "a" })] }), directory, { [HQ]: [0, X, 0, X] });
    const after = anOutcome(aRuleSet({ [LAB]: [aRule({ id: "b", actions: grant({ accessGroupIds: ["ag-lab-main"] }) })] }), directory, {
      [LAB]: [0, 0, X, X],
    });
    const d = diffOutcomes(before, after);
    expect(
      d.properties.map((p) => ({
        p: p.propertyUuid,
        presence: p.presence,
        gained: p.gained.map((e) => e.userId),
        lost: p.lost.map((e) => e.userId),
      })),
    ).toEqual([
      { p: HQ, presence: "removed", gained: [], lost: ["u0", "u2"] },
      { p: LAB, presence: "added", gained: ["u0", "u1"], lost: [] },
    ]);
    expect(d.totals).toEqual({ gained: 2, lost: 2, changed: 0, usersAffected: 3 });
  });

  it("aligns users by id when the directories differ", () => {
    const rs = aRuleSet({ [HQ]: [aRule({ id: "a" })] });
    const before = anOutcome(rs, aDirectory([users[0], users[1]]), { [HQ]: [0, 0] });
    const after = anOutcome(rs, aDirectory([users[2], users[1]]), { [HQ]: [0, 0] });
    const hq = diffOutcomes(before, after).properties[0];
    expect(hq.lost).toEqual([{ userId: "u0", beforeIndex: 0, afterIndex: null, ruleIdBefore: "a", ruleIdAfter: null }]);
    expect(hq.gained).toEqual([{ userId: "u2", beforeIndex: null, afterIndex: 0, ruleIdBefore: null, ruleIdAfter: "a" }]);
    expect(hq.changed).toEqual([]);
  });

  it("adds emails when given the directory", () => {
    const before = anOutcome(rules, directory, {});
    const after = anOutcome(rules, directory, { [HQ]: [0] });
    const hq = diffOutcomes(before, after, directory).properties.find((p) => p.propertyUuid === HQ)!;
    expect(hq.gained[0]).toMatchObject({ userId: "u0", email: "u0@example.com" });
  });

  it("reports exactly the changed users among 100,000 over 5 properties", () => {
    const n = 100_000;
    const big = aDirectory(Array.from({ length: n }, (_, i) => aUser({ id: `u${i}`, email: null })));
    const props = ["p1", "p2", "p3", "p4", "p5"];
    const rs = aRuleSet(
      Object.fromEntries(
        props.map((p) => [p, [aRule({ id: `${p}-a` }), aRule({ id: `${p}-b`, actions: grant({ roleId: "role-admin" }) })]]),
      ),
    );
    const before = anOutcome(rs, big, Object.fromEntries(props.map((p) => [p, everyone(n, 0)])));
    const after = anOutcome(rs, big, Object.fromEntries(props.map((p) => [p, everyone(n, 0)])));
    after.winners.p3[12_345] = 1;
    after.winners.p5[99_999] = NO_MATCH;
    const d = diffOutcomes(before, after);
    expect(d.totals).toEqual({ gained: 0, lost: 1, changed: 1, usersAffected: 2 });
    expect(d.properties.find((p) => p.propertyUuid === "p3")!.changed).toEqual([
      { userId: "u12345", beforeIndex: 12_345, afterIndex: 12_345, ruleIdBefore: "p3-a", ruleIdAfter: "p3-b", fields: ["role", "ruleId"] },
    ]);
  });
});
