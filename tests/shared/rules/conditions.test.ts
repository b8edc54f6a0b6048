import { describe, expect, it } from "vitest";
import * as v from "valibot";
import {
  ATTRIBUTE_OPERATORS,
  ATTRIBUTE_OPS,
  AttributeConditionSchema,
  type AttributeOp,
  type Condition,
  CONDITION_KINDS,
  conditionKey,
  type ConditionKind,
  describeCondition,
  type OperatorSpec,
} from "../../../shared/rules/index.ts";
import { attr } from "../../support/rules.ts";

/** A condition for `op` carrying the operand its spec names. */
function conditionFor(op: AttributeOp, operand = "x", caseSensitive?: boolean, attribute = "department"): Condition {
  const takes = ATTRIBUTE_OPERATORS[op].operand;
  if (takes === "none") return attr(attribute, op);
  return attr(attribute, op, takes === "values" ? [operand] : operand, caseSensitive);
}

/** The fields each operand adds, as a condition carries them. */
const OPERAND_SHAPES = { none: {}, value: { value: "x" }, pattern: { value: "x" }, values: { values: ["x"] } };

describe("the attribute operator table", () => {
  it.each(ATTRIBUTE_OPS)("%s: the schema asks for exactly the operand its spec names", (op) => {
    const wanted = JSON.stringify(OPERAND_SHAPES[ATTRIBUTE_OPERATORS[op].operand]);
    for (const shape of Object.values(OPERAND_SHAPES)) {
      const accepted = v.safeParse(AttributeConditionSchema, { kind: "attribute", attribute: "a", op, ...shape }).success;
      expect(accepted, `${op} with ${JSON.stringify(shape)}`).toBe(JSON.stringify(shape) === wanted);
    }
  });

  it.each(ATTRIBUTE_OPS)("%s: conditions differing in attribute, operand or case sensitivity never share a cache key", (op) => {
    const keys = [conditionFor(op, "x"), conditionFor(op, "y"), conditionFor(op, "x", true), conditionFor(op, "x", undefined, "title")].map(
      conditionKey,
    );
    const takesOperand = ATTRIBUTE_OPERATORS[op].operand !== "none";
    expect(new Set(keys).size).toBe(takesOperand ? 4 : 2);
    expect(conditionKey(conditionFor(op, "x", false))).toBe(conditionKey(conditionFor(op, "x"))); // caseSensitive false is the default
  });

  it("gives every operator its own cache key for the same attribute and operand", () => {
    const keys = ATTRIBUTE_OPS.map((op) => conditionKey(conditionFor(op)));
    expect(new Set(keys).size).toBe(ATTRIBUTE_OPS.length);
  });

  it.each(ATTRIBUTE_OPS)("%s: is described with its spec's words", (op) => {
    expect(describeCondition(conditionFor(op))).toMatch(new RegExp(`^department ${ATTRIBUTE_OPERATORS[op].words}( |$)`));
  });
});

describe("the condition kinds", () => {
  it("has one module per kind", () => {
    expect(Object.keys(CONDITION_KINDS).sort()).toEqual(["attribute", "group", "status"]);
  });

  it("rejects an operator spec or a condition kind with a part left out (type check)", () => {
    // @ts-expect-error an operator without its label and words does not type-check
    const spec: OperatorSpec = {
      operand: "value",
      whenUnset: false,
      elements: "some",
      setValues: "some",
      relation: null,
      prepare: () => () => true,
      candidates: null,
    };
    // @ts-expect-error a condition kind without its implication does not type-check
    const kind: ConditionKind<Condition> = {
      key: () => "",
      bits: () => new Int32Array(0),
      check: () => ({ expected: "", actual: "", passed: true }),
      describe: () => "",
    };
    expect([spec, kind]).toHaveLength(2);
  });
});
