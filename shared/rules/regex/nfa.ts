/**
 * A pattern's syntax tree as a Thompson automaton: states that consume one code point of a
 * set (CHAR), branch without consuming (SPLIT), test a position (ASSERT), or accept (MATCH).
 * Counted repeats are copied out (`a{2,4}` is `aa`, then two optional `a`s), so the state
 * count is what bounds the matcher's work per character: more than MAX_STATES is refused.
 */
import { charSetTest, type CodePointTest } from "./char-set.ts";
import type { Assertion, Node } from "./syntax.ts";

export const MAX_STATES = 500;

export const CHAR = 0;
export const SPLIT = 1;
export const ASSERT = 2;
export const MATCH = 3;

export interface Nfa {
  /** per state: CHAR, SPLIT, ASSERT or MATCH */
  op: number[];
  /** per state: the next state (SPLIT: the first branch) */
  out: number[];
  /** per SPLIT state: the second branch */
  out2: number[];
  /** per CHAR state its set's index in `sets`; per ASSERT state its assertion */
  arg: number[];
  sets: CodePointTest[];
  assertions: Assertion[];
  start: number;
  /** every match starts at position 0 (each path begins with `^`) */
  anchoredStart: boolean;
  /** the pattern has `\b` or `\B`, so states remember whether the previous character was a word character */
  wordBoundaries: boolean;
}

/** The pattern needs more states than MAX_STATES. */
export class TooComplex extends Error {}

function startsAnchored(node: Node): boolean {
  switch (node.type) {
    case "assert":
      return node.kind === "start";
    case "concat":
      return startsAnchored(node.items[0]);
    case "alt":
      return node.items.every(startsAnchored);
    case "repeat":
      return node.min > 0 && startsAnchored(node.node);
    default:
      return false;
  }
}

function hasWordBoundary(node: Node): boolean {
  switch (node.type) {
    case "assert":
      return node.kind === "word" || node.kind === "notWord";
    case "concat":
    case "alt":
      return node.items.some(hasWordBoundary);
    case "repeat":
      return hasWordBoundary(node.node);
    default:
      return false;
  }
}

export function compileNfa(root: Node, ignoreCase: boolean): Nfa {
  const nfa: Nfa = {
    op: [],
    out: [],
    out2: [],
    arg: [],
    sets: [],
    assertions: [],
    start: 0,
    anchoredStart: startsAnchored(root),
    wordBoundaries: hasWordBoundary(root),
  };
  const add = (op: number, out: number, out2 = -1, arg = -1): number => {
    if (nfa.op.length >= MAX_STATES) {
      throw new TooComplex(`it needs more than ${MAX_STATES} states (counted repeats such as {2,50} copy what they repeat)`);
    }
    nfa.op.push(op);
    nfa.out.push(out);
    nfa.out2.push(out2);
    nfa.arg.push(arg);
    return nfa.op.length - 1;
  };

  /** The entry state of `node`, continuing to `next` (built right to left). */
  function build(node: Node, next: number): number {
    switch (node.type) {
      case "empty":
        return next;
      case "set":
        return add(CHAR, next, -1, nfa.sets.push(charSetTest(node.set, ignoreCase)) - 1);
      case "assert":
        return add(ASSERT, next, -1, nfa.assertions.push(node.kind) - 1);
      case "concat":
        return node.items.reduceRight((after, item) => build(item, after), next);
      case "alt":
        return node.items.map((item) => build(item, next)).reduceRight((b, a) => add(SPLIT, a, b));
      case "repeat": {
        let entry = next;
        if (node.max === Infinity) {
          const loop = add(SPLIT, -1, next);
          nfa.out[loop] = build(node.node, loop);
          entry = loop;
        } else {
          for (let k = node.min; k < node.max; k++) entry = add(SPLIT, build(node.node, entry), next);
        }
        for (let k = 0; k < node.min; k++) entry = build(node.node, entry);
        return entry;
      }
    }
  }

  nfa.start = build(root, add(MATCH, -1));
  return nfa;
}
