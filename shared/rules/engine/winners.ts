/**
 * First match wins, 32 users at a time: `open` holds the users no earlier rule has
 * decided; each enabled rule claims `match & open` and removes them from `open`. The
 * indexes of the words still open are kept in a shrinking list, so late rules only visit
 * the few words where someone is left. A rule's match is combined from its conditions'
 * bitsets on those words only, never built whole.
 */
import type { Bits } from "./bitset.ts";

export interface Open {
  bits: Bits;
  /** indexes of words of `bits` that may be non-zero, `count` of them */
  words: Int32Array;
  count: number;
}

export function openOf(bits: Bits): Open {
  const words = new Int32Array(bits.length);
  let count = 0;
  for (let w = 0; w < bits.length; w++) if (bits[w] !== 0) words[count++] = w;
  return { bits, words, count };
}

/** A rule's match as up to three bitsets, all of which (`all`) or any of which must hold. */
export interface RuleBits {
  parts: readonly Bits[];
  all: boolean;
}

/** Most rules have one to three conditions: more are combined into one bitset beforehand. */
export const MAX_PARTS = 3;

/** Gives user bits `m` of word `w` to rule `ruleIndex`. */
function award(winners: Int32Array, w: number, m: number, ruleIndex: number): void {
  const base = w << 5;
  do {
    const low = m & -m;
    winners[base + 31 - Math.clz32(low)] = ruleIndex;
    m ^= low;
  } while (m !== 0);
}

// One loop per shape, so each visit loads only the words it needs; a repeated part
// (three slots, two parts) changes neither an "and" nor an "or".

function claimOne(winners: Int32Array, open: Open, a: Bits, ruleIndex: number): number {
  const { bits, words, count } = open;
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const w = words[i];
    const left = bits[w];
    const m = a[w] & left;
    words[kept] = w;
    kept += left !== m ? 1 : 0; // someone stays open in this word
    if (m !== 0) {
      bits[w] = left ^ m;
      award(winners, w, m, ruleIndex);
    }
  }
  return kept;
}

function claimAll(winners: Int32Array, open: Open, a: Bits, b: Bits, c: Bits, ruleIndex: number): number {
  const { bits, words, count } = open;
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const w = words[i];
    const left = bits[w];
    const m = a[w] & b[w] & c[w] & left;
    words[kept] = w;
    kept += left !== m ? 1 : 0;
    if (m !== 0) {
      bits[w] = left ^ m;
      award(winners, w, m, ruleIndex);
    }
  }
  return kept;
}

function claimAny(winners: Int32Array, open: Open, a: Bits, b: Bits, c: Bits, ruleIndex: number): number {
  const { bits, words, count } = open;
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const w = words[i];
    const left = bits[w];
    const m = (a[w] | b[w] | c[w]) & left;
    words[kept] = w;
    kept += left !== m ? 1 : 0;
    if (m !== 0) {
      bits[w] = left ^ m;
      award(winners, w, m, ruleIndex);
    }
  }
  return kept;
}

export function claim(winners: Int32Array, open: Open, match: RuleBits, ruleIndex: number): void {
  const [a, b = a, c = b] = match.parts;
  if (match.parts.length === 1) open.count = claimOne(winners, open, a, ruleIndex);
  else if (match.all) open.count = claimAll(winners, open, a, b, c, ruleIndex);
  else open.count = claimAny(winners, open, a, b, c, ruleIndex);
}
