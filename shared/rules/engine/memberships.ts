/**
 * Group memberships over a compiled directory as bitsets: the members of any of some
 * groups, or of every one of them. Dense groups are OR-ed a word at a time, sparse ones
 * walked through their sorted member lists (compile.ts).
 */
import type { CompiledDirectory } from "./compile.ts";
import { type Bits, emptyBits, fullBits, orInto } from "./bitset.ts";

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

/** Members of at least one of the groups. */
export function membersOfAny(dir: CompiledDirectory, ids: readonly string[]): Bits {
  const bits = emptyBits(dir.size);
  for (const id of new Set(ids)) addMembers(dir, dir.groupIndex.get(id), bits);
  return bits;
}

/**
 * Members of every group: the smallest group's members, each checked against the others
 * (a bit of a dense group's bitset, or a cursor walking a sorted member list alongside).
 */
export function membersOfAll(dir: CompiledDirectory, ids: readonly string[]): Bits {
  const groups = [...new Set(ids)].map((id) => dir.groupIndex.get(id));
  if (groups.length === 0) return fullBits(dir.size); // "all of none" holds for everyone
  const bits = emptyBits(dir.size);
  if (groups.some((g) => g === undefined)) return bits; // nobody is in an unknown group
  const { groupStart, groupMembers, denseGroups } = dir;
  const size = (g: number) => groupStart[g + 1] - groupStart[g];
  const [smallest, ...others] = (groups as number[]).sort((a, b) => size(a) - size(b));
  const dense = others.flatMap((g) => denseGroups.get(g) ?? []);
  const sparse = others.filter((g) => !denseGroups.has(g));
  const cursor = Int32Array.from(sparse, (g) => groupStart[g]);
  next: for (let i = groupStart[smallest]; i < groupStart[smallest + 1]; i++) {
    const u = groupMembers[i];
    for (const d of dense) if ((d[u >>> 5] & (1 << (u & 31))) === 0) continue next;
    for (let k = 0; k < sparse.length; k++) {
      const end = groupStart[sparse[k] + 1];
      let at = cursor[k];
      while (at < end && groupMembers[at] < u) at++;
      cursor[k] = at;
      if (at === end || groupMembers[at] !== u) continue next;
    }
    bits[u >>> 5] |= 1 << (u & 31);
  }
  return bits;
}
