import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPlan, normaliseEmail, plan, plannedUserUuid } from "../../../shared/plan/index.ts";
import { ledgerAfter, planWorld as world, planWorldWithLedger } from "../../support/outcomes.ts";
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

  it("converges with a ledger: applying its plans and recording its links reaches nothing to do within 2 rounds", () => {
    // Two rounds, not one: a leaver's Genea user passes to a re-hire with the same email
    // only once the leaver's deactivation has been applied (it may still hold their keys).
    fc.assert(
      fc.property(planWorldWithLedger, (input) => {
        let state = input;
        for (let round = 0; round < 2; round++) {
          const p = plan(state);
          state = { ...state, current: applyPlan(state.current, p), ledger: ledgerAfter(state, p, plannedUserUuid) };
        }
        expect(plan(state).operations).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("never creates a Genea user for an Okta user the ledger already links", () => {
    fc.assert(
      fc.property(planWorldWithLedger, (input) => {
        for (const op of plan(input).operations) {
          if (op.kind === "createUser") {
            expect(
              input.ledger?.has(op.user.oktaId) && input.current.users.some((g) => g.uuid === input.ledger!.get(op.user.oktaId)!.geneaUuid),
            ).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never touches Genea users that are global admins or pinned, with a ledger", () => {
    fc.assert(
      fc.property(planWorldWithLedger, (input) => {
        const untouchable = new Set(input.current.users.filter((g) => g.isGlobalAdmin || !g.allowDirectorySync).map((g) => g.uuid));
        expect(plan(input).operations.filter((o) => o.user.geneaUuid !== null && untouchable.has(o.user.geneaUuid))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
