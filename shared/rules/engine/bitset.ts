/**
 * Fixed-size bitsets over user indexes: bit `u % 32` of word `u >>> 5` is user `u`.
 * Bits past the last user are always zero, so popcounts and complements stay exact.
 * Words are Int32Array, not Uint32Array: V8 keeps int32 loads in registers, while uint32
 * words above 2^31 become doubles and slow every bitwise loop several-fold.
 */
export type Bits = Int32Array;

export const wordCount = (size: number): number => (size + 31) >>> 5;

/** Mask of the valid bits in the last word (all ones when size is a multiple of 32). */
export function tailMask(size: number): number {
  const rest = size & 31;
  return rest === 0 ? -1 : ~(-1 << rest);
}

export function emptyBits(size: number): Bits {
  return new Int32Array(wordCount(size));
}

export function fullBits(size: number): Bits {
  const bits = new Int32Array(wordCount(size)).fill(-1);
  if (bits.length > 0) bits[bits.length - 1] = tailMask(size);
  return bits;
}

export function setBit(bits: Bits, index: number): void {
  bits[index >>> 5] |= 1 << (index & 31);
}

export function clearBit(bits: Bits, index: number): void {
  bits[index >>> 5] &= ~(1 << (index & 31));
}

export function hasBit(bits: Bits, index: number): boolean {
  return (bits[index >>> 5] & (1 << (index & 31))) !== 0;
}

/** `into &= other`, in place. */
export function andInto(into: Bits, other: Bits): void {
  for (let i = 0; i < into.length; i++) into[i] &= other[i];
}

/** `into |= other`, in place. */
export function orInto(into: Bits, other: Bits): void {
  for (let i = 0; i < into.length; i++) into[i] |= other[i];
}

/** `bits = ~bits`, in place, keeping the bits past `size` zero. */
export function invertInto(bits: Bits, size: number): void {
  for (let i = 0; i < bits.length; i++) bits[i] = ~bits[i];
  if (bits.length > 0) bits[bits.length - 1] &= tailMask(size);
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function countBits(bits: Bits): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) if (bits[i] !== 0) n += popcount32(bits[i]);
  return n;
}

/** Number of bits set in both `a` and `b`, without allocating. */
export function countAnd(a: Bits, b: Bits): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const w = a[i] & b[i];
    if (w !== 0) n += popcount32(w);
  }
  return n;
}
