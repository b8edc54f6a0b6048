/**
 * Per-property memo for the simulation: an edit changes one property's rules, so counts,
 * lint findings and the comparison with the published rules are recomputed for that
 * property only. Keyed by the property's rules (as JSON) and the rule set's settings.
 */
import type { RuleSet } from "../../shared/rules/model.ts";
import type { Outcome } from "../../shared/rules/outcome.ts";

export const propertyKey = (ruleSet: RuleSet, uuid: string): string =>
  JSON.stringify([ruleSet.settings, ruleSet.properties[uuid]?.rules ?? null]);

/** The same outcome narrowed to one property, for the shared whole-outcome functions. */
export function narrow(outcome: Outcome, uuid: string): Outcome {
  const winners = outcome.winners[uuid];
  const rules = outcome.ruleSet.properties[uuid];
  return {
    ...outcome,
    ruleSet: { ...outcome.ruleSet, properties: rules ? { [uuid]: rules } : {} },
    winners: winners ? { [uuid]: winners } : {},
  };
}

export function createPropertyCache<T>() {
  let entries = new Map<string, { key: string; value: T }>();
  return {
    get(uuid: string, key: string, compute: () => T): T {
      const hit = entries.get(uuid);
      if (hit && hit.key === key) return hit.value;
      const value = compute();
      entries.set(uuid, { key, value });
      return value;
    },
    clear() {
      entries = new Map();
    },
  };
}
