/**
 * Why one user gets what they get at one property: the skip check, then every rule in
 * order with each condition's expected and actual values, up to the winner. It walks the
 * rules the slow, literal way (no bitsets), which makes it a second opinion on the engine.
 */
import type { Directory, DirectoryGroup, DirectoryUser } from "../directory/model.ts";
import type { Rule, RuleSet } from "./model.ts";
import { NO_MATCH, SKIPPED } from "./outcome.ts";
import type { ConditionTrace, RuleTrace, Trace } from "./trace.ts";
import type { GroupNamer } from "./describe.ts";
import { checkCondition, describeCondition } from "./conditions/index.ts";
import { SKIP_MESSAGES, skipReasonOf } from "./skip.ts";

function traceConditions(user: DirectoryUser, rule: Rule, evaluated: boolean, groupName?: GroupNamer): ConditionTrace[] {
  return rule.conditions.map((condition, index) => {
    const check = checkCondition(user, condition, groupName);
    const trace: ConditionTrace = {
      index,
      kind: condition.kind,
      description: describeCondition(condition, groupName),
      expected: check.expected,
      actual: check.actual,
      passed: evaluated ? check.passed : null,
    };
    if (check.note) trace.note = check.note;
    return trace;
  });
}

function ruleMatches(rule: Rule, conditions: readonly ConditionTrace[]): boolean {
  if (conditions.length === 0) return true; // no conditions: matches everyone
  return rule.match === "all" ? conditions.every((c) => c.passed) : conditions.some((c) => c.passed);
}

function traceRule(
  user: DirectoryUser,
  rule: Rule,
  index: number,
  state: { decided: boolean; skipped: boolean },
  groupName?: GroupNamer,
): RuleTrace {
  const base = { index, id: rule.id, name: rule.name, enabled: rule.enabled, match: rule.match, action: rule.actions.kind };
  const evaluated = rule.enabled && !state.decided && !state.skipped;
  const conditions = traceConditions(user, rule, evaluated, groupName);
  if (state.skipped) return { ...base, conditions, verdict: "not-evaluated", reason: "not evaluated: the user is skipped everywhere" };
  if (!rule.enabled) return { ...base, conditions, verdict: "disabled", reason: "disabled: skipped" };
  if (state.decided) return { ...base, conditions, verdict: "not-evaluated", reason: "not evaluated: an earlier rule won" };
  if (!ruleMatches(rule, conditions)) {
    return {
      ...base,
      conditions,
      verdict: "not-matched",
      reason: rule.match === "all" ? "not matched: a condition failed" : "not matched: no condition passed",
    };
  }
  state.decided = true;
  const reason = conditions.length === 0
    ? "won: it has no conditions, so it matches everyone"
    : "won: conditions met; evaluation stops here";
  return { ...base, conditions, verdict: "won", reason };
}

function summarise(rules: readonly RuleTrace[], winner: number): string {
  if (winner === NO_MATCH) {
    return rules.length === 0 ? "No rules for this property: not synced here" : "No enabled rule matched: not synced here";
  }
  const rule = rules[winner];
  return rule.action === "exclude"
    ? `Rule "${rule.name}" won and excludes the user: not synced here`
    : `Rule "${rule.name}" won: access granted`;
}

/** The trace for a user already looked up (undefined: not in the directory). */
export function explainUser(
  user: DirectoryUser | undefined,
  userId: string,
  ruleSet: RuleSet,
  locationUuid: string,
  groupName?: GroupNamer,
): Trace {
  const rules = ruleSet.properties[locationUuid]?.rules ?? [];
  const none = { userId, locationUuid, winnerRuleId: null, action: null, rules: [] };
  if (!user) return { ...none, decision: "unknown-user", skipped: null, winner: NO_MATCH, summary: `No user ${userId} in the directory` };
  const skipped = skipReasonOf(user, ruleSet.settings);
  const state = { decided: false, skipped: skipped !== null };
  const traces = rules.map((rule, index) => traceRule(user, rule, index, state, groupName));
  if (skipped) {
    return { ...none, rules: traces, decision: "skipped", skipped, winner: SKIPPED, summary: `Skipped: ${SKIP_MESSAGES[skipped]}` };
  }
  const winner = traces.findIndex((t) => t.verdict === "won");
  const won = winner >= 0 ? rules[winner] : null;
  return {
    ...none,
    rules: traces,
    decision: won ? "won" : "no-match",
    skipped: null,
    winner: won ? winner : NO_MATCH,
    winnerRuleId: won ? won.id : null,
    action: won ? won.actions.kind : null,
    summary: summarise(traces, won ? winner : NO_MATCH),
  };
}

/** Names Okta groups by the directory's group list. */
export function directoryGroupNamer(directory: { readonly groups: readonly DirectoryGroup[] }): GroupNamer {
  const names = new Map(directory.groups.map((g) => [g.id, g.name]));
  return (id) => names.get(id);
}

export function explain(directory: Directory, ruleSet: RuleSet, userId: string, locationUuid: string): Trace {
  const user = directory.users.find((u) => u.id === userId);
  return explainUser(user, userId, ruleSet, locationUuid, directoryGroupNamer(directory));
}
