import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compilePattern, TooComplex, Unsupported } from "../../../../shared/rules/regex/index.ts";
import { input, pattern } from "../../../support/patterns.ts";

/**
 * The native engine's answer, which the matcher must give too. It is asked at each code point
 * boundary with the sticky flag, as the specification's RegExpBuiltinExec advances: V8's own
 * test() also tries the positions inside a surrogate pair, so /\B/u finds a match in "i😀".
 */
const native = (source: string, caseSensitive: boolean, input: string) => {
  const regex = new RegExp(source, caseSensitive ? "uy" : "iuy");
  for (let index = 0; index <= input.length; index += (input.codePointAt(index) ?? 0) > 0xffff ? 2 : 1) {
    regex.lastIndex = index;
    if (regex.test(input)) return true;
  }
  return false;
};
/** The compiled pattern, or null for one the matcher refuses to run (checkRegex reports it). */
function compiled(source: string, caseSensitive: boolean, options?: { dfaStates?: number }) {
  try {
    return compilePattern(source, caseSensitive, options);
  } catch (error) {
    if (error instanceof TooComplex || error instanceof Unsupported) return null;
    throw error;
  }
}
/** The matcher stepping its state sets directly, as it does once a pattern's DFA churns. */
const WITHOUT_DFA = { dfaStates: 0 };

describe("the linear-time matcher", () => {
  it.each<[string, string, boolean, boolean]>([
    // [pattern, input, caseSensitive, expected]
    ["abc", "xxabcxx", true, true],
    ["^abc", "xabc", true, false],
    ["abc$", "abc\n", true, false],
    ["^$", "", true, true],
    ["a|", "zzz", true, true],
    ["(?:)", "", true, true],
    ["[]", "a", true, false],
    ["[^]", "\n", true, true],
    [".", "\n", true, false],
    [".", "\u2028", true, false],
    [".", "\u{1f600}", true, true],
    ["^.$", "\u{1f600}", true, true],
    ["^..$", "\u{1f600}", true, false],
    ["^\\u{1f600}$", "\u{1f600}", true, true],
    ["^\\ud83d\\ude00$", "\u{1f600}", true, true],
    ["^.$", "\ud800", true, true],
    ["^a{2,3}$", "aaaa", true, false],
    ["^a{2,3}$", "aaa", true, true],
    ["^(?:ab){2,}$", "ababab", true, true],
    ["\\bfoo\\b", "a foo b", true, true],
    ["\\bfoo\\b", "afoo", true, false],
    ["\\Boo", "foo", true, true],
    ["\\B", "i\u{1f600}K", true, false],
    ["\\B|a", "i\u{1f600}K", false, false],
    ["\\B", "\u{1f600}", true, true],
    ["^\\w+$", "\u017f", true, false],
    ["^\\w+$", "\u017f", false, true],
    ["^\\W$", "\u212a", false, false],
    ["^[^\\W]$", "\u212a", false, true],
    ["\\bs", "\u017f", false, true],
    ["^\\p{Lu}$", "a", true, false],
    ["^\\p{Lu}$", "a", false, true],
    ["^\\P{Ll}$", "A", false, true],
    ["^\\p{Script=Greek}+$", "\u03b1\u03c2", true, true],
    ["^[\\u03c3-\\u03c9]$", "\u03a3", false, true],
    ["^\u03c3$", "\u03c2", false, true],
    ["^ss$", "\u00df", false, false],
    ["^i$", "\u0130", false, false],
    ["^[a-z]$", "\u212a", false, true],
    ["^[\\b]$", "\b", true, true],
    ["^\\cJ$", "\n", true, true],
    ["^\\0$", "\0", true, true],
    ["^[\\d-]+$", "1-2", true, true],
    ["^(?<site>HQ|LAB)-\\d{3}$", "hq-123", false, true],
  ])("/%s/ on %j (caseSensitive %s) is %s, as RegExp says", (source, input, cs, expected) => {
    expect(native(source, cs, input)).toBe(expected);
    expect(compilePattern(source, cs).test(input)).toBe(expected);
    expect(compilePattern(source, cs, WITHOUT_DFA).test(input)).toBe(expected);
  });

  it("agrees with RegExp on generated patterns and inputs", () => {
    fc.assert(
      fc.property(pattern, fc.boolean(), fc.array(input(10), { minLength: 1, maxLength: 8 }), (source, cs, inputs) => {
        let valid = true;
        try {
          new RegExp(source, cs ? "u" : "iu");
        } catch {
          valid = false;
        }
        fc.pre(valid);
        const [cached, stepped] = [compiled(source, cs), compiled(source, cs, WITHOUT_DFA)];
        fc.pre(cached !== null && stepped !== null); // refused (too many states, unsupported): never runs
        for (const input of inputs) {
          const expected = native(source, cs, input);
          const what = `/${source}/${cs ? "u" : "iu"} on ${JSON.stringify(input)}`;
          expect(cached!.test(input), what).toBe(expected);
          expect(stepped!.test(input), `${what}, without the DFA`).toBe(expected);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
