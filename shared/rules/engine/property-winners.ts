/**
 * Winners per property, remembered by a signature of what decides them (settings, and
 * each rule's enabled flag, match mode and conditions, in order). An edit in one property
 * leaves the others' winners as they were: they are copied, not recomputed. Two versions
 * per property are remembered (published rules and a draft, say). Once every user is
 * decided, the remaining rules are not even computed.
 *
 * An edit to rule k leaves rules 0 .. k - 1 as they were: users one of them decided keep
 * their winner, and only the others are claimed again, from the last checkpoint before
 * rule k on (`resume`).
 */
import type { Rule } from "../model.ts";
import type { Bits } from "./bitset.ts";
import type { MatchCache } from "./match-cache.ts";
import { NO_MATCH } from "../outcome.ts";
import { claim, type Open, openOf } from "./winners.ts";

export interface Start {
  /** settings identity, part of the signature */
  key: string;
  /** NO_MATCH for users rules decide, SKIPPED for the rest */
  winners: Int32Array;
  eligible: Bits;
}

interface Remembered {
  key: string;
  /** per rule, what decides its match ("0" when disabled) */
  rules: string[];
  winners: Int32Array;
  /** per rule, the cache keys it used, kept alive while it is reused */
  keys: string[][];
  /** `checkpoints[j]`: the users open before rule j × `every` (read-only) */
  checkpoints: Bits[];
  every: number;
}

const ruleSignature = (r: Rule): string => (r.enabled ? JSON.stringify([r.match, r.conditions]) : "0");

/** How many leading rules `a` and `b` share. */
function sharedPrefix(a: readonly string[], b: readonly string[]): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
}

/** Claims in progress: rules before `from` are done. */
interface Claiming {
  from: number;
  winners: Int32Array;
  open: Open;
  checkpoints: Bits[];
  every: number;
}

/**
 * Open users are snapshotted before every `every`-th rule, for resuming after an edit: every
 * 8th, or further apart in long lists, so a version holds at most MAX_CHECKPOINTS snapshots
 * (each a bit per user, 1/32 of its winners).
 */
const [CHECKPOINT, MAX_CHECKPOINTS] = [8, 8];
const spacing = (rules: number): number => Math.max(CHECKPOINT, Math.ceil(rules / MAX_CHECKPOINTS));

/**
 * From a version sharing rules 0 .. k - 1: its winners, with the users open at its last
 * checkpoint at or before rule k open again (rules from there on are claimed again).
 */
function resume(from: Remembered, k: number): Claiming | null {
  const every = from.every;
  const j = Math.min(Math.floor(k / every), from.checkpoints.length - 1); // none past the rule where everyone was decided
  if (j <= 0) return null;
  const winners = from.winners.slice();
  const bits = from.checkpoints[j].slice();
  for (let w = 0; w < bits.length; w++) {
    for (let m = bits[w]; m !== 0; m &= m - 1) winners[(w << 5) + 31 - Math.clz32(m & -m)] = NO_MATCH;
  }
  return { from: j * every, winners, open: openOf(bits), checkpoints: from.checkpoints.slice(0, j), every };
}

export function createPropertyWinners(cache: MatchCache) {
  /** per property, the latest first */
  const remembered = new Map<string, Remembered[]>();

  /**
   * The winners array is shared by every outcome of the same rules (outcomes are read-only):
   * copying five 100,000-user arrays per edit costs more in garbage collection than the edit.
   */
  function winners(uuid: string, rules: readonly Rule[], start: Start): Int32Array {
    const signatures = rules.map(ruleSignature);
    const versions = (remembered.get(uuid) ?? []).filter((v) => v.key === start.key);
    const known = versions.find((v) => v.rules.length === signatures.length && sharedPrefix(v.rules, signatures) === signatures.length);
    if (known) {
      known.keys.forEach(cache.keep);
      remembered.set(uuid, [known, ...(remembered.get(uuid) ?? []).filter((v) => v !== known)]);
      return known.winners;
    }
    const base = versions.map((v) => ({ v, k: sharedPrefix(v.rules, signatures) })).reduce((a, b) => (b.k > a.k ? b : a), {
      v: versions[0],
      k: 0,
    });
    const every = spacing(rules.length);
    const resumed = base.k >= CHECKPOINT && base.v.every === every ? resume(base.v, base.k) : null;
    const fresh = (): Claiming => ({
      from: 0,
      winners: start.winners.slice(),
      open: openOf(start.eligible.slice()),
      checkpoints: [],
      every,
    });
    const { from, winners: computed, open, checkpoints } = resumed ?? fresh();
    const keys = rules.map((_, i) => (i < from ? base.v.keys[i] : []));
    keys.slice(0, from).forEach(cache.keep);
    for (let i = from; i < rules.length && open.count > 0; i++) {
      if (i % every === 0) checkpoints.push(open.bits.slice());
      if (rules[i].enabled) claim(computed, open, cache.match(rules[i], keys[i]), i);
    }
    const latest: Remembered = { key: start.key, rules: signatures, winners: computed, keys, checkpoints, every };
    remembered.set(uuid, [latest, ...(remembered.get(uuid) ?? []).slice(0, 1)]);
    return computed;
  }

  /** Forgets properties the latest rule set does not have. */
  function sweep(uuids: ReadonlySet<string>): void {
    for (const uuid of remembered.keys()) if (!uuids.has(uuid)) remembered.delete(uuid);
  }

  return { winners, sweep };
}
