/**
 * Winners per property, remembered by a signature of what decides them (settings, and
 * each rule's enabled flag, match mode and conditions, in order). An edit in one property
 * leaves the others' winners as they were: they are copied, not recomputed. Two versions
 * per property are remembered (published rules and a draft, say). Once every user is
 * decided, the remaining rules are not even computed.
 */
import type { Rule } from "./model.ts";
import type { Bits } from "./bitset.ts";
import type { MatchCache } from "./match-cache.ts";
import { claim, openOf } from "./winners.ts";

export interface Start {
  /** settings identity, part of the signature */
  key: string;
  /** NO_MATCH for users rules decide, SKIPPED for the rest */
  winners: Int32Array;
  eligible: Bits;
}

interface Remembered {
  signature: string;
  winners: Int32Array;
  /** cache keys the property's rules use, kept alive while it is reused */
  keys: string[];
}

export function createPropertyWinners(cache: MatchCache) {
  /** per property, the latest first */
  const remembered = new Map<string, Remembered[]>();

  /** A fresh copy each time: callers own their outcome's arrays. */
  function winners(uuid: string, rules: readonly Rule[], start: Start): Int32Array {
    const signature = start.key + JSON.stringify(rules.map((r) => (r.enabled ? [r.match, r.conditions] : 0)));
    const versions = remembered.get(uuid) ?? [];
    const known = versions.find((v) => v.signature === signature);
    if (known) {
      cache.keep(known.keys);
      remembered.set(uuid, [known, ...versions.filter((v) => v !== known)]);
      return known.winners.slice();
    }
    const keys: string[] = [];
    const computed = start.winners.slice();
    const open = openOf(start.eligible.slice());
    for (let i = 0; i < rules.length && open.count > 0; i++) {
      if (rules[i].enabled) claim(computed, open, cache.rule(rules[i], keys), i);
    }
    remembered.set(uuid, [{ signature, winners: computed, keys }, ...versions.slice(0, 1)]);
    return computed.slice();
  }

  /** Forgets properties the latest rule set does not have. */
  function sweep(uuids: ReadonlySet<string>): void {
    for (const uuid of remembered.keys()) if (!uuids.has(uuid)) remembered.delete(uuid);
  }

  return { winners, sweep };
}
