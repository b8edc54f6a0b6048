/**
 * A condition over a compiled directory as a bitset of the users it passes for, one
 * function per condition kind in a lookup table.
 */
import type { AttributeCondition, Condition, GroupCondition, StatusCondition } from "./model.ts";
import type { CompiledDirectory } from "./compile.ts";
import { STATUS_CODE } from "./compile.ts";
import { andInto, emptyBits, fullBits, invertInto, orInto, setBit, type Bits } from "./bitset.ts";
import type { AttributeColumn } from "./column.ts";
import { attributeTest } from "./operators.ts";

/** Sets the bits of every member of group `g` (unknown groups have no members). */
function addMembers(dir: CompiledDirectory, g: number | undefined, into: Bits): void {
  if (g === undefined) return;
  const dense = dir.denseGroups.get(g);
  if (dense) return orInto(into, dense);
  const { groupStart, groupMembers } = dir;
  for (let i = groupStart[g]; i < groupStart[g + 1]; i++) {
    const u = groupMembers[i];
    into[u >>> 5] |= 1 << (u & 31);
  }
}

function anyOf(dir: CompiledDirectory, ids: readonly string[]): Bits {
  const bits = emptyBits(dir.size);
  for (const id of new Set(ids)) addMembers(dir, dir.groupIndex.get(id), bits);
  return bits;
}

function allOf(dir: CompiledDirectory, ids: readonly string[]): Bits {
  const bits = fullBits(dir.size);
  const scratch = emptyBits(dir.size);
  for (const id of new Set(ids)) {
    const g = dir.groupIndex.get(id);
    const dense = g === undefined ? undefined : dir.denseGroups.get(g);
    if (!dense) {
      scratch.fill(0);
      addMembers(dir, g, scratch);
    }
    andInto(bits, dense ?? scratch);
  }
  return bits;
}

function groupBits(dir: CompiledDirectory, c: GroupCondition): Bits {
  if (c.op === "all") return allOf(dir, c.groupIds);
  const bits = anyOf(dir, c.groupIds);
  if (c.op === "none") invertInto(bits, dir.size);
  return bits;
}

function statusBits(dir: CompiledDirectory, c: StatusCondition): Bits {
  const wanted = new Uint8Array(8);
  for (const s of c.statuses) wanted[STATUS_CODE[s]] = 1;
  const bits = emptyBits(dir.size);
  for (let u = 0; u < dir.size; u++) if (wanted[dir.status[u]] === 1) setBit(bits, u);
  return bits;
}

/** Marks the users holding column entry `e`. */
function markEntry(col: AttributeColumn, e: number, bits: Bits): void {
  const { start, order } = col;
  if (start[e + 1] - start[e] > col.denseAbove) return orInto(bits, col.dense.get(e) as Bits);
  for (let i = start[e]; i < start[e + 1]; i++) bits[order[i] >>> 5] |= 1 << (order[i] & 31);
}

/** Which entries pass, and how many users hold them. Presence needs no per-value test. */
function passingEntries(col: AttributeColumn, c: AttributeCondition): { pass: Uint8Array; users: number } {
  const { values, folded, start } = col;
  const pass = new Uint8Array(values.length);
  if (c.op === "isSet" || c.op === "isNotSet") {
    for (let e = 0; e < values.length; e++) pass[e] = (e === 0) === (c.op === "isNotSet") ? 1 : 0;
  } else {
    const test = attributeTest(c, col);
    for (let e = 0; e < values.length; e++) pass[e] = test(values[e], folded[e]) ? 1 : 0;
  }
  let users = 0;
  for (let e = 0; e < values.length; e++) if (pass[e] === 1) users += start[e + 1] - start[e];
  return { pass, users };
}

/**
 * Tests each distinct value once, then marks its users. When most users pass, it marks
 * the failing ones and inverts, so the cost follows the smaller side.
 */
function attributeBits(dir: CompiledDirectory, c: AttributeCondition): Bits {
  const col = dir.column(c.attribute);
  const { pass, users } = passingEntries(col, c);
  const invert = users > dir.size / 2;
  // Many distinct values (e.g. emails): one in-order pass over users beats scattered marks.
  if (pass.length > dir.size / 8) return scanUsers(col.codes, pass, dir.size);
  const bits = emptyBits(dir.size);
  for (let e = 0; e < pass.length; e++) if ((pass[e] === 1) !== invert) markEntry(col, e, bits);
  if (invert) invertInto(bits, dir.size);
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

type BitsOf<C> = (dir: CompiledDirectory, condition: C) => Bits;
const BY_KIND: { [K in Condition["kind"]]: BitsOf<Extract<Condition, { kind: K }>> } = {
  group: groupBits,
  status: statusBits,
  attribute: attributeBits,
};

export function conditionBits(dir: CompiledDirectory, condition: Condition): Bits {
  return (BY_KIND[condition.kind] as BitsOf<Condition>)(dir, condition);
}
