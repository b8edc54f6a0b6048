/**
 * Attribute operators, as a lookup table keyed by `op` (rules are data; see CONTRIBUTING).
 *
 * Semantics, shared by the compiled engine, `explain` and `lint`:
 * - A profile value is read with `Object.hasOwn` (custom keys allowed, prototype keys never).
 * - It is *set* when it is a non-empty string or a non-empty array; null, a missing key,
 *   "" and [] are *unset*. Each operator states its result for an unset value
 *   (`whenUnset`): positive operators fail, `notEquals` and `isNotSet` pass.
 * - A set value is seen as a list of strings (a string is a list of one). Positive
 *   operators pass if *some* element passes; `notEquals` passes only if *every* element is
 *   unequal (no element equals), so `notEquals` is always the exact negation of `equals`.
 * - Comparison is case-insensitive (locale-independent `toLowerCase`) unless
 *   `caseSensitive: true`; values are compared exactly otherwise (no trimming).
 * - `matches` runs a pattern vetted by `regex.ts`; an invalid or unsafe pattern fails
 *   closed (the condition passes for nobody) and lint reports it.
 */
import type { AttributeCondition, AttributeOp } from "./model.ts";
import type { ProfileValue } from "../directory/model.ts";
import { checkRegex } from "./regex/index.ts";
import { literalPattern, literalTest } from "./regex/literal-pattern.ts";

/** A test of one element, given the raw element and its folded (lower-cased) form. */
type ElementTest = (raw: string, folded: string) => boolean;

interface Operator {
  whenUnset: boolean;
  elements: "some" | "every";
  prepare(condition: AttributeCondition, values: ValueFacts): ElementTest;
}

export const fold = (s: string): string => s.toLowerCase();

/** What is known about the values a prepared test will see. */
export interface ValueFacts {
  /** Some value may hold "ſ" or "İ", which `toLowerCase` and regex case folding treat apart. */
  foldsApart: boolean;
}
const ANY_VALUES: ValueFacts = { foldsApart: true };

export const caseSensitiveOf = (c: AttributeCondition): boolean => "caseSensitive" in c && c.caseSensitive === true;
const valueOf = (c: AttributeCondition): string => ("value" in c ? c.value : "");

/** Builds an operator comparing each element with the condition's `value`. */
function compare(whenUnset: boolean, elements: "some" | "every", test: (a: string, b: string) => boolean): Operator {
  return {
    whenUnset,
    elements,
    prepare(c) {
      if (caseSensitiveOf(c)) {
        const expected = valueOf(c);
        return (raw) => test(raw, expected);
      }
      const expected = fold(valueOf(c));
      return (_raw, folded) => test(folded, expected);
    },
  };
}

export const OPERATORS: Readonly<Record<AttributeOp, Operator>> = {
  equals: compare(false, "some", (a, b) => a === b),
  notEquals: compare(true, "every", (a, b) => a !== b),
  contains: compare(false, "some", (a, b) => a.includes(b)),
  startsWith: compare(false, "some", (a, b) => a.startsWith(b)),
  endsWith: compare(false, "some", (a, b) => a.endsWith(b)),
  oneOf: {
    whenUnset: false,
    elements: "some",
    prepare(c) {
      const values = "values" in c ? c.values : [];
      if (caseSensitiveOf(c)) {
        const set = new Set(values);
        return (raw) => set.has(raw);
      }
      const set = new Set(values.map(fold));
      return (_raw, folded) => set.has(folded);
    },
  },
  matches: {
    whenUnset: false,
    elements: "some",
    prepare(c, facts) {
      const checked = checkRegex(valueOf(c), caseSensitiveOf(c));
      if (!checked.ok) return () => false; // fail closed: never run a refused pattern
      const regex = checked.value;
      const literal = literalPattern(valueOf(c), caseSensitiveOf(c));
      if (literal) return literalTest(literal, caseSensitiveOf(c), facts.foldsApart, regex);
      return (raw) => regex.test(raw);
    },
  },
  isSet: { whenUnset: false, elements: "some", prepare: () => () => true },
  isNotSet: { whenUnset: true, elements: "every", prepare: () => () => false },
};

/** A set value: one string, or a non-empty list of strings. Unset values are null. */
export type SetValue = string | readonly string[];

/** A profile value in normal form: null when unset (null, missing, "" or []). */
export function normalValue(value: ProfileValue | undefined): SetValue | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "string" && value.length === 0) return null;
  return value;
}

export function foldValue(value: SetValue): SetValue {
  if (typeof value === "string") return fold(value);
  return value.map(fold);
}

/** The value of `attribute` in a profile; keys inherited from Object.prototype are unset. */
export function profileValue(profile: Readonly<Record<string, ProfileValue>>, attribute: string): ProfileValue {
  return Object.hasOwn(profile, attribute) ? profile[attribute] : null;
}

/** Tests a normal-form value given with its folded copy. */
export type ValueTest = (value: SetValue | null, folded: SetValue | null) => boolean;

/** Prepare a condition once; the returned test is then applied to many values. */
export function attributeTest(condition: AttributeCondition, facts: ValueFacts = ANY_VALUES): ValueTest {
  const op = OPERATORS[condition.op];
  const element = op.prepare(condition, facts);
  const some = op.elements === "some";
  return (value, folded) => {
    if (value === null || folded === null) return op.whenUnset;
    if (typeof value === "string") return element(value, folded as string);
    for (let i = 0; i < value.length; i++) {
      if (element(value[i], folded[i]) === some) return some;
    }
    return !some;
  };
}

/** Whether one profile value passes a condition (the per-user path used by explain). */
export function testProfileValue(condition: AttributeCondition, value: ProfileValue): boolean {
  const normal = normalValue(value);
  return attributeTest(condition)(normal, normal === null ? null : foldValue(normal));
}
