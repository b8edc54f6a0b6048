/**
 * Static shadowing: rule B can never win if every user matching B also matches an earlier
 * enabled rule A. We only claim implications we can prove from the conditions alone (sound,
 * not complete): a missed case costs a warning, a wrong one would hide a real rule.
 */
import type { AttributeCondition, Condition, GroupCondition, Rule } from "./model.ts";
import { conditionKey } from "./condition-key.ts";
import { fold } from "./operators.ts";

type Match = Pick<Rule, "match" | "conditions">;

const subset = (a: readonly string[], b: readonly string[]): boolean => a.every((x) => b.includes(x));

const GROUP_IMPLIES: Readonly<Record<string, (b: readonly string[], a: readonly string[]) => boolean>> = {
  "any>any": (b, a) => subset(b, a),
  "all>any": (b, a) => b.some((x) => a.includes(x)),
  "all>all": (b, a) => subset(a, b),
  "any>all": (b, a) => new Set(b).size === 1 && subset(a, b),
  "none>none": (b, a) => subset(a, b),
};

function groupImplies(b: GroupCondition, a: GroupCondition): boolean {
  return GROUP_IMPLIES[`${b.op}>${a.op}`]?.(b.groupIds, a.groupIds) ?? false;
}

const POSITIVE = new Set(["equals", "contains", "startsWith", "endsWith", "oneOf", "matches", "isSet"]);
const cs = (c: AttributeCondition): boolean => "caseSensitive" in c && c.caseSensitive === true;

/** The string-level test "value x (of condition b) passes a's check on w", per a's op. */
const VALUE_IMPLIES: Readonly<Record<string, (x: string, w: string) => boolean>> = {
  "equals>equals": (x, w) => x === w,
  "equals>contains": (x, w) => x.includes(w),
  "equals>startsWith": (x, w) => x.startsWith(w),
  "equals>endsWith": (x, w) => x.endsWith(w),
  "contains>contains": (x, w) => x.includes(w),
  "startsWith>contains": (x, w) => x.includes(w),
  "endsWith>contains": (x, w) => x.includes(w),
  "startsWith>startsWith": (x, w) => x.startsWith(w),
  "endsWith>endsWith": (x, w) => x.endsWith(w),
};

/** b's values, each a string some element of the user's value equals/contains/…; oneOf acts as equals. */
const valuesOf = (c: AttributeCondition): readonly string[] => ("values" in c ? c.values : "value" in c ? [c.value] : []);
const opOf = (c: AttributeCondition): string => (c.op === "oneOf" ? "equals" : c.op);

function attributeImplies(b: AttributeCondition, a: AttributeCondition): boolean {
  if (a.op === "isSet") return POSITIVE.has(b.op);
  if (a.op === "notEquals" && b.op === "isNotSet") return true;
  const test = VALUE_IMPLIES[`${opOf(b)}>${opOf(a)}`];
  if (!test || (cs(a) && !cs(b))) return false; // a case-sensitive check needs b to be one
  const norm = cs(a) ? (s: string) => s : fold;
  const expected = valuesOf(a).map(norm);
  return valuesOf(b).every((x) => expected.some((w) => test(norm(x), w)));
}

/** Every user passing `b` passes `a`. */
export function conditionImplies(b: Condition, a: Condition): boolean {
  if (conditionKey(b) === conditionKey(a)) return true;
  if (a.kind === "group" && b.kind === "group") return groupImplies(b, a);
  if (a.kind === "status" && b.kind === "status") return subset(b.statuses, a.statuses);
  if (a.kind === "attribute" && b.kind === "attribute" && a.attribute === b.attribute) return attributeImplies(b, a);
  return false;
}

/** Every user matching rule `b` passes condition `a`. */
function matchImpliesCondition(b: Match, a: Condition): boolean {
  if (b.conditions.length === 0) return false; // b matches everyone; a single condition rarely does
  if (b.match === "all" || b.conditions.length === 1) return b.conditions.some((c) => conditionImplies(c, a));
  return b.conditions.every((c) => conditionImplies(c, a));
}

/** Every user matching rule `b` also matches rule `a`. */
export function ruleImplies(b: Match, a: Match): boolean {
  if (a.conditions.length === 0) return true;
  if (a.match === "all" || a.conditions.length === 1) return a.conditions.every((c) => matchImpliesCondition(b, c));
  if (b.conditions.length === 0) return false;
  // a is "any": enough that b implies one of a's conditions, or (b "any") each of b's does.
  if (a.conditions.some((c) => matchImpliesCondition(b, c))) return true;
  return b.match === "any" && b.conditions.every((bc) => a.conditions.some((ac) => conditionImplies(bc, ac)));
}
