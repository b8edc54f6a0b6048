/**
 * Runs an automaton (nfa.ts) over a string in time linear in the string, never
 * backtracking. Each character moves a set of automaton states forward: a step visits each
 * state at most once, so a test of a value of n code points does at most
 * (n + 1) × (2 × states + 1) steps (`steps` counts them; states ≤ MAX_STATES).
 *
 * The sets are cached as the states of a DFA built lazily, so once a transition is known a
 * character is one table lookup. Patterns whose DFA would be huge (`a.{20}$` needs a state
 * per combination of the last 21 characters) would only churn through the cache: after
 * MAX_RESETS clears the matcher stops caching and steps the sets directly, which costs the
 * states visited per character and nothing more.
 *
 * The search is unanchored, as RegExp.prototype.test's: the automaton's start is entered
 * again at every position (unless every path begins with `^`), and the first accepting
 * position answers true. Positions are judged as they are read: `^` holds before the first
 * character, `$` after the last, `\b` between a word and a non-word character.
 */
import * as NFA from "./nfa.ts";
import type { Nfa } from "./nfa.ts";
import { wordTest } from "./char-set.ts";

// Local copies: the hot loops should not read imported bindings (some loaders make them getters).
const [CHAR, SPLIT, ASSERT, MATCH] = [NFA.CHAR, NFA.SPLIT, NFA.ASSERT, NFA.MATCH];

/** A compiled `matches` pattern. */
export interface Pattern {
  test(input: string): boolean;
  /**
   * Text every match contains (case-folded unless the pattern is case-sensitive), or null:
   * a value without it cannot match, which a caller holding the folded value can check first.
   */
  readonly required: string | null;
  /** Work done by every test on this Pattern so far: characters read plus automaton states visited. */
  readonly steps: number;
}

/** DFA states kept before the cache is cleared (bounds memory). */
const MAX_DFA_STATES = 512;
/** Cache clears after which the DFA is given up for stepping the sets directly. */
const MAX_RESETS = 4;
const ASCII = 128;
const UNKNOWN = -1;
/**
 * A cached transition is (the next state's row in the ASCII table << 2) | flags: ACCEPTED
 * when a match ended before the character (the test answers true), DEAD when nothing can
 * match from the next state on (a `^`-anchored pattern past its last chance: false).
 */
const ACCEPTED = 1;
const DEAD = 2;
const END = -1;

interface DState {
  /** automaton states reached by consuming the previous character */
  kernel: Int32Array;
  initial: boolean;
  previousIsWord: boolean;
  /** a match ends at the end of the input: 1 yes, 0 no, UNKNOWN not computed */
  acceptAtEnd: number;
  /** transitions of code points from 128 up */
  other: Map<number, number>;
}

