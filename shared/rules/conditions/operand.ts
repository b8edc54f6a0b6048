/**
 * What an attribute condition carries besides `attribute` and `op`, as its operator's spec
 * says (OperatorSpec.operand): nothing, one `value`, a `values` list, or a `value` that is a
 * regular expression. The condition's schema fields and the operand's wording follow from it.
 */
import * as v from "valibot";
import { LIMITS } from "../limits.ts";

export type Operand = "none" | "value" | "values" | "pattern";

const Value = v.pipe(v.string(), v.maxLength(LIMITS.valueLength));
const caseSensitive = v.optional(v.boolean());

/** The schema entries each operand adds to an attribute condition. */
export const OPERAND_FIELDS = {
  none: {},
  value: { value: Value, caseSensitive },
  values: {
    values: v.pipe(v.array(Value), v.minLength(1, "needs at least one value"), v.maxLength(LIMITS.valuesPerCondition)),
    caseSensitive,
  },
  /** a regular expression source; its safety is checked by regex/ (lint and the engine) */
  pattern: { value: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.regexLength)), caseSensitive },
} as const;

export const quote = (s: string): string => JSON.stringify(s);

/** The operands in words, after the operator's: ` "Sales"`, ` "SF", "NYC"`, ` /^CC-\d+$/`. */
export const OPERAND_WORDS: Readonly<Record<Operand, (operands: readonly string[]) => string>> = {
  none: () => "",
  value: (operands) => ` ${quote(operands[0])}`,
  values: (operands) => ` ${operands.map(quote).join(", ")}`,
  pattern: (operands) => ` /${operands[0]}/`,
};
