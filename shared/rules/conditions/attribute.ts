/**
 * Attribute conditions: a profile attribute tested by an operator. Everything here follows
 * from the operator's entry in ATTRIBUTE_OPERATORS (operators.ts); no operator is named.
 */
import * as v from "valibot";
import type { ProfileValue } from "../../directory/model.ts";
import { LIMITS } from "../limits.ts";
import { describeValue } from "../describe.ts";
import { emptyBits, fullBits } from "../engine/bitset.ts";
import { columnBits, presenceBits, type ValueTest } from "../engine/column-bits.ts";
import { checkRegex } from "../regex/index.ts";
import { ATTRIBUTE_OPERATORS, ATTRIBUTE_OPS, type AttributeOp, type OperatorSpec, type Relation, RELATIONS } from "./operators.ts";
import { type Operand, OPERAND_FIELDS, OPERAND_WORDS } from "./operand.ts";
import { fold, foldValue, normalValue, profileValue } from "./profile-value.ts";
import { sortedSet } from "./fields.ts";
import type { ConditionCheck, ConditionKind } from "./kind.ts";

type OpsWith<O extends Operand> = { [K in AttributeOp]: (typeof ATTRIBUTE_OPERATORS)[K]["operand"] extends O ? K : never }[AttributeOp];
const opsWith = <O extends Operand>(operand: O) =>
  ATTRIBUTE_OPS.filter((op) => ATTRIBUTE_OPERATORS[op].operand === operand) as [OpsWith<O>, ...OpsWith<O>[]];

const base = { kind: v.literal("attribute"), attribute: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.idLength)) };
export const AttributeConditionSchema = v.variant("op", [
  v.strictObject({ ...base, op: v.picklist(opsWith("value")), ...OPERAND_FIELDS.value }),
  v.strictObject({ ...base, op: v.picklist(opsWith("values")), ...OPERAND_FIELDS.values }),
  v.strictObject({ ...base, op: v.picklist(opsWith("pattern")), ...OPERAND_FIELDS.pattern }),
  v.strictObject({ ...base, op: v.picklist(opsWith("none")), ...OPERAND_FIELDS.none }),
]);
export type AttributeCondition = v.InferOutput<typeof AttributeConditionSchema>;

const specOf = (c: AttributeCondition): OperatorSpec => ATTRIBUTE_OPERATORS[c.op];

/** `caseSensitive` absent means false. */
export const caseSensitiveOf = (c: AttributeCondition): boolean => "caseSensitive" in c && c.caseSensitive === true;

/** The condition's operands as a list: its value (or pattern), its values, or none, as its operator says. */
export function operandsOf(c: AttributeCondition): readonly string[] {
  const operand = specOf(c).operand;
  if (operand === "none") return [];
  if (operand === "values" && "values" in c) return c.values;
  if (operand !== "values" && "value" in c) return [c.value];
  // The schema is built from the same spec, so this is a bug, never bad input.
  throw new Error(`The ${c.op} condition on ${c.attribute} has no ${operand}`);
}

/** Prepare a condition once; the returned test is then applied to many values. */
export function attributeTest(c: AttributeCondition): ValueTest {
  const spec = specOf(c);
  const element = spec.prepare(operandsOf(c), caseSensitiveOf(c));
  const { whenUnset } = spec;
  const some = spec.elements === "some";
  return (value, folded) => {
    if (value === null || folded === null) return whenUnset;
    if (typeof value === "string") return element(value, folded as string);
    for (let i = 0; i < value.length; i++) {
      if (element(value[i], folded[i]) === some) return some;
    }
    return !some;
  };
}

/** Whether one profile value passes a condition (the per-user path used by explain). */
export function testProfileValue(c: AttributeCondition, value: ProfileValue): boolean {
  const normal = normalValue(value);
  return attributeTest(c)(normal, normal === null ? null : foldValue(normal));
}

/** The operator, its operands and the case-sensitivity note, without the attribute. */
function operatorWords(c: AttributeCondition): string {
  const spec = specOf(c);
  const cs = caseSensitiveOf(c) ? " (case-sensitive)" : "";
  return `${spec.words}${OPERAND_WORDS[spec.operand](operandsOf(c))}${cs}`;
}

/** A relation implied by another: whole values imply their prefixes, suffixes and infixes; prefixes and suffixes, infixes. */
const WEAKER: Readonly<Record<Relation, readonly Relation[]>> = {
  equal: ["equal", "prefix", "suffix", "infix"],
  prefix: ["prefix", "infix"],
  suffix: ["suffix", "infix"],
  infix: ["infix"],
};

/** Each of b's operands stands in a's relation to one of a's: then an element passing b passes a. */
function operandsImply(b: AttributeCondition, a: AttributeCondition, relation: Relation): boolean {
  if (caseSensitiveOf(a) && !caseSensitiveOf(b)) return false; // a case-sensitive check needs b to be one
  const norm = caseSensitiveOf(a) ? (s: string) => s : fold;
  const test = RELATIONS[relation];
  const expected = operandsOf(a).map(norm);
  return operandsOf(b).every((x) => expected.some((w) => test(norm(x), w)));
}

function implies(b: AttributeCondition, a: AttributeCondition): boolean {
  if (a.attribute !== b.attribute) return false;
  const [sa, sb] = [specOf(a), specOf(b)];
  if (sa.setValues === "all" && (sa.whenUnset || !sb.whenUnset)) return true; // b passes only set values, a every one
  if (sb.setValues === "none" && sa.whenUnset) return true; // b passes only unset values, as a does
  const positive = (s: OperatorSpec) => !s.whenUnset && s.elements === "some";
  if (sa.relation === null || sb.relation === null || !positive(sa) || !positive(sb)) return false;
  return WEAKER[sb.relation].includes(sa.relation) && operandsImply(b, a, sa.relation);
}

export const attributeKind: ConditionKind<AttributeCondition> = {
  key(c) {
    const spec = specOf(c);
    if (spec.operand === "none") return JSON.stringify(["attribute", c.attribute, c.op]);
    const operands = spec.operand === "values" ? sortedSet(operandsOf(c)) : operandsOf(c)[0];
    return JSON.stringify(["attribute", c.attribute, c.op, caseSensitiveOf(c), operands]);
  },

  bits(dir, c) {
    const spec = specOf(c);
    const col = dir.column(c.attribute);
    // Whatever the operands, only set or unset matters: the unset users are one entry's.
    if (spec.setValues === "all") return spec.whenUnset ? fullBits(dir.size) : presenceBits(col, true, dir.size);
    if (spec.setValues === "none") return spec.whenUnset ? presenceBits(col, false, dir.size) : emptyBits(dir.size);
    // first: finding candidates may renumber the column's entries
    const candidates = spec.candidates === null ? null : spec.candidates(dir, col, operandsOf(c), caseSensitiveOf(c));
    return columnBits(dir, col, attributeTest(c), candidates);
  },

  check(user, c) {
    const value = profileValue(user.profile, c.attribute);
    const check: ConditionCheck = { expected: operatorWords(c), actual: describeValue(value), passed: testProfileValue(c, value) };
    if (specOf(c).operand === "pattern") {
      const regex = checkRegex(operandsOf(c)[0], caseSensitiveOf(c));
      if (!regex.ok) check.note = `${regex.error.message}; the condition passes for nobody`;
    }
    return check;
  },

  describe: (c) => `${c.attribute} ${operatorWords(c)}`,
  implies,
};
