/**
 * A test of an attribute's values as a bitset, over the attribute's dictionary-encoded
 * column: each distinct value is tested once (or, when the column's sorted indexes rule most
 * of them out, only the candidates: candidates.ts), then the users holding passing values
 * are marked. What the test is belongs to the condition (conditions/attribute.ts).
 */
import type { CompiledDirectory } from "./compile.ts";
import { type Bits, emptyBits, invertInto, orInto } from "./bitset.ts";
import type { AttributeColumn } from "./column.ts";
import type { Candidates } from "./candidates.ts";
import type { SetValue } from "../conditions/profile-value.ts";

/** Tests a normal-form value given with its folded copy (null: unset). */
export type ValueTest = (value: SetValue | null, folded: SetValue | null) => boolean;

/** Marks the users holding column entry `e`. */
function markEntry(col: AttributeColumn, e: number, bits: Bits): void {
  const { start, order } = col;
  if (start[e + 1] - start[e] > col.denseAbove) return orInto(bits, col.dense.get(e) as Bits);
  for (let i = start[e]; i < start[e + 1]; i++) bits[order[i] >>> 5] |= 1 << (order[i] & 31);
}

/** Which entries pass (every entry, or only the candidates), and how many users hold them. */
function passingEntries(col: AttributeColumn, test: ValueTest, candidates: Candidates | null): { pass: Uint8Array; users: number } {
  const { values, folded, start } = col;
  const pass = new Uint8Array(values.length);
  if (candidates === null) {
    for (let e = 0; e < values.length; e++) pass[e] = test(values[e], folded[e]) ? 1 : 0;
  } else {
    const { backward } = candidates.index;
    for (const { backward: isBackward, from, to } of candidates.ranges) {
      for (let i = from; i < to; i++) {
        const e = isBackward ? backward[i] : i;
        pass[e] = candidates.exact || test(values[e], folded[e]) ? 1 : 0;
      }
    }
    for (let e = candidates.unindexed; e < values.length; e++) pass[e] = test(values[e], folded[e]) ? 1 : 0;
  }
  let users = 0;
  for (let e = 0; e < values.length; e++) if (pass[e] === 1) users += start[e + 1] - start[e];
  return { pass, users };
}

/**
 * Tests each distinct value (or candidate) once, then marks its users. When most users
 * pass, it marks the failing ones and inverts, so the cost follows the smaller side.
 * `candidates` must be found before `test` reads entry numbers: finding them may renumber.
 */
export function columnBits(dir: CompiledDirectory, col: AttributeColumn, test: ValueTest, candidates: Candidates | null): Bits {
  // Many distinct values (e.g. emails): mark the candidates' users directly, or make one
  // in-order pass over users rather than scattered marks.
  const many = col.values.length > dir.size / 8;
  if (many && candidates) return candidateBits(dir, col, test, candidates);
  const { pass, users } = passingEntries(col, test, candidates);
  if (many) return scanUsers(col.codes, pass, dir.size);
  const invert = users > dir.size / 2;
  const bits = emptyBits(dir.size);
  for (let e = 0; e < pass.length; e++) if ((pass[e] === 1) !== invert) markEntry(col, e, bits);
  if (invert) invertInto(bits, dir.size);
  return bits;
}

/**
 * Tests only the candidates, in index order (never entry 0: `matches` fails for unset
 * values), and marks the users of those passing.
 */
function candidateBits(dir: CompiledDirectory, col: AttributeColumn, test: ValueTest, candidates: Candidates): Bits {
  const { values, folded, start, order } = col;
  const { backward, backwardValues, backwardFolded, backwardUser } = candidates.index;
  const exact = candidates.exact;
  const bits = emptyBits(dir.size);
  for (const { backward: isBackward, from, to } of candidates.ranges) {
    for (let i = from; i < to; i++) {
      if (!exact && !(isBackward ? test(backwardValues[i], backwardFolded[i]) : test(values[i], folded[i]))) continue;
      // most entries of a many-valued column have one user: set its bit here
      const e = isBackward ? backward[i] : i;
      const u = isBackward ? backwardUser[i] : start[e + 1] - start[e] === 1 ? order[start[e]] : -1;
      if (u >= 0) bits[u >>> 5] |= 1 << (u & 31);
      else markEntry(col, e, bits);
    }
  }
  for (let e = candidates.unindexed; e < values.length; e++) if (test(values[e], folded[e])) markEntry(col, e, bits);
  return bits;
}

/** The users with the value unset (entry 0's), or (`set`) the others. */
export function presenceBits(col: AttributeColumn, set: boolean, size: number): Bits {
  const bits = emptyBits(size);
  markEntry(col, 0, bits);
  if (set) invertInto(bits, size);
  return bits;
}

/** Bit u is pass[codes[u]], built a word at a time. */
function scanUsers(codes: Int32Array, pass: Uint8Array, size: number): Bits {
  const bits = emptyBits(size);
  for (let w = 0, u = 0; w < bits.length; w++) {
    let word = 0;
    for (let b = 0; b < 32 && u < size; b++, u++) word |= pass[codes[u]] << b;
    bits[w] = word;
  }
  return bits;
}
