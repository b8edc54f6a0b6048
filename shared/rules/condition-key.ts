/**
 * Canonical keys: two conditions with the same key pass for exactly the same users, so
 * the engine computes each distinct condition once and lint can compare them. Id and
 * value lists are sets (sorted, deduplicated); `caseSensitive` absent means false.
 */
import type { Condition, Rule } from "./model.ts";

const sortedSet = (items: readonly string[]): string[] => [...new Set(items)].sort();

export function conditionKey(condition: Condition): string {
  switch (condition.kind) {
    case "group":
      return JSON.stringify(["group", condition.op, sortedSet(condition.groupIds)]);
    case "status":
      return JSON.stringify(["status", sortedSet(condition.statuses)]);
    case "attribute": {
      const c = condition;
      const cs = "caseSensitive" in c && c.caseSensitive === true;
      if (c.op === "isSet" || c.op === "isNotSet") return JSON.stringify(["attribute", c.attribute, c.op]);
      if (c.op === "oneOf") return JSON.stringify(["attribute", c.attribute, c.op, cs, sortedSet(c.values)]);
      return JSON.stringify(["attribute", c.attribute, c.op, cs, "value" in c ? c.value : ""]);
    }
  }
}

/** Key of a rule's match set: its mode and its conditions' keys (order does not matter). */
export function matchKey(rule: Pick<Rule, "match" | "conditions">, keys: readonly string[]): string {
  if (keys.length === 0) return "everyone";
  const set = sortedSet(keys);
  return JSON.stringify([set.length === 1 ? "one" : rule.match, set]);
}
