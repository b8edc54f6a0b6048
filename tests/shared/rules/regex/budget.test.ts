/**
 * No pattern freezes an evaluation: over a 100,000-user directory, the shapes that make
 * backtracking engines take exponential (or high polynomial) time cost the matcher a fixed
 * budget of steps, whether the safety check would let them through or not.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkRegex, compilePattern, MAX_STATES } from "../../../../shared/rules/regex/index.ts";
import { createEngine } from "../../../../shared/rules/index.ts";
import { aDirectory, aUser } from "../../../support/directory.ts";
import { aRule, aRuleSet, attr, HQ } from "../../../support/rules.ts";
import { hostilePattern } from "../../../support/patterns.ts";

const USERS = 100_000;

/** Distinct values that feed the shapes below: long runs of one letter, emails, random a/b text. */
function noteOf(i: number): string {
  const random = (i * 2654435761) >>> 0;
  switch (i % 4) {
    case 0:
      return `${"a".repeat(20 + (i % 23))}${i}`;
    case 1:
      return `first${i}.last${i % 977}@example.com`;
    case 2:
      return `${"ab".repeat(10 + (i % 7))}_${i}`;
    default:
      return Array.from({ length: 32 }, (_, k) => ((random >>> k) & 1 ? "a" : "b")).join("") + i;
  }
}
const values = Array.from({ length: USERS }, (_, i) => noteOf(i));
const characters = values.reduce((n, v) => n + v.length, 0);
/** The budget: at most this many steps per character read, on average over the directory. */
const STEPS_PER_CHARACTER = 100;
const BUDGET = STEPS_PER_CHARACTER * characters;
/** What the matcher guarantees for a pattern of `states` automaton states (matcher.ts). */
const bound = (states: number) => (characters + values.length) * (2 * states + 1);

/** Steps to test every value, on the matcher alone (the safety check bypassed). */
function stepsOver(source: string): number {
  const pattern = compilePattern(source, false);
  for (const value of values) pattern.test(value);
  return pattern.steps;
}

const directory = aDirectory(values.map((note, i) => aUser({ id: `u${i}`, profile: { note } })));
const engine = createEngine(directory);

/** Evaluates one rule `note matches source` over the directory; the test's timeout is the backstop. */
function evaluateOver(source: string): number {
  const outcome = engine.evaluate(aRuleSet({ [HQ]: [aRule({ conditions: [attr("note", "matches", source)] })] }));
  return Array.from(outcome.winners[HQ]).filter((w) => w === 0).length;
}

describe(`matches over ${USERS} users (${characters} characters): at most ${STEPS_PER_CHARACTER} steps per character`, () => {
  it.each([
    ["the chain of optionals that froze the edge (41 characters)", `${".?".repeat(20)}#`],
    ["optionals then as many mandatories", `${"a?".repeat(30)}${"a".repeat(30)}`],
    ["nested quantifiers", "^(a+)+$"],
    ["nested stars", "^(a*)*b$"],
    ["alternation under repetition", "^(a|a)*b$"],
    ["overlapping alternation under repetition", "^(a|ab|b)*c$"],
    ["adjacent unbounded quantifiers", "a*a*a*a*a*a*a*a*a*a*!"],
    ["stacked bounded repeats", `${"\\w{0,30}".repeat(6)}@`],
    ["alternated optionals", `${"(a|b|ab)?".repeat(12)}x`],
    ["an optional nested in stars", "((((a?)*)*)*)*z"],
    ["the n-th character from the end (an exponential DFA)", "a.{20}$"],
    ["a wide window (an exponential DFA)", "a.{0,25}b.{25}$"],
  ])("%s: %s", (_name, source) => {
    const steps = stepsOver(source);
    expect(steps).toBeLessThanOrEqual(BUDGET);
    expect(steps).toBeLessThanOrEqual(bound(MAX_STATES));
    if (checkRegex(source).ok) expect(evaluateOver(source)).toBeGreaterThanOrEqual(0); // it returns
  }, 120_000);

  it("holds for generated hostile patterns (those it refuses are never run)", () => {
    fc.assert(
      fc.property(hostilePattern, (source) => {
        let steps: number;
        try {
          steps = stepsOver(source);
        } catch (e) {
          // Too large an automaton: refused at compile, as checkRegex refuses it everywhere rules are accepted.
          expect(checkRegex(source).ok).toBe(false);
          expect(String(e)).toMatch(/more than \d+ states/);
          return;
        }
        expect(steps).toBeLessThanOrEqual(BUDGET);
      }),
      { numRuns: 20 },
    );
  }, 300_000);
});
