/**
 * `matches` patterns: checked, then compiled to a linear-time matcher. Regular expressions
 * run over every distinct attribute value of a 100,000-user directory, in the browser's
 * worker and on the edge, from rule sets anyone can send an admin in a share link; a
 * backtracking engine would let one pattern (`.?.?.?…#`) freeze either for hours. So no
 * pattern ever runs on the native RegExp engine: the native constructor only checks the
 * syntax, and matcher.ts runs the pattern with JavaScript's `u`-mode meaning.
 *
 * Refused (the condition then passes for nobody, and lint reports it): longer than
 * LIMITS.regexLength; not a valid Unicode-mode JavaScript pattern; the shapes safety.ts
 * lists; inline flags; more automaton states than nfa.ts's MAX_STATES.
 *
 * Patterns are unanchored (`^`/`$` anchor them) and case-insensitive (Unicode simple case
 * folding, as the `i` flag) unless the condition says `caseSensitive: true`.
 */
import { LIMITS } from "../limits.ts";
import { fail, ok, type Result } from "../../result.ts";
import { unsafeReason } from "./safety.ts";
import { parsePattern, Unsupported } from "./syntax.ts";
import { compileNfa, TooComplex } from "./nfa.ts";
import { createMatcher, type Pattern } from "./matcher.ts";
import { requiredText } from "./required-text.ts";

export { MAX_UNBOUNDED } from "./safety.ts";
export { MAX_STATES, TooComplex } from "./nfa.ts";
export { Unsupported } from "./syntax.ts";
export type { Pattern } from "./matcher.ts";
export type RegexProblem = "regex-too-long" | "regex-invalid" | "regex-unsafe";

/**
 * Compile a pattern the RegExp constructor accepts (no safety check): throws Unsupported or
 * TooComplex for what the matcher does not run. checkRegex is the way in; this is for tests.
 */
export function compilePattern(source: string, caseSensitive: boolean, options: { dfaStates?: number } = {}): Pattern {
  const ignoreCase = !caseSensitive;
  const tree = parsePattern(source);
  const nfa = compileNfa(tree, ignoreCase);
  // an anchored pattern's matcher stops at the first character that cannot match: no need
  return createMatcher(nfa, ignoreCase, nfa.anchoredStart ? null : requiredText(tree, ignoreCase), options.dfaStates);
}

/**
 * Recently checked patterns: the engine asks for a pattern several times per evaluation (its
 * candidates, its test, lint), and the worker re-evaluates after every edit. A Pattern is a
 * pure test from the outside (its DFA only caches), so sharing one is safe; at most
 * CHECKED_KEPT are kept, each bounded by the matcher's DFA cache.
 */
const checked = new Map<string, Result<Pattern, RegexProblem>>();
const CHECKED_KEPT = 32;

/** Validate and compile a `matches` pattern (the same Pattern for the same pattern, while kept). */
export function checkRegex(source: string, caseSensitive = false): Result<Pattern, RegexProblem> {
  const key = `${caseSensitive ? "u" : "iu"}/${source}`;
  const known = checked.get(key);
  if (known) {
    checked.delete(key); // most recently used last
    checked.set(key, known);
    return known;
  }
  const result = check(source, caseSensitive);
  checked.set(key, result);
  if (checked.size > CHECKED_KEPT) checked.delete(checked.keys().next().value as string);
  return result;
}

function check(source: string, caseSensitive: boolean): Result<Pattern, RegexProblem> {
  if (source.length > LIMITS.regexLength) {
    return fail("regex-too-long", `Pattern is ${source.length} characters; the limit is ${LIMITS.regexLength}`);
  }
  try {
    new RegExp(source, caseSensitive ? "u" : "iu"); // the syntax check only: it never runs
  } catch (error) {
    return fail("regex-invalid", `Pattern /${source}/ is not a valid regular expression: ${(error as Error).message}`);
  }
  const reason = unsafeReason(source);
  if (reason) return fail("regex-unsafe", `Pattern /${source}/ is refused as unsafe: ${reason}`);
  try {
    return ok(compilePattern(source, caseSensitive));
  } catch (error) {
    if (error instanceof Unsupported) return fail("regex-invalid", `Pattern /${source}/ is not supported: ${error.message}`);
    if (error instanceof TooComplex) return fail("regex-unsafe", `Pattern /${source}/ is refused as unsafe: ${error.message}`);
    throw error;
  }
}
