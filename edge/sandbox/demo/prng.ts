/**
 * A seeded random source for the demo organisation: mulberry32 plus the few draws the
 * generator needs. Same seed, same sequence, in Node and Deno alike.
 */
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdef";

export interface Prng {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [0, n) */
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** pick by weight: `[[value, weight], …]` */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  base62(length: number): string;
  hex(length: number): string;
  /** an RFC 4122 version-4-shaped uuid */
  uuid(): string;
}

/** mulberry32: uniform draws in [0, 1), tiny and fast; the one seeded source of the sandboxes and benchmarks. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createPrng(seed: number): Prng {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  // Char codes then one string: concatenating char by char leaves ropes for the GC at 100k users.
  const codes: number[] = [];
  const chars = (alphabet: string, length: number) => {
    codes.length = length;
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(int(alphabet.length));
    return String.fromCharCode(...codes);
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)],
    weighted(items) {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [value, w] of items) {
        roll -= w;
        if (roll < 0) return value;
      }
      return items[items.length - 1][0];
    },
    base62: (length) => chars(BASE62, length),
    hex: (length) => chars(HEX, length),
    uuid() {
      const h = chars(HEX, 32);
      const variant = HEX[8 + int(4)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
