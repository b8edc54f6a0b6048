/**
 * Unicode simple case folding: what case-insensitive comparison compares. Each code point
 * folds to one code point (CaseFolding.txt statuses C and S; Unicode version in
 * case-fold-table.ts), which is also what a JavaScript RegExp with the `iu` flags treats
 * as equal, so string operators, value indexes, lint's implications and `matches` patterns
 * agree on every character:
 *
 * - "Σ", "σ" and final "ς" all fold to "σ" (`toLowerCase` keeps a final "ς" apart);
 * - the Kelvin sign "K" folds to "k", the long s "ſ" to "s", "ẞ" to "ß";
 * - "ß" stays "ß" (full folding would make it "ss"), and Turkish "İ" and "ı" stay themselves
 *   (their foldings to "i̇" and "i" are full or Turkic-only).
 *
 * Folding never changes a string's length in UTF-16 code units, so positions carry over.
 */
import { FOLD_RUNS } from "./case-fold-table.ts";

/** Per BMP code unit, its folding; astral code points fold through `ASTRAL`. */
const BMP = new Uint16Array(0x10000);
const ASTRAL = new Map<number, number>();
for (let c = 0; c < 0x10000; c++) BMP[c] = c;
for (let i = 0; i < FOLD_RUNS.length; i += 4) {
  const [start, count, stride, delta] = FOLD_RUNS.slice(i, i + 4);
  for (let k = 0, c = start; k < count; k++, c += stride) {
    if (c < 0x10000) BMP[c] = c + delta;
    else ASTRAL.set(c, c + delta);
  }
}

// deno-lint-ignore no-control-regex -- the ASCII range is the point, control characters included
const NON_ASCII = /[^\x00-\x7f]/;

/** The simple case folding of one code point. */
export function foldCodePoint(c: number): number {
  return c < 0x10000 ? BMP[c] : (ASTRAL.get(c) ?? c);
}

/** `s` case-folded (the same string when nothing folds). */
export function foldCase(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase(); // ASCII: the same, and native
  let changed = false;
  const units = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u >= 0xd800 && u < 0xdc00 && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        const c = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
        const f = foldCodePoint(c);
        if (f !== c) changed = true;
        units[i] = 0xd800 + ((f - 0x10000) >> 10);
        units[++i] = 0xdc00 + ((f - 0x10000) & 0x3ff);
        continue;
      }
    }
    units[i] = BMP[u];
    if (units[i] !== u) changed = true;
  }
  if (!changed) return s;
  let out = "";
  for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.subarray(i, i + 4096));
  return out;
}

let orbits: Map<number, readonly number[]> | null = null;

/**
 * The code points that fold like `c`, `c` included, e.g. k, K and the Kelvin sign: what a
 * case-insensitive character class tests (any of them in the class matches `c`).
 */
export function caseOrbit(c: number): readonly number[] {
  if (orbits === null) {
    const members = new Map<number, number[]>();
    const add = (from: number, to: number) => members.get(to)?.push(from) ?? members.set(to, [to, from]);
    for (let u = 0; u < 0x10000; u++) if (BMP[u] !== u) add(u, BMP[u]);
    ASTRAL.forEach((to, from) => add(from, to));
    orbits = new Map();
    for (const orbit of members.values()) for (const m of orbit) orbits.set(m, orbit);
  }
  return orbits.get(c) ?? [c];
}
