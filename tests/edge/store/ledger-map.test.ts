/** LedgerMap (edge/store/ledger-map.ts): a whole org's ledger held compactly, read back whole. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LedgerMap } from "../../../edge/store/ledger-map.ts";
import type { LedgerEntry } from "../../../shared/plan/index.ts";

const entry = (oktaId: string, over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  oktaId,
  geneaUuid: `g-${oktaId}`,
  via: "created",
  linkedAt: "2026-12-01T00:00:00.000Z",
  granted: { locations: ["hq"], mobileKeys: [], wallet: false },
  deactivatedAt: null,
  ...over,
});

const arbEntry: fc.Arbitrary<LedgerEntry> = fc.record({
  oktaId: fc.string(),
  geneaUuid: fc.string(),
  via: fc.constantFrom("created", "email", "relinked"),
  linkedAt: fc.string(),
  granted: fc.record({
    locations: fc.array(fc.string(), { maxLength: 4 }),
    mobileKeys: fc.array(fc.string(), { maxLength: 3 }),
    wallet: fc.boolean(),
  }),
  deactivatedAt: fc.option(fc.string(), { nil: null }),
});

describe("LedgerMap", () => {
  it("answers every entry exactly as it was set, whatever its strings hold", () =>
    fc.assert(fc.property(fc.array(arbEntry, { maxLength: 20 }), (entries) => {
      const map = new LedgerMap(entries);
      const last = new Map(entries.map((e) => [e.oktaId, e]));
      expect(map.size).toBe(last.size);
      for (const [id, e] of last) expect(map.get(id)).toEqual(e);
      expect([...map.values()]).toEqual([...last.values()]);
    })));

  it("replaces an entry set again under the same Okta id", () => {
    const map = new LedgerMap([entry("a")]);
    map.set(entry("a", { granted: { locations: ["hq", "branch"], mobileKeys: ["k1"], wallet: true } }));
    expect(map.size).toBe(1);
    expect(map.get("a")?.granted).toEqual({ locations: ["hq", "branch"], mobileKeys: ["k1"], wallet: true });
  });

  it("answers nothing for an id it does not hold", () => {
    const map = new LedgerMap([entry("a"), entry("b")]);
    expect(map.get("c")).toBeUndefined();
    expect(map.has("c")).toBe(false);
  });

  it("hands back a copy: editing what get() answered does not change the ledger", () => {
    const map = new LedgerMap([entry("a")]);
    map.get("a")!.granted.locations.push("branch");
    expect(map.get("a")!.granted.locations).toEqual(["hq"]);
  });
});