/** `dfaStates` 0 never caches (for tests of the direct stepping). */
export function createMatcher(nfa: Nfa, ignoreCase: boolean, required: string | null, dfaStates = MAX_DFA_STATES): Pattern {
  const { sets, assertions, start, anchoredStart, wordBoundaries } = nfa;
  const [op, out, out2, arg] = [Int32Array.from(nfa.op), Int32Array.from(nfa.out), Int32Array.from(nfa.out2), Int32Array.from(nfa.arg)];
  const size = op.length;
  const isWord = wordTest(ignoreCase);
  let steps = 0;

  // ---- one step of the state sets, into reused buffers ----
  const visited = new Int32Array(size);
  const stack = new Int32Array(3 * size + 2);
  const chars = new Int32Array(size);
  const reachedMark = new Int32Array(size);
  let generation = 0;
  let reached = new Int32Array(size);
  let reachedCount = 0;
  /** per ASCII character, per state: 1 when the state's set holds it, 2 when not, 0 not yet known */
  const asciiPasses = new Uint8Array(ASCII * size);

  /**
   * From the states `kernel` (the first `count`) reached by the previous character: follows
   * the non-consuming states, judging assertions against the next character `c` (END past
   * the last), and answers whether a match ends here; if not, and `c` is a character,
   * leaves the states consuming it reached in `reached`.
   */
  function advance(kernel: Int32Array, count: number, initial: boolean, previousIsWord: boolean, c: number): boolean {
    const mark = ++generation;
    let sp = 0;
    for (let k = 0; k < count; k++) stack[sp++] = kernel[k];
    if (initial || !anchoredStart) stack[sp++] = start;
    const nextIsWord = c !== END && wordBoundaries && isWord(c);
    let found = 0;
    let accept = false;
    while (sp > 0) {
      const s = stack[--sp];
      if (visited[s] === mark) continue;
      visited[s] = mark;
      steps++;
      const kind = op[s];
      if (kind === CHAR) chars[found++] = s;
      else if (kind === SPLIT) {
        stack[sp++] = out2[s];
        stack[sp++] = out[s];
      } else if (kind === MATCH) accept = true;
      else if (kind === ASSERT) {
        const a = assertions[arg[s]];
        const holds = a === "start" ? initial : a === "end" ? c === END : (previousIsWord !== nextIsWord) === (a === "word");
        if (holds) stack[sp++] = out[s];
      }
    }
    reachedCount = 0;
    if (accept || c === END) return accept;
    const row = c * size;
    for (let k = 0; k < found; k++) {
      const s = chars[k];
      steps++;
      let pass: boolean;
      if (c < ASCII) {
        if (asciiPasses[row + s] === 0) asciiPasses[row + s] = sets[arg[s]](c) ? 1 : 2;
        pass = asciiPasses[row + s] === 1;
      } else pass = sets[arg[s]](c);
      if (pass && reachedMark[out[s]] !== mark) {
        reachedMark[out[s]] = mark;
        reached[reachedCount++] = out[s];
      }
    }
    return false;
  }

  // ---- the lazy DFA ----
  let states: DState[] = [];
  let ascii = new Int32Array(0);
  let index = new Map<string, number>();
  let initialState = -1;
  let resets = 0;

  function stateFor(kernel: Int32Array, initial: boolean, previousIsWord: boolean): number {
    kernel.sort();
    const key = `${initial ? "I" : "-"}${previousIsWord ? "w" : "-"}${String.fromCharCode(...kernel)}`;
    const known = index.get(key);
    if (known !== undefined) return known;
    if (states.length >= dfaStates) reset();
    states.push({ kernel, initial, previousIsWord, acceptAtEnd: UNKNOWN, other: new Map() });
    if (ascii.length < states.length * ASCII) {
      const grown = new Int32Array(Math.max(ASCII, ascii.length * 2)).fill(UNKNOWN);
      grown.set(ascii);
      ascii = grown;
    }
    index.set(key, states.length - 1);
    return states.length - 1;
  }

  function reset(): void {
    [states, index, initialState] = [[], new Map(), -1];
    ascii.fill(UNKNOWN);
    resets++;
  }

  /** The transition from DFA state `from` on code point `c`, computed and cached. */
  function transition(from: number, c: number): number {
    const state = states[from];
    let result = ACCEPTED; // a match ended: the test answers true, where it would go next does not matter
    if (!advance(state.kernel, state.kernel.length, state.initial, state.previousIsWord, c)) {
      const next = stateFor(reached.slice(0, reachedCount), false, wordBoundaries && isWord(c));
      const dead = reachedCount === 0 && anchoredStart;
      result = ((next * ASCII) << 2) | (dead ? DEAD : 0);
    }
    // `from` may have gone with a reset: cache only while it is still there
    if (states[from] === state) {
      if (c < ASCII) ascii[from * ASCII + c] = result;
      else state.other.set(c, result);
    }
    return result;
  }

  function acceptsAtEnd(at: number): boolean {
    const state = states[at];
    if (state.acceptAtEnd === UNKNOWN) {
      state.acceptAtEnd = advance(state.kernel, state.kernel.length, state.initial, state.previousIsWord, END) ? 1 : 0;
    }
    return state.acceptAtEnd === 1;
  }

  function testWithDfa(input: string): boolean {
    if (initialState < 0) initialState = stateFor(new Int32Array(0), true, false);
    let row = initialState * ASCII; // the current state's row in `table`
    let table = ascii; // a local for the hot loop, reloaded after a transition (which may grow it)
    const n = input.length;
    for (let i = 0; i < n; i++) {
      let c = input.charCodeAt(i);
      let t: number;
      if (c < ASCII) t = table[row + c];
      else {
        if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) {
          const low = input.charCodeAt(i + 1);
          if (low >= 0xdc00 && low < 0xe000) {
            c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
            i++;
          }
        }
        t = states[row / ASCII].other.get(c) ?? UNKNOWN;
      }
      if (t === UNKNOWN) {
        t = transition(row / ASCII, c);
        table = ascii;
      }
      if ((t & (ACCEPTED | DEAD)) !== 0) {
        steps += i + 1;
        return (t & ACCEPTED) !== 0;
      }
      row = t >> 2;
    }
    steps += n;
    return acceptsAtEnd(row / ASCII);
  }

  // ---- stepping the sets directly, once the DFA churns ----
  let current = new Int32Array(size);

  function testWithSets(input: string): boolean {
    let count = 0;
    let initial = true;
    let previousIsWord = false;
    const n = input.length;
    for (let i = 0; i < n; i++) {
      let c = input.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) {
        const low = input.charCodeAt(i + 1);
        if (low >= 0xdc00 && low < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      steps++;
      if (advance(current, count, initial, previousIsWord, c)) return true;
      [current, reached] = [reached, current];
      count = reachedCount;
      initial = false;
      previousIsWord = wordBoundaries && isWord(c);
      if (count === 0 && anchoredStart) return false;
    }
    return advance(current, count, initial, previousIsWord, END);
  }

  return {
    test: (input) => (dfaStates > 0 && resets < MAX_RESETS ? testWithDfa(input) : testWithSets(input)),
    required,
    get steps() {
      return steps;
    },
  };
}
