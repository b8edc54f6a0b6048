/** How many users each rule decides, per property: the numbers in the rule table. */
import { NO_MATCH, type Outcome, SKIPPED } from "../outcome.ts";

export interface PropertyCounts {
  /** index-aligned with the property's rules; disabled and shadowed rules count 0 */
  perRule: number[];
  /** users no enabled rule matched */
  noMatch: number;
  /** users skipped everywhere (no email, deprovisioned, suspended) */
  skipped: number;
}

export function countOutcome(outcome: Outcome): Record<string, PropertyCounts> {
  const counts: Record<string, PropertyCounts> = Object.create(null);
  for (const [uuid, winners] of Object.entries(outcome.winners)) {
    const rules = outcome.ruleSet.properties[uuid]?.rules ?? [];
    const perRule = new Array<number>(rules.length).fill(0);
    let [noMatch, skipped] = [0, 0];
    for (let u = 0; u < winners.length; u++) {
      const w = winners[u];
      if (w >= 0) perRule[w]++;
      else if (w === NO_MATCH) noMatch++;
      else if (w === SKIPPED) skipped++;
    }
    counts[uuid] = { perRule, noMatch, skipped };
  }
  return counts;
}
