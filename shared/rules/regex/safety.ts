/**
 * Shapes refused in `matches` patterns although the matcher (matcher.ts) runs every pattern
 * in linear time: they are what makes backtracking engines explode, so a pattern copied
 * elsewhere (another tool, a SIEM query) stays harmless, and they are rarely what an admin
 * means. Refused:
 *
 * - backreferences (`\1`, `\k<name>`) and lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`);
 * - a quantified group that itself contains a quantifier: `(a+)+`, `(a*)*`, `(?:\d+)?`;
 * - a group containing alternation repeated more than once: `(a|a)*`, `(a|b){2}`;
 * - more than MAX_UNBOUNDED quantifiers that can repeat without limit (`*`, `+`, `{n,}`).
 *
 * Chains of optionals (`.?.?.?…#`) pass here: they are the matcher's to make harmless.
 */
export const MAX_UNBOUNDED = 3;

interface Frame {
  quantified: boolean; // contains a quantifier, at any depth
  alternation: boolean; // contains `|`, at any depth
}
type Last = "none" | "atom" | Frame;

const QUANTIFIER = /^(?:[*+?]|\{(\d+)(,(\d*))?\})/;

/** End index (exclusive) of the character class starting at `start` (`[`). */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** End index (exclusive) of the escape at `start` (`\`), or a refusal reason. */
function escapeEnd(source: string, start: number): number | string {
  const next = source[start + 1];
  if (/[1-9]/.test(next ?? "") || next === "k") return "backreferences are not allowed";
  const braced = next === "p" || next === "P" || (next === "u" && source[start + 2] === "{");
  if (braced) return source.indexOf("}", start) + 1;
  return start + 2;
}

function groupOpenLength(source: string, i: number): number | string {
  if (/^\(\?<?[=!]/.test(source.slice(i, i + 4))) return "lookaround assertions are not allowed";
  if (source.startsWith("(?:", i)) return 3;
  const named = /^\(\?<[^>]*>/.exec(source.slice(i));
  return named ? named[0].length : 1;
}

/** Refusal for a quantifier `q` applied to `last`, if any. */
function quantifierProblem(last: Last, q: RegExpExecArray): string | null {
  if (typeof last === "string") return null;
  if (last.quantified) return `nested quantifier: the group repeated by "${q[0]}" already contains a quantifier`;
  const max = q[0] === "?" ? 1 : q[1] === undefined ? Infinity : q[2] === undefined ? Number(q[1]) : q[3] === "" ? Infinity : Number(q[3]);
  if (last.alternation && max > 1) return `alternation repeated by "${q[0]}" can backtrack exponentially`;
  return null;
}

/** Why the (already compiled) pattern is unsafe, or null. */
export function unsafeReason(source: string): string | null {
  const stack: Frame[] = [{ quantified: false, alternation: false }];
  let last: Last = "none";
  let unbounded = 0;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const top = stack[stack.length - 1];
    const q = QUANTIFIER.exec(source.slice(i));
    if (c === "\\") {
      const end = escapeEnd(source, i);
      if (typeof end === "string") return end;
      [i, last] = [end, "atom"];
    } else if (c === "[") {
      [i, last] = [classEnd(source, i), "atom"];
    } else if (c === "(") {
      const length = groupOpenLength(source, i);
      if (typeof length === "string") return length;
      stack.push({ quantified: false, alternation: false });
      [i, last] = [i + length, "none"];
    } else if (c === ")") {
      const closed = stack.pop() as Frame;
      const parent = stack[stack.length - 1];
      parent.quantified ||= closed.quantified;
      parent.alternation ||= closed.alternation;
      [i, last] = [i + 1, closed];
    } else if (c === "|") {
      top.alternation = true;
      [i, last] = [i + 1, "none"];
    } else if (q) {
      const problem = quantifierProblem(last, q);
      if (problem) return problem;
      top.quantified = true;
      if (q[0] === "*" || q[0] === "+" || (q[2] !== undefined && q[3] === "")) unbounded++;
      if (unbounded > MAX_UNBOUNDED) return `more than ${MAX_UNBOUNDED} unbounded quantifiers (*, +, {n,})`;
      i += q[0].length + (source[i + q[0].length] === "?" ? 1 : 0); // lazy suffix
      last = "none";
    } else {
      [i, last] = [i + 1, "atom"];
    }
  }
  return null;
}
