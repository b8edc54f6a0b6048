/**
 * The syntax tree of a `matches` pattern, read with JavaScript's `u`-mode grammar. It is
 * only ever given patterns the native RegExp constructor has accepted (so it checks no
 * syntax), and it refuses, by throwing `Unsupported`, what the linear-time matcher does not
 * run: backreferences, lookaround and inline flag groups. Capture groups are plain groups
 * here: only whether a value matches counts, never what was captured.
 */
import type { CharSet, ClassEscape, SetItem } from "./char-set.ts";

export type Assertion = "start" | "end" | "word" | "notWord";

export type Node =
  | { type: "empty" }
  | { type: "set"; set: CharSet }
  | { type: "assert"; kind: Assertion }
  | { type: "concat"; items: Node[] }
  | { type: "alt"; items: Node[] }
  | { type: "repeat"; node: Node; min: number; max: number };

/** A construct the matcher does not run; the message says which. */
export class Unsupported extends Error {}

const CLASS_ESCAPES = new Set(["d", "D", "s", "S", "w", "W"]);
const CONTROL: Readonly<Record<string, number>> = { f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };
const char = (c: number): Node => ({ type: "set", set: { items: [{ kind: "range", from: c, to: c }], negated: false } });

export function parsePattern(source: string): Node {
  const cps = Array.from(source, (ch) => ch.codePointAt(0) as number);
  let i = 0;
  const peek = (k = 0): string => (i + k < cps.length ? String.fromCodePoint(cps[i + k]) : "");
  const eat = (s: string): boolean => (peek() === s ? (i++, true) : false);

  const hex = (digits: number): number => {
    const text = cps.slice(i, i + digits).map((c) => String.fromCodePoint(c)).join("");
    i += digits;
    return parseInt(text, 16);
  };
  /** The text up to `end`, which is skipped too. */
  const until = (end: string): string => {
    let text = "";
    while (i < cps.length && peek() !== end) text += String.fromCodePoint(cps[i++]);
    i++;
    return text;
  };

  /** `\u…` escapes: `\u{…}`, `\uXXXX`, and a `\uD83D\uDE00` surrogate pair as one code point. */
  function unicodeEscape(): number {
    if (eat("{")) return parseInt(until("}"), 16);
    const unit = hex(4);
    if (unit >= 0xd800 && unit < 0xdc00 && peek() === "\\" && peek(1) === "u" && peek(2) !== "{") {
      const save = i;
      i += 2;
      const low = hex(4);
      if (low >= 0xdc00 && low < 0xe000) return 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
      i = save;
    }
    return unit;
  }

  /** After a `\`: a character, or a set item for class escapes. Throws on references. */
  function escape(inClass: boolean): number | SetItem {
    const c = peek();
    i++;
    if (CLASS_ESCAPES.has(c)) return { kind: "escape", name: c as ClassEscape };
    if (c === "p" || c === "P") {
      i++; // "{"
      return { kind: "property", source: `\\${c}{${until("}")}}` };
    }
    if (c in CONTROL) return CONTROL[c];
    if (c === "c") return cps[i++] % 32;
    if (c === "x") return hex(2);
    if (c === "u") return unicodeEscape();
    if (c === "0" && !/[0-9]/.test(peek())) return 0;
    if (inClass && c === "b") return 0x08;
    if (/[1-9]/.test(c) || c === "k") throw new Unsupported("backreferences are not supported");
    return cps[i - 1]; // an escaped syntax character, "/" or (in a class) "-"
  }

  function classAtom(): number | SetItem {
    if (eat("\\")) return escape(true);
    return cps[i++];
  }

  function charClass(): Node {
    const negated = eat("^");
    const items: SetItem[] = [];
    while (peek() !== "]") {
      const from = classAtom();
      if (peek() === "-" && peek(1) !== "]" && peek(1) !== "" && typeof from === "number") {
        i++;
        const to = classAtom() as number; // the RegExp constructor refused a range to a class escape
        items.push({ kind: "range", from, to });
      } else items.push(typeof from === "number" ? { kind: "range", from, to: from } : from);
    }
    i++;
    return { type: "set", set: { items, negated } };
  }

  function group(): Node {
    if (eat("?")) {
      if (eat(":")) return closeGroup();
      if (peek() === "<" && peek(1) !== "=" && peek(1) !== "!") {
        until(">");
        return closeGroup();
      }
      if (/[=!<]/.test(peek())) throw new Unsupported("lookaround assertions are not supported");
      throw new Unsupported("inline flags such as (?i:…) are not supported");
    }
    return closeGroup();
  }

  function closeGroup(): Node {
    const inner = alternation();
    i++; // ")"
    return inner;
  }

  function atom(): Node {
    const c = peek();
    i++;
    switch (c) {
      case "^":
        return { type: "assert", kind: "start" };
      case "$":
        return { type: "assert", kind: "end" };
      case ".":
        return { type: "set", set: { items: [{ kind: "dot" }], negated: false } };
      case "[":
        return charClass();
      case "(":
        return group();
      case "\\": {
        if (eat("b")) return { type: "assert", kind: "word" };
        if (eat("B")) return { type: "assert", kind: "notWord" };
        const e = escape(false);
        return typeof e === "number" ? char(e) : { type: "set", set: { items: [e], negated: false } };
      }
      default:
        return char(cps[i - 1]);
    }
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (and their lazy forms) after an atom. */
  function quantified(node: Node): Node {
    let min: number, max: number;
    if (eat("*")) [min, max] = [0, Infinity];
    else if (eat("+")) [min, max] = [1, Infinity];
    else if (eat("?")) [min, max] = [0, 1];
    else if (peek() === "{") {
      i++;
      const [low, high] = until("}").split(",");
      min = Number(low);
      max = high === undefined ? min : high === "" ? Infinity : Number(high);
    } else return node;
    eat("?"); // lazy: the same values match
    return { type: "repeat", node, min, max };
  }

  function sequence(): Node {
    const items: Node[] = [];
    while (i < cps.length && peek() !== "|" && peek() !== ")") items.push(quantified(atom()));
    return items.length === 1 ? items[0] : items.length === 0 ? { type: "empty" } : { type: "concat", items };
  }

  function alternation(): Node {
    const items = [sequence()];
    while (eat("|")) items.push(sequence());
    return items.length === 1 ? items[0] : { type: "alt", items };
  }

  return alternation();
}
