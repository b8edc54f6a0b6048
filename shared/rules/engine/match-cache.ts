/**
 * Condition and rule bitsets cached by canonical key across evaluations, so editing one
 * rule recomputes only what changed. The cache keeps what the latest two evaluations used
 * and drops the rest (`sweep`): bounded by two rule sets, and a caller alternating between
 * two (the published rules and a draft) does not thrash.
 */
import type { Condition, Rule } from "../model.ts";
import type { CompiledDirectory } from "./compile.ts";
import { andInto, type Bits, fullBits, orInto } from "./bitset.ts";
import { conditionBits, conditionKey } from "../conditions/index.ts";
import { sortedSet } from "../conditions/fields.ts";
import { MAX_PARTS, type RuleBits } from "./winners.ts";

export interface CacheStats {
  /** Conditions computed (cache misses) since the last sweep. */
  computed: number;
  /** Conditions served from the cache since the last sweep. */
  reused: number;
  /** Entries held: conditions and rule match sets. */
  conditions: number;
  rules: number;
}

/** Key of a rule's match set: its mode and its conditions' keys (order does not matter). */
export function matchKey(rule: Pick<Rule, "match" | "conditions">, keys: readonly string[]): string {
  if (keys.length === 0) return "everyone";
  const set = sortedSet(keys);
  return JSON.stringify([set.length === 1 ? "one" : rule.match, set]);
}

export function createMatchCache(dir: CompiledDirectory) {
  const conditions = new Map<string, Bits>();
  const rules = new Map<string, Bits>();
  let used = new Set<string>();
  let usedBefore = new Set<string>();
  let [computed, reused] = [0, 0];

  function condition(c: Condition, key = conditionKey(c)): Bits {
    used.add(key);
    let bits = conditions.get(key);
    if (bits) reused++;
    else [bits, computed] = [conditionBits(dir, c), computed + 1];
    conditions.set(key, bits);
    return bits;
  }

  /**
   * Users whose attributes satisfy the rule's conditions (skips not applied). Read-only.
   * The keys it used are appended to `usedKeys`, for `keep` after a later evaluation that skips the rule.
   */
  function rule(r: Pick<Rule, "match" | "conditions">, usedKeys?: string[]): Bits {
    const keys = r.conditions.map(conditionKey);
    const key = matchKey(r, keys);
    usedKeys?.push(key, ...keys);
    used.add(key);
    for (const k of keys) used.add(k); // keep its conditions too: a later edit may reuse them
    const cached = rules.get(key);
    if (cached) return cached;
    let bits: Bits;
    if (keys.length === 0) bits = fullBits(dir.size);
    else if (new Set(keys).size === 1) bits = condition(r.conditions[0], keys[0]); // shared, both read-only
    else {
      bits = condition(r.conditions[0], keys[0]).slice();
      const combine = r.match === "all" ? andInto : orInto;
      for (let i = 1; i < keys.length; i++) combine(bits, condition(r.conditions[i], keys[i]));
    }
    rules.set(key, bits);
    return bits;
  }

  /**
   * The rule's match as its conditions' bitsets, for `claim` to combine only where users are
   * left undecided (winners.ts); a rule with no conditions, or more than MAX_PARTS distinct
   * ones, as its whole match set. Keys used are appended to `usedKeys`, as for `rule`.
   */
  function match(r: Pick<Rule, "match" | "conditions">, usedKeys: string[]): RuleBits {
    const keys = r.conditions.map(conditionKey);
    const distinct = [...new Set(keys)];
    if (distinct.length === 0 || distinct.length > MAX_PARTS) return { parts: [rule(r, usedKeys)], all: true };
    usedKeys.push(...distinct);
    const parts = distinct.map((k) => condition(r.conditions[keys.indexOf(k)], k));
    return { parts, all: r.match === "all" };
  }

  /** Marks keys as used by the current evaluation without touching their bitsets. */
  function keep(keys: readonly string[]): void {
    for (const key of keys) used.add(key);
  }

  function sweep(): void {
    for (const map of [conditions, rules]) {
      for (const key of map.keys()) if (!used.has(key) && !usedBefore.has(key)) map.delete(key);
    }
    [usedBefore, used] = [used, new Set()];
  }

  function stats(): CacheStats {
    return { computed, reused, conditions: conditions.size, rules: rules.size };
  }

  function resetStats(): void {
    [computed, reused] = [0, 0];
  }

  return { condition, rule, match, keep, sweep, stats, resetStats };
}
export type MatchCache = ReturnType<typeof createMatchCache>;
