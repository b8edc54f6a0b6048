/**
 * One profile attribute as a dictionary-encoded column: each distinct value once (with its
 * case-folded copy computed once), and the users holding it grouped together. A condition
 * is then tested once per distinct value, not once per user; values held by many users
 * also get a ready bitset, so marking them is a word-wise OR instead of a bit per user.
 *
 * The sorted value index (value-index.ts) is built later, on demand (`indexColumn`): for
 * 100,000 distinct emails it costs more than half a second, which a first result should not
 * wait for. Until then entries stay in first-seen order and every value is tested.
 */
import type { DirectoryTable } from "../../directory/table.ts";
import { type Bits, emptyBits } from "./bitset.ts";
import { foldValue, normalValue, type SetValue } from "../conditions/profile-value.ts";
import { buildValueIndex, sortEntries, type ValueIndex } from "./value-index.ts";

export interface AttributeColumn {
  /**
   * Distinct set values; entry 0 stands for "unset" (null). Entry numbers change once, when
   * the index is built (`indexColumn`): nothing may keep them from one call to the next.
   */
  values: (SetValue | null)[];
  folded: (SetValue | null)[];
  /** Users holding entry e are `order[start[e]] .. order[start[e + 1] - 1]`, ascending. */
  start: Int32Array;
  order: Int32Array;
  /** Per user, its entry: for scanning users in order when most entries hold one user. */
  codes: Int32Array;
  /** Bitset of entry e's users, for entries held by more than `denseAbove` users. */
  dense: Map<number, Bits>;
  denseAbove: number;
  /**
   * Null until built: entries are then renumbered in folded order (ASCII strings first),
   * with the backward order besides (value-index.ts).
   */
  index: ValueIndex | null;
  /** Evaluations that could have used the missing index, and the latest of them (compile.ts). */
  wanted: number;
  wantedIn: number;
}

/** Above 1/128 of users, OR-ing 32 users a word beats setting one bit per user. */
const DENSE_SHARE = 1 / 128;

export function buildColumn(table: DirectoryTable, attribute: string): AttributeColumn {
  const read = table.attribute(attribute);
  const codes = new Int32Array(table.size);
  const values: (SetValue | null)[] = [null];
  const folded: (SetValue | null)[] = [null];
  const strings = new Map<string, number>();
  const arrays = new Map<string, number>();
  for (let u = 0; u < table.size; u++) {
    const value = normalValue(read(u));
    if (value === null) continue; // code 0
    const [seen, key] = typeof value === "string" ? [strings, value] : [arrays, JSON.stringify(value)];
    let code = seen.get(key);
    if (code === undefined) {
      code = values.length;
      seen.set(key, code);
      values.push(value);
      const lower = foldValue(value);
      folded.push(lower === value || (typeof lower !== "string" && lower.every((s, i) => s === value[i])) ? value : lower);
    }
    codes[u] = code;
  }
  compact(values, folded);
  const { start, order } = groupBy(codes, values.length);
  const denseAbove = table.size * DENSE_SHARE;
  const dense = denseBits(start, order, table.size, denseAbove);
  return { values, folded, start, order, codes, dense, denseAbove, index: null, wanted: 0, wantedIn: -1 };
}

/**
 * Builds the column's value index, in place: renumbers the entries in folded order (codes,
 * groups and dense bitsets follow), re-homes the strings in that order, then adds the
 * backward order. Cached condition bitsets stay valid: they are per user, not per entry.
 */
export function indexColumn(col: AttributeColumn): ValueIndex {
  if (col.index) return col.index;
  const indexedEnd = sortEntries(col.values, col.folded, col.codes);
  compact(col.values, col.folded);
  const { start, order } = groupBy(col.codes, col.values.length);
  col.start = start;
  col.order = order;
  col.dense = denseBits(start, order, col.codes.length, col.denseAbove);
  return (col.index = buildValueIndex(col.folded, col.values, start, order, indexedEnd));
}

/**
 * Re-homes the column's strings next to each other (JSON.parse allocates fresh flat strings
 * in order), so a test over 100,000 distinct values walks memory in order instead of chasing
 * strings spread across the directory's objects: on a busy machine that is most of the cost.
 */
function compact(values: (SetValue | null)[], folded: (SetValue | null)[]): void {
  const at: number[] = [];
  for (let e = 1; e < values.length; e++) if (typeof values[e] === "string") at.push(e);
  const lowered = at.filter((e) => folded[e] !== values[e]);
  const copies: string[] = JSON.parse(JSON.stringify(at.map((e) => values[e])));
  const foldedCopies: string[] = JSON.parse(JSON.stringify(lowered.map((e) => folded[e])));
  at.forEach((e, i) => {
    if (folded[e] === values[e]) folded[e] = copies[i];
    values[e] = copies[i];
  });
  lowered.forEach((e, i) => (folded[e] = foldedCopies[i]));
}

function denseBits(start: Int32Array, order: Int32Array, size: number, denseAbove: number): Map<number, Bits> {
  const dense = new Map<number, Bits>();
  for (let e = 0; e + 1 < start.length; e++) {
    if (start[e + 1] - start[e] <= denseAbove) continue;
    const bits = emptyBits(size);
    for (let i = start[e]; i < start[e + 1]; i++) bits[order[i] >>> 5] |= 1 << (order[i] & 31);
    dense.set(e, bits);
  }
  return dense;
}

/** Counting sort of user indexes by code. */
export function groupBy(codes: Int32Array, distinct: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(distinct + 1);
  for (let u = 0; u < codes.length; u++) start[codes[u] + 1]++;
  for (let e = 0; e < distinct; e++) start[e + 1] += start[e];
  const next = start.slice(0, distinct);
  const order = new Int32Array(codes.length);
  for (let u = 0; u < codes.length; u++) order[next[codes[u]]++] = u;
  return { start, order };
}
