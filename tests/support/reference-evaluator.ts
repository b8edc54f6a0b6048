/**
 * The obviously-correct evaluator the compiled engine is checked against: plain loops over
 * users, rules and conditions, no caching, no bitsets, no shared operator table. It encodes
 * the documented semantics independently (see shared/rules/conditions/operators.ts); only
 * the definition of case-insensitive (Unicode simple case folding) is shared.
 */
import type { Directory, DirectoryUser } from "../../shared/directory/model.ts";
import type { AttributeCondition, Condition, Rule, RuleSet } from "../../shared/rules/model.ts";
import { NO_MATCH, SKIPPED, type SkipReason } from "../../shared/rules/outcome.ts";
import { foldCase } from "../../shared/rules/text/case-fold.ts";

export function referenceSkip(user: DirectoryUser, ruleSet: RuleSet): SkipReason | null {
  if (user.status === "DEPROVISIONED") return "deprovisioned";
  if (user.status === "SUSPENDED" && ruleSet.settings.suspended === "deny") return "suspended";
  if (user.email === null || user.email.trim() === "") return "no-email";
  return null;
}

function elementPasses(c: AttributeCondition, element: string): boolean {
  const cs = "caseSensitive" in c && c.caseSensitive === true;
  const norm = (s: string) => (cs ? s : foldCase(s)); // what a RegExp with the "iu" flags compares
  const x = norm(element);
  switch (c.op) {
    case "equals":
      return x === norm(c.value);
    case "notEquals":
      return x !== norm(c.value);
    case "contains":
      return x.includes(norm(c.value));
    case "startsWith":
      return x.startsWith(norm(c.value));
    case "endsWith":
      return x.endsWith(norm(c.value));
    case "oneOf":
      return c.values.some((v) => norm(v) === x);
    case "matches":
      return new RegExp(c.value, cs ? "u" : "iu").test(element);
    case "isSet":
      return true;
    case "isNotSet":
      return false;
  }
}

/** `safeRegex` tells which patterns the product accepts; refused ones pass for nobody. */
function attributePasses(c: AttributeCondition, user: DirectoryUser, safeRegex: (source: string) => boolean): boolean {
  const raw = Object.hasOwn(user.profile, c.attribute) ? user.profile[c.attribute] : null;
  const elements = raw === null || raw === "" ? [] : typeof raw === "string" ? [raw] : raw;
  if (c.op === "matches" && !safeRegex(c.value)) return false;
  if (elements.length === 0) return c.op === "notEquals" || c.op === "isNotSet";
  if (c.op === "notEquals" || c.op === "isNotSet") return elements.every((e) => elementPasses(c, e));
  return elements.some((e) => elementPasses(c, e));
}

function conditionPasses(c: Condition, user: DirectoryUser, safeRegex: (source: string) => boolean): boolean {
  if (c.kind === "status") return c.statuses.includes(user.status);
  if (c.kind === "attribute") return attributePasses(c, user, safeRegex);
  const member = c.groupIds.map((g) => user.groupIds.includes(g));
  if (c.op === "any") return member.some(Boolean);
  if (c.op === "all") return member.every(Boolean);
  return !member.some(Boolean);
}

export function referenceRuleMatches(rule: Rule, user: DirectoryUser, safeRegex: (source: string) => boolean): boolean {
  if (rule.conditions.length === 0) return true;
  const results = rule.conditions.map((c) => conditionPasses(c, user, safeRegex));
  return rule.match === "all" ? results.every(Boolean) : results.some(Boolean);
}

/** Per property, per user: winner index, NO_MATCH or SKIPPED, as plain arrays. */
export function referenceEvaluate(
  directory: Directory,
  ruleSet: RuleSet,
  safeRegex: (source: string) => boolean,
): Record<string, number[]> {
  const winners: Record<string, number[]> = {};
  for (const [uuid, { rules }] of Object.entries(ruleSet.properties)) {
    winners[uuid] = directory.users.map((user) => {
      if (referenceSkip(user, ruleSet) !== null) return SKIPPED;
      for (let i = 0; i < rules.length; i++) {
        if (rules[i].enabled && referenceRuleMatches(rules[i], user, safeRegex)) return i;
      }
      return NO_MATCH;
    });
  }
  return winners;
}
