/**
 * Attribute operators, one OperatorSpec each in ATTRIBUTE_OPERATORS. The condition's schema,
 * canonical key, wording, the condition builder's label and field, the engine's test and
 * lint's implication check all follow from the entry (conditions/attribute.ts names no
 * operator): adding an operator is one entry here, plus its tests.
 *
 * Semantics, shared by the compiled engine, `explain` and `lint` (values: profile-value.ts):
 * - Each operator states its result for an unset value (`whenUnset`): positive operators
 *   fail, `notEquals` and `isNotSet` pass.
 * - Positive operators pass if *some* element passes; `notEquals` passes only if *every*
 *   element is unequal (no element equals), so `notEquals` is always the exact negation of `equals`.
 * - Comparison is case-insensitive (Unicode simple case folding, the same as `matches`)
 *   unless `caseSensitive: true`; values are compared exactly otherwise (no trimming).
 * - `matches` runs a pattern vetted by `regex/`; an invalid or unsafe pattern fails
 *   closed (the condition passes for nobody) and lint reports it.
 */
import type { CompiledDirectory } from "../engine/compile.ts";
import type { AttributeColumn } from "../engine/column.ts";
import { type Candidates, patternCandidates } from "../engine/candidates.ts";
import { checkRegex } from "../regex/index.ts";
import { literalPattern, literalTest } from "../regex/literal-pattern.ts";
import { fold } from "./profile-value.ts";
import type { Operand } from "./operand.ts";

/** A test of one element, given the raw element and its folded form. */
export type ElementTest = (raw: string, folded: string) => boolean;

/** How a passing element stands to one of the operands: what lint's implication check reasons with. */
export type Relation = "equal" | "prefix" | "suffix" | "infix";
export const RELATIONS: Readonly<Record<Relation, (element: string, operand: string) => boolean>> = {
  equal: (a, b) => a === b,
  prefix: (a, b) => a.startsWith(b),
  suffix: (a, b) => a.endsWith(b),
  infix: (a, b) => a.includes(b),
};

/** The entries of a column worth testing, when the column's sorted index can tell (engine/candidates.ts). */
export type CandidateFinder = (
  dir: CompiledDirectory,
  col: AttributeColumn,
  operands: readonly string[],
  caseSensitive: boolean,
) => Candidates | null;

export interface OperatorSpec {
  /** what the condition carries besides the attribute (operand.ts) */
  readonly operand: Operand;
  /** in the condition builder's list of operators */
  readonly label: string;
  /** in descriptions, between the attribute and the operand: `department does not equal "Sales"` */
  readonly words: string;
  /** the result for an unset value */
  readonly whenUnset: boolean;
  /** a list passes when some element passes, or only when every element does */
  readonly elements: "some" | "every";
  /** which set values pass whatever the operands: all of them (isSet), none (isNotSet), or some */
  readonly setValues: "all" | "none" | "some";
  /** every passing element stands in this relation to one of the operands (null: no such claim) */
  readonly relation: Relation | null;
  /** the test of one element against the operands, built once per condition */
  prepare(operands: readonly string[], caseSensitive: boolean): ElementTest;
  /** narrows the entries to test through the column's sorted index; null: every entry is tested */
  readonly candidates: CandidateFinder | null;
}

/** Passes when the element stands in `relation` to one of the operands. */
function relationTest(relation: Relation): OperatorSpec["prepare"] {
  const test = RELATIONS[relation];
  return (operands, caseSensitive) => {
    const expected = caseSensitive ? operands : operands.map(fold);
    if (relation === "equal" && expected.length > 1) {
      const set = new Set(expected);
      return caseSensitive ? (raw) => set.has(raw) : (_raw, folded) => set.has(folded);
    }
    if (expected.length === 1) {
      const w = expected[0];
      return caseSensitive ? (raw) => test(raw, w) : (_raw, folded) => test(folded, w);
    }
    const some = (x: string) => expected.some((w) => test(x, w));
    return caseSensitive ? (raw) => some(raw) : (_raw, folded) => some(folded);
  };
}

function negated(prepare: OperatorSpec["prepare"]): OperatorSpec["prepare"] {
  return (operands, caseSensitive) => {
    const test = prepare(operands, caseSensitive);
    return (raw, folded) => !test(raw, folded);
  };
}

const always = (result: boolean): OperatorSpec["prepare"] => () => () => result;

function patternTest(operands: readonly string[], caseSensitive: boolean): ElementTest {
  const source = operands[0];
  const checked = checkRegex(source, caseSensitive);
  if (!checked.ok) return () => false; // fail closed: never run a refused pattern
  const regex = checked.value;
  const literal = literalPattern(source, caseSensitive);
  if (literal) return literalTest(literal, caseSensitive);
  const required = regex.required; // a quick `includes` rules out most values
  if (required === null) return (raw) => regex.test(raw);
  return caseSensitive ? (raw) => raw.includes(required) && regex.test(raw) : (raw, folded) => folded.includes(required) && regex.test(raw);
}

const patternCandidatesOf: CandidateFinder = (dir, col, operands, caseSensitive) => patternCandidates(dir, col, operands[0], caseSensitive);

export const ATTRIBUTE_OPERATORS = {
  equals: {
    operand: "value",
    label: "equals",
    words: "equals",
    whenUnset: false,
    elements: "some",
    setValues: "some",
    relation: "equal",
    prepare: relationTest("equal"),
    candidates: null,
  },
  notEquals: {
    operand: "value",
    label: "does not equal",
    words: "does not equal",
    whenUnset: true,
    elements: "every",
    setValues: "some",
    relation: null,
    prepare: negated(relationTest("equal")),
    candidates: null,
  },
  contains: {
    operand: "value",
    label: "contains",
    words: "contains",
    whenUnset: false,
    elements: "some",
    setValues: "some",
    relation: "infix",
    prepare: relationTest("infix"),
    candidates: null,
  },
  startsWith: {
    operand: "value",
    label: "starts with",
    words: "starts with",
    whenUnset: false,
    elements: "some",
    setValues: "some",
    relation: "prefix",
    prepare: relationTest("prefix"),
    candidates: null,
  },
  endsWith: {
    operand: "value",
    label: "ends with",
    words: "ends with",
    whenUnset: false,
    elements: "some",
    setValues: "some",
    relation: "suffix",
    prepare: relationTest("suffix"),
    candidates: null,
  },
  oneOf: {
    operand: "values",
    label: "is one of",
    words: "is one of",
    whenUnset: false,
    elements: "some",
    setValues: "some",
    relation: "equal",
    prepare: relationTest("equal"),
    candidates: null,
  },
  matches: {
    operand: "pattern",
    label: "matches pattern",
    words: "matches",
    whenUnset: false,
    elements: "some",
    setValues: "some",
    relation: null,
    prepare: patternTest,
    candidates: patternCandidatesOf,
  },
  isSet: {
    operand: "none",
    label: "is set",
    words: "is set",
    whenUnset: false,
    elements: "some",
    setValues: "all",
    relation: null,
    prepare: always(true),
    candidates: null,
  },
  isNotSet: {
    operand: "none",
    label: "is not set",
    words: "is not set",
    whenUnset: true,
    elements: "every",
    setValues: "none",
    relation: null,
    prepare: always(false),
    candidates: null,
  },
} as const satisfies Record<string, OperatorSpec>;

export type AttributeOp = keyof typeof ATTRIBUTE_OPERATORS;
/** In the condition builder's order. */
export const ATTRIBUTE_OPS = Object.keys(ATTRIBUTE_OPERATORS) as AttributeOp[];
