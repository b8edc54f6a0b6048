import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkRegex, createEngine, explain, type Outcome, type RuleSet } from "../../../shared/rules/index.ts";
import type { Directory } from "../../../shared/directory/model.ts";
import { referenceEvaluate, referenceSkip } from "../../support/reference-evaluator.ts";
import { condition, directory, edit, longRuleSet, matchesCondition, ruleSet } from "../../support/arbitraries.ts";
import { aRule, aRuleSet } from "../../support/rules.ts";
import type { Condition } from "../../../shared/rules/model.ts";

/** A near twin of a condition: the same but for case sensitivity or the group op. */
function twin(c: Condition): Condition {
  if (c.kind === "group") return { ...c, op: c.op === "any" ? "all" : c.op === "all" ? "none" : "any" };
  if (c.kind === "attribute" && "value" in c) return { ...c, caseSensitive: c.caseSensitive !== true };
  if (c.kind === "attribute" && "values" in c) return { ...c, caseSensitive: c.caseSensitive !== true };
  return c;
}

const safeRegex = (source: string) => checkRegex(source).ok;

function expectAgreesWithReference(outcome: Outcome, dir: Directory, rs: RuleSet): void {
  const winners = Object.fromEntries(Object.entries(outcome.winners).map(([p, w]) => [p, Array.from(w)]));
  expect(winners).toEqual(referenceEvaluate(dir, rs, safeRegex));
  expect(outcome.skipped).toEqual(dir.users.map((u) => referenceSkip(u, rs)));
  expect(outcome.userIds).toEqual(dir.users.map((u) => u.id));
}

describe("the compiled engine (property-based)", () => {
  it("agrees with the reference evaluator on random rule sets and users", () => {
    fc.assert(
      fc.property(directory, ruleSet, (dir, rs) => {
        expectAgreesWithReference(createEngine(dir).evaluate(rs), dir, rs);
      }),
      { numRuns: 600 },
    );
  });

  it("agrees with the reference evaluator through a series of incremental edits", () => {
    fc.assert(
      fc.property(directory, ruleSet, fc.array(edit, { minLength: 1, maxLength: 6 }), (dir, first, edits) => {
        const engine = createEngine(dir);
        let rs = first;
        expectAgreesWithReference(engine.evaluate(rs), dir, rs);
        for (const apply of edits) {
          rs = apply(rs);
          expectAgreesWithReference(engine.evaluate(rs), dir, rs);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with the reference evaluator through edits of long rule lists (resuming from checkpoints)", () => {
    fc.assert(
      fc.property(directory, longRuleSet, fc.array(edit, { minLength: 1, maxLength: 6 }), (dir, first, edits) => {
        const engine = createEngine(dir);
        let rs = first;
        expectAgreesWithReference(engine.evaluate(rs), dir, rs);
        for (const apply of edits) {
          rs = apply(rs);
          expectAgreesWithReference(engine.evaluate(rs), dir, rs);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("agrees with the reference evaluator on larger, sparser directories (sparse and dense paths)", () => {
    // 40 plain users after each random one: small groups and rare values stay below the
    // share at which the engine switches from member lists to ready bitsets.
    const spread = directory.map((dir) => ({
      ...dir,
      users: dir.users.flatMap((u, i) => [u, ...Array.from({ length: 40 }, (_, k) => ({ id: `f${i}-${k}`, status: "ACTIVE" as const, email: "f@example.com", profile: {}, groupIds: [] }))]),
    }));
    fc.assert(
      fc.property(spread, ruleSet, (dir, rs) => {
        expectAgreesWithReference(createEngine(dir).evaluate(rs), dir, rs);
      }),
      { numRuns: 60 },
    );
  });

  it("never confuses near-twin conditions in its cache (one rule per property)", () => {
    fc.assert(
      fc.property(directory, fc.array(condition, { minLength: 1, maxLength: 8 }), (dir, conditions) => {
        const all = conditions.flatMap((c) => [c, twin(c)]);
        const rs = aRuleSet(Object.fromEntries(all.map((c, i) => [`p${i}`, [aRule({ conditions: [c] })]])), "evaluate");
        expectAgreesWithReference(createEngine(dir).evaluate(rs), dir, rs);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with the reference evaluator on matches conditions (one rule per property)", () => {
    fc.assert(
      fc.property(directory, fc.array(matchesCondition, { minLength: 1, maxLength: 8 }), (dir, conditions) => {
        const rs = aRuleSet(Object.fromEntries(conditions.map((c, i) => [`p${i}`, [aRule({ conditions: [c] })]])), "evaluate");
        expectAgreesWithReference(createEngine(dir).evaluate(rs), dir, rs);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with explain() for every user and property", () => {
    fc.assert(
      fc.property(directory, ruleSet, (dir, rs) => {
        const outcome = createEngine(dir).evaluate(rs);
        for (const [property, winners] of Object.entries(outcome.winners)) {
          dir.users.forEach((user, u) => {
            const trace = explain(dir, rs, user.id, property);
            expect(trace.winner).toBe(winners[u]);
            expect(trace.skipped).toBe(outcome.skipped[u]);
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});
