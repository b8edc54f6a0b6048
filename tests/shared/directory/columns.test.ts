import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createColumnsBuilder } from "../../../shared/directory/columns.ts";
import { Cells, stringKey } from "../../../shared/directory/cells.ts";
import { recordsOf, tableOf } from "../../../shared/directory/table.ts";
import type { Directory } from "../../../shared/directory/model.ts";
import { anyDirectory } from "../../support/arbitraries.ts";
import { aDirectory, aUser } from "../../support/directory.ts";

const columnsOf = (d: Directory, capacity?: number) => {
  const builder = createColumnsBuilder(capacity);
  for (const u of d.users) builder.add(u);
  return builder.finish(d.fetchedAt, d.groups);
};

describe("Cells", () => {
  it("keeps every value past the two-byte code limit, coded before and plain after", () => {
    const cells = new Cells<string>(stringKey, 4);
    const n = 70_000;
    for (let i = 0; i < n; i++) cells.set(i, i % 3 === 0 ? undefined : `v${i}`);
    for (const i of [0, 1, 2, 65_534, 65_535, 65_536, n - 1]) expect(cells.get(i)).toBe(i % 3 === 0 ? undefined : `v${i}`);
  });

  it("picks rows in the order asked, coded or plain", () => {
    for (const distinct of [3, 70_000]) {
      const cells = new Cells<string>(stringKey);
      for (let i = 0; i < 70_000; i++) cells.set(i, `v${i % distinct}`);
      const picked = cells.pick([69_999, 5, 5]);
      expect([0, 1, 2].map((k) => picked.get(k))).toEqual([`v${69_999 % distinct}`, `v${5 % distinct}`, `v${5 % distinct}`]);
    }
  });
});

describe("createColumnsBuilder()", () => {
  it("gives back every user as it was added (any directory the model allows)", () => {
    fc.assert(
      fc.property(anyDirectory, fc.integer({ min: 1, max: 4 }), (d, capacity) => {
        expect(recordsOf(columnsOf(d, capacity))).toEqual(d);
      }),
    );
  });

  it("answers the table's questions as the records do", () => {
    fc.assert(
      fc.property(anyDirectory, fc.constantFrom("email", "__proto__", "constructor", "toString", "missing"), (d, name) => {
        const [records, columns] = [tableOf(d), columnsOf(d)];
        const read = [records.attribute(name), columns.attribute(name)];
        for (let u = 0; u < d.users.length; u++) {
          expect([columns.id(u), columns.status(u), columns.email(u), columns.lastUpdated(u)])
            .toEqual([records.id(u), records.status(u), records.email(u), records.lastUpdated(u)]);
          expect(columns.groupIds(u)).toEqual(records.groupIds(u));
          expect(read[1](u)).toEqual(read[0](u));
        }
      }),
    );
  });

  it("keeps a profile key named __proto__ as data", () => {
    const profile = JSON.parse('{"__proto__": "x", "title": "CTO"}');
    const user = columnsOf(aDirectory([aUser({ profile })])).user(0);
    expect(Object.getPrototypeOf(user.profile)).toBe(Object.prototype);
    expect(Object.keys(user.profile)).toEqual(["__proto__", "title"]);
  });

  it("replaces a row whole: attributes the new copy lacks are gone", () => {
    const builder = createColumnsBuilder();
    const row = builder.add(aUser({ id: "u1", profile: { title: "CTO", city: "Oslo" }, groupIds: ["g1"] }));
    builder.set(row, aUser({ id: "u1", profile: { city: "Bergen" }, lastUpdated: "2026-02-01T00:00:00Z" }));
    const user = builder.finish("t", []).user(0);
    expect(user).toEqual(aUser({ id: "u1", profile: { city: "Bergen" }, lastUpdated: "2026-02-01T00:00:00Z" }));
  });

  it("puts rows in the order finish() asks for, leaving out rows not named", () => {
    const builder = createColumnsBuilder();
    for (const id of ["c", "a", "b"]) builder.add(aUser({ id, email: `${id}@example.com` }));
    const table = builder.finish("t", [], [1, 2]);
    expect([table.size, table.id(0), table.id(1), table.email(1)]).toEqual([2, "a", "b", "b@example.com"]);
  });

  it("shares one frozen group list between users in the same groups", () => {
    const t = columnsOf(aDirectory([aUser({ id: "a", groupIds: ["g1", "g2"] }), aUser({ id: "b", groupIds: ["g1", "g2"] })]));
    expect(t.groupIds(0)).toBe(t.groupIds(1));
    expect(Object.isFrozen(t.groupIds(0))).toBe(true);
    expect(t.user(0).groupIds).not.toBe(t.groupIds(0)); // a record gets its own copy to change
  });
});
