/**
 * Static shadowing: rule B can never win if every user matching B also matches an earlier
 * enabled rule A. We only claim implications we can prove from the conditions alone (sound,
 * not complete): a missed case costs a warning, a wrong one would hide a real rule.
 */
import type { Condition, Rule } from "./model.ts";
import { conditionImplies } from "./conditions/index.ts";

type Match = Pick<Rule, "match" | "conditions">;

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
