import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPlan, normaliseEmail, plan } from "../../../shared/plan/index.ts";
import { planWorld as world } from "../../support/outcomes.ts";
import { HQ, LAB } from "../../support/rules.ts";

describe("plan() over random small worlds", () => {
  it("plans nothing after its own plan is applied (idempotence)", () => {
    fc.assert(
      fc.property(world, (input) => {
        const after = applyPlan(input.current, plan(input));
        expect(plan({ ...input, current: after }).operations).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("never changes a Genea user it does not manage", () => {
    fc.assert(
      fc.property(world, (input) => {
        const p = plan(input);
        const after = new Map(applyPlan(input.current, p).users.map((u) => [u.uuid, u]));
        for (const u of p.unmanaged) {
          expect(after.get(u.geneaUuid)).toEqual(input.current.users.find((g) => g.uuid === u.geneaUuid));
        }
        const untouchable = new Set(input.current.users.filter((g) => g.isGlobalAdmin || !g.allowDirectorySync).map((g) => g.uuid));
        expect(p.operations.filter((o) => o.user.geneaUuid !== null && untouchable.has(o.user.geneaUuid))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves no managed access for deprovisioned or suspended users, and never creates them", () => {
    fc.assert(
      fc.property(world, (input) => {
        const p = plan(input);
        const after = applyPlan(input.current, p);
        const managed = new Set(input.current.users.map((g) => g.uuid).filter((uuid) => !p.unmanaged.some((u) => u.geneaUuid === uuid)));
        input.directory.users.forEach((u, i) => {
          const skip = input.outcome.skipped[i];
          if (skip !== "deprovisioned" && skip !== "suspended") return;
          const key = normaliseEmail(u.email);
          for (const g of after.users) {
            if (normaliseEmail(g.email) !== key || !managed.has(g.uuid)) continue;
            const live = g.mobileKeys.filter((k) => k.status === "ACTIVE" || k.status === "PENDING_DOWNLOAD");
            const covered = g.locations.filter((l) => l.locationUuid === HQ || l.locationUuid === LAB);
            expect(g.status === "DEACTIVATED" || (covered.length === 0 && live.length === 0)).toBe(true);
          }
          expect(p.operations.some((o) => o.kind === "createUser" && o.user.oktaId === u.id)).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });
});
