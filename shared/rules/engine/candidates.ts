/**
 * The entries of a column a condition needs testing on, when the column's sorted indexes can
 * rule the rest out: for a `matches` pattern with anchored literals, the values starting (or
 * ending) with one of them, plus every entry the index leaves out (value-index.ts). The
 * condition's own test still decides each candidate, so results are exactly the full scan's.
 * While the column has no index yet (compile.ts builds it lazily) every entry is tested.
 */
import type { AttributeColumn } from "./column.ts";
import type { CompiledDirectory } from "./compile.ts";
import { anchoredLiterals } from "../regex/anchored-literals.ts";
import { checkRegex } from "../regex/index.ts";
import { prefixRange, type Range, suffixRange, type ValueIndex } from "./value-index.ts";

export interface Candidates {
  /** the column's index the ranges are into */
  index: ValueIndex;
  ranges: Range[];
  /** entries `unindexed ..` (outside the index) are always candidates */
  unindexed: number;
  /** every indexed candidate passes: only those outside the index need testing */
  exact: boolean;
  count: number;
}

/** The literals none of the others covers (`covers(a, b)`: every value passing b passes a). */
function cover(literals: readonly string[], covers: (a: string, b: string) => boolean): string[] {
  const unique = [...new Set(literals)];
  return unique.filter((b) => !unique.some((a) => a !== b && covers(a, b)));
}

function candidatesOf(col: AttributeColumn, index: ValueIndex, ranges: Range[], exact: boolean): Candidates {
  let count = col.values.length - index.indexedEnd;
  for (const r of ranges) count += r.to - r.from;
  return { index, ranges, unindexed: index.indexedEnd, exact, count };
}

/**
 * Candidates for a pattern search over the column, or null when every entry must be tested.
 * Asking may build the column's index (renumbering its entries): call it before reading
 * entry numbers.
 */
export function patternCandidates(dir: CompiledDirectory, col: AttributeColumn, source: string, caseSensitive: boolean): Candidates | null {
  if (!checkRegex(source, caseSensitive).ok) return null; // refused: passes for nobody
  const { prefixes, suffixes, exact } = anchoredLiterals(source);
  if (prefixes === null && suffixes === null) return null;
  const index = dir.valueIndex(col);
  if (index === null) return null;
  // case-sensitively a candidate's case still needs checking; an exact pattern has one side only
  const certain = exact && !caseSensitive;
  const found: Candidates[] = [];
  if (prefixes) {
    found.push(candidatesOf(
      col,
      index,
      cover(prefixes, (a, b) => b.startsWith(a)).map((p) => prefixRange(index, col.folded, p)),
      certain && suffixes === null,
    ));
  }
  if (suffixes) {
    found.push(
      candidatesOf(col, index, cover(suffixes, (a, b) => b.endsWith(a)).map((s) => suffixRange(index, s)), certain && prefixes === null),
    );
  }
  return found.reduce<Candidates | null>((best, x) => (best === null || x.count < best.count ? x : best), null);
}
