/**
 * First match wins, 32 users at a time: `open` holds the users no earlier rule has
 * decided; each enabled rule claims `match & open` and removes them from `open`. The
 * indexes of the words still open are kept in a shrinking list, so late rules only visit
 * the few words where someone is left.
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

export function claim(winners: Int32Array, open: Open, match: Bits, ruleIndex: number): void {
  const { bits, words } = open;
  let kept = 0;
  for (let i = 0; i < open.count; i++) {
    const w = words[i];
    let m = match[w] & bits[w];
    if (m !== 0) {
      bits[w] ^= m;
      const base = w << 5;
      while (m !== 0) {
        const low = m & -m;
        winners[base + 31 - Math.clz32(low)] = ruleIndex;
        m ^= low;
      }
    }
    if (bits[w] !== 0) words[kept++] = w;
  }
  open.count = kept;
}
