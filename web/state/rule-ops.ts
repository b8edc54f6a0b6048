/**
 * Pure edits of a draft rule set. Each returns a new rule set (the old one is never
 * mutated) so the simulator, undo and the IndexedDB copy all see whole values.
 */
import type { Rule, RuleSet } from "../../shared/rules/model.ts";

function withRules(set: RuleSet, property: string, rules: Rule[]): RuleSet {
  return { ...set, properties: { ...set.properties, [property]: { rules } } };
}
const rulesOf = (set: RuleSet, property: string): Rule[] => set.properties[property]?.rules ?? [];

/**
 * A rule id unique within the property: `rule-1`, `rule-2`, … Ids in `alsoTaken` (the
 * published rules) are skipped too, so a new rule never reads as a change of a deleted one.
 */
export function newRuleId(set: RuleSet, property: string, alsoTaken: Iterable<string> = []): string {
  const taken = new Set([...rulesOf(set, property).map((r) => r.id), ...alsoTaken]);
  let n = taken.size + 1;
  while (taken.has(`rule-${n}`)) n++;
  return `rule-${n}`;
}

export function addRule(set: RuleSet, property: string, rule: Rule): RuleSet {
  return withRules(set, property, [...rulesOf(set, property), rule]);
}

export function replaceRule(set: RuleSet, property: string, rule: Rule): RuleSet {
  return withRules(set, property, rulesOf(set, property).map((r) => (r.id === rule.id ? rule : r)));
}

export function deleteRule(set: RuleSet, property: string, ruleId: string): RuleSet {
  return withRules(set, property, rulesOf(set, property).filter((r) => r.id !== ruleId));
}

export function toggleRule(set: RuleSet, property: string, ruleId: string, enabled: boolean): RuleSet {
  return withRules(set, property, rulesOf(set, property).map((r) => (r.id === ruleId ? { ...r, enabled } : r)));
}

/** A copy placed right after the original, named "… (copy)". */
export function duplicateRule(set: RuleSet, property: string, ruleId: string): RuleSet {
  const rules = rulesOf(set, property);
  const i = rules.findIndex((r) => r.id === ruleId);
  if (i < 0) return set;
  const copy: Rule = { ...structuredClone(rules[i]), id: newRuleId(set, property), name: `${rules[i].name} (copy)` };
  return withRules(set, property, [...rules.slice(0, i + 1), copy, ...rules.slice(i + 1)]);
}

/** Move the rule at `from` to position `to` (both clamped to the list). */
export function moveRule(set: RuleSet, property: string, from: number, to: number): RuleSet {
  const rules = [...rulesOf(set, property)];
  if (from < 0 || from >= rules.length) return set;
  const target = Math.max(0, Math.min(rules.length - 1, to));
  if (target === from) return set;
  const [moved] = rules.splice(from, 1);
  rules.splice(target, 0, moved);
  return withRules(set, property, rules);
}

/** Put `rule` back at `index` (clamped), e.g. to undo a delete; unchanged when its id is taken. */
export function insertRule(set: RuleSet, property: string, rule: Rule, index: number): RuleSet {
  const rules = rulesOf(set, property);
  if (rules.some((r) => r.id === rule.id)) return set;
  const at = Math.max(0, Math.min(rules.length, index));
  return withRules(set, property, [...rules.slice(0, at), rule, ...rules.slice(at)]);
}
