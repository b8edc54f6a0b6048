/**
 * Text every match of a pattern contains: the longest run of plain characters its top level
 * strings together, e.g. "engineer" in `engineer( iii| ii)?$`, "@" in `\d{3}@`. A value
 * without it cannot match, and `includes` says so far faster than reading the value through
 * the matcher. Only what is certain counts: a quantified, optional or alternative part, a
 * class or an assertion ends a run; a top-level `|` means nothing is known.
 */
import { foldCodePoint } from "../text/case-fold.ts";
import type { Node } from "./syntax.ts";

/** The top level as one sequence (groups that are only a sequence are read through). */
function flatten(node: Node): Node[] {
  return node.type === "concat" ? node.items.flatMap(flatten) : [node];
}

/** The character a node is, when it is exactly one literal character. */
function literalOf(node: Node): number | null {
  if (node.type !== "set" || node.set.negated || node.set.items.length !== 1) return null;
  const [item] = node.set.items;
  return item.kind === "range" && item.from === item.to ? item.from : null;
}

/** The required text, case-folded when `ignoreCase`, or null. */
export function requiredText(root: Node, ignoreCase: boolean): string | null {
  let best = "";
  let run = "";
  for (const node of flatten(root)) {
    const c = literalOf(node);
    if (c === null) run = "";
    else {
      run += String.fromCodePoint(ignoreCase ? foldCodePoint(c) : c);
      if (run.length > best.length) best = run;
    }
  }
  return best === "" ? null : best;
}
