/**
 * Sorted indexes of a column's folded values, built once asked for (`indexColumn` in column.ts). The
 * column's entries are numbered in folded-value order, and a second order reads values
 * backwards; the values starting (or ending) with a literal are then one contiguous range,
 * found by binary search, so a `matches` condition with anchored literals
 * (regex/anchored-literals.ts) tests a few candidates instead of every distinct value.
 *
 * Only ASCII strings are indexed: a range's upper bound (`AFTER_ASCII`) relies on it, and
 * anchored literals are ASCII too. Other entries (non-ASCII strings, such as "Kelvin" spelt
 * with the Kelvin sign, which folds to "k", and lists) come after them and are always tested
 * with the condition itself.
 *
 * Candidates are tested in index order, so both orders keep their strings next to each
 * other in memory (see `compact` in column.ts): chasing 30,000 strings scattered over the
 * heap costs more than testing them.
 */
import type { SetValue } from "../conditions/profile-value.ts";

export interface ValueIndex {
  /** entries 1 .. indexedEnd - 1 are the ASCII strings, in folded order; the rest follow */
  indexedEnd: number;
  /** the indexed entries in backward folded order, with their values and folded values */
  backward: Int32Array;
  backwardValues: string[];
  backwardFolded: string[];
  /** per backward position, the entry's only user, or -1 when it has several */
  backwardUser: Int32Array;
}

// deno-lint-ignore no-control-regex -- the ASCII range is the point, control characters included
const NON_ASCII = /[^\x00-\x7f]/;
/** Above every ASCII character: `p` ≤ s < `p + AFTER_ASCII` holds exactly the ASCII s starting with p. */
const AFTER_ASCII = "\x80";

const isIndexed = (v: SetValue | null): v is string => typeof v === "string" && !NON_ASCII.test(v);
const compareForward = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compares `a` and `b` read backwards, by code units. */
function compareBackward(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 1; i <= n; i++) {
    const d = a.charCodeAt(a.length - i) - b.charCodeAt(b.length - i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * Renumbers entries (in place, codes included) so the indexed ones come first, in folded
 * order, then the others in their first-seen order. Entry 0 (unset) stays. Returns `indexedEnd`.
 */
export function sortEntries(values: (SetValue | null)[], folded: (SetValue | null)[], codes: Int32Array): number {
  const indexed: number[] = [];
  const others: number[] = [];
  for (let e = 1; e < values.length; e++) (isIndexed(values[e]) ? indexed : others).push(e);
  const text = folded as string[];
  indexed.sort((a, b) => compareForward(text[a], text[b]));
  const old = [0, ...indexed, ...others];
  const renumber = new Int32Array(values.length);
  old.forEach((e, n) => (renumber[e] = n));
  const [oldValues, oldFolded] = [values.slice(), folded.slice()];
  old.forEach((e, n) => ([values[n], folded[n]] = [oldValues[e], oldFolded[e]]));
  for (let u = 0; u < codes.length; u++) codes[u] = renumber[codes[u]];
  return indexed.length + 1;
}

/** The backward order, built once the column's entries are sorted and grouped. */
export function buildValueIndex(
  folded: readonly (SetValue | null)[],
  values: readonly (SetValue | null)[],
  start: Int32Array,
  order: Int32Array,
  indexedEnd: number,
): ValueIndex {
  const text = folded as readonly string[];
  const entries = Array.from({ length: indexedEnd - 1 }, (_, i) => i + 1).sort((a, b) => compareBackward(text[a], text[b]));
  const backward = Int32Array.from(entries);
  // fresh copies in backward order, a value and its folded copy shared where they are equal
  const backwardValues: string[] = JSON.parse(JSON.stringify(entries.map((e) => values[e])));
  const backwardFolded = entries.map((e, i) => (folded[e] === values[e] ? backwardValues[i] : (folded[e] as string)));
  const lowered = entries.flatMap((e, i) => (folded[e] === values[e] ? [] : [i]));
  const copies: string[] = JSON.parse(JSON.stringify(lowered.map((i) => backwardFolded[i])));
  lowered.forEach((i, k) => (backwardFolded[i] = copies[k]));
  const backwardUser = Int32Array.from(entries, (e) => (start[e + 1] - start[e] === 1 ? order[start[e]] : -1));
  return { indexedEnd, backward, backwardValues, backwardFolded, backwardUser };
}

/** First position in [lo, hi) whose string (`at(position)`) is not below `key`. */
function lowerBound(lo: number, hi: number, at: (i: number) => string, key: string, compare: (a: string, b: string) => number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(at(mid), key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Entries `from .. to - 1` (forward), or backward positions `from .. to - 1`. */
export interface Range {
  backward: boolean;
  from: number;
  to: number;
}

/** The indexed entries whose folded value starts with `prefix`. */
export function prefixRange(index: ValueIndex, folded: readonly (SetValue | null)[], prefix: string): Range {
  const at = (e: number) => folded[e] as string;
  const bound = (key: string) => lowerBound(1, index.indexedEnd, at, key, compareForward);
  return { backward: false, from: bound(prefix), to: bound(prefix + AFTER_ASCII) };
}

/** Backward positions of the indexed entries whose folded value ends with `suffix`. */
export function suffixRange(index: ValueIndex, suffix: string): Range {
  const at = (i: number) => index.backwardFolded[i];
  const bound = (key: string) => lowerBound(0, index.backward.length, at, key, compareBackward);
  return { backward: true, from: bound(suffix), to: bound(AFTER_ASCII + suffix) };
}
