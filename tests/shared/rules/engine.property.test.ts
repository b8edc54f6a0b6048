import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkRegex, createEngine, explain, type Outcome, type RuleSet } from "../../../shared/rules/index.ts";
import type { Directory } from "../../../shared/directory/model.ts";
import { createColumnsBuilder } from "../../../shared/directory/columns.ts";
import { referenceEvaluate, referenceSkip } from "../../support/reference-evaluator.ts";
import { condition, directory, edit, indexesPreparedBefore, longRuleSet, matchesCondition, ruleSet } from "../../support/arbitraries.ts";
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

/**
 * Evaluates `first` then each edit in turn on one engine, checking every outcome; the value
 * indexes are prepared before evaluation `preparedBefore` (null: left to the engine).
 */
function expectEditsAgree(dir: Directory, first: RuleSet, edits: ((rs: RuleSet) => RuleSet)[], preparedBefore: number | null): void {
  const engine = createEngine(dir);
  let rs = first;
  expectAgreesWithReference(engine.evaluate(rs), dir, rs);
  edits.forEach((apply, i) => {
    if (preparedBefore === i + 1) engine.compiled.prepareIndexes();
    rs = apply(rs);
    expectAgreesWithReference(engine.evaluate(rs), dir, rs);
  });
}

/** The first evaluation tests every value (no index yet); then again, cold, once indexed. */
function expectAgreesUnindexedAndIndexed(dir: Directory, rs: RuleSet, indexed: boolean): void {
  const engine = createEngine(dir);
  expectAgreesWithReference(engine.evaluate(rs), dir, rs);
  if (!indexed) return;
  engine.compiled.prepareIndexes();
  expectAgreesWithReference(createEngine(engine.compiled).evaluate(rs), dir, rs);
  expectAgreesWithReference(engine.evaluate(rs), dir, rs); // bitsets cached before the renumbering
}

describe("the compiled engine (property-based)", () => {
  it("agrees with the reference evaluator on random rule sets and users, before and after prepareIndexes()", () => {
    fc.assert(
      fc.property(directory, ruleSet, fc.boolean(), (dir, rs, indexed) => expectAgreesUnindexedAndIndexed(dir, rs, indexed)),
      { numRuns: 600 },
    );
  });

  it("agrees with the reference evaluator over the directory held as columns, and explains alike", () => {
    fc.assert(
      fc.property(directory, ruleSet, (dir, rs) => {
        const builder = createColumnsBuilder(1);
        dir.users.forEach((u) => builder.add(u));
        const engine = createEngine(builder.finish(dir.fetchedAt, dir.groups));
        expectAgreesWithReference(engine.evaluate(rs), dir, rs);
        const [user, property] = [dir.users[0], Object.keys(rs.properties)[0]];
        if (user && property) expect(engine.explain(rs, user.id, property)).toEqual(explain(dir, rs, user.id, property));
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with the reference evaluator through a series of incremental edits", () => {
    fc.assert(
      fc.property(directory, ruleSet, fc.array(edit, { minLength: 1, maxLength: 6 }), indexesPreparedBefore, expectEditsAgree),
      { numRuns: 300 },
    );
  });

  it("agrees with the reference evaluator through edits of long rule lists (resuming from checkpoints)", () => {
    fc.assert(
      fc.property(directory, longRuleSet, fc.array(edit, { minLength: 1, maxLength: 6 }), indexesPreparedBefore, expectEditsAgree),
      { numRuns: 150 },
    );
  });

  it("agrees with the reference evaluator on larger, sparser directories (sparse and dense paths), before and after prepareIndexes()", () => {
    // 40 plain users after each random one: small groups and rare values stay below the
    // share at which the engine switches from member lists to ready bitsets.
    const spread = directory.map((dir) => ({
      ...dir,
      users: dir.users.flatMap((
        u,
        i,
      ) => [
        u,
        ...Array.from(
          { length: 40 },
          (_, k) => ({ id: `f${i}-${k}`, status: "ACTIVE" as const, email: "f@example.com", profile: {}, groupIds: [] }),
        ),
      ]),
    }));
    fc.assert(
      fc.property(spread, ruleSet, fc.boolean(), (dir, rs, indexed) => expectAgreesUnindexedAndIndexed(dir, rs, indexed)),
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

  it("agrees with the reference evaluator on matches conditions (one rule per property), before and after prepareIndexes()", () => {
    fc.assert(
      fc.property(directory, fc.array(matchesCondition, { minLength: 1, maxLength: 8 }), fc.boolean(), (dir, conditions, indexed) => {
        const rs = aRuleSet(Object.fromEntries(conditions.map((c, i) => [`p${i}`, [aRule({ conditions: [c] })]])), "evaluate");
        expectAgreesUnindexedAndIndexed(dir, rs, indexed);
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
