/**
 * Okta's filter/search expression language (a SCIM subset):
 *   expr    := term ("or" term)*
 *   term    := factor ("and" factor)*
 *   factor  := "not"? ( "(" expr ")" | attr op value | attr "pr" )
 *   value   := "quoted \"string\"" | true | false | null | number
 * Operators and keywords are case-insensitive; attribute names are kept as written. Whether
 * an attribute/operator pair is allowed is decided per endpoint (see queries.ts).
 */
export type Op = "eq" | "ne" | "sw" | "co" | "ew" | "gt" | "ge" | "lt" | "le" | "pr";
const OPS: ReadonlySet<string> = new Set(["eq", "ne", "sw", "co", "ew", "gt", "ge", "lt", "le", "pr"]);

export type Expr =
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; expr: Expr }
  | { kind: "cmp"; attr: string; op: Op; value: string | number | boolean | null };

type Token = { t: "word"; v: string } | { t: "str"; v: string } | { t: "(" } | { t: ")" };

export type ParseResult = { ok: true; expr: Expr } | { ok: false; reason: string };

function tokenize(input: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === " " || ch === "\t" || ch === "\n") i++;
    else if (ch === "(" || ch === ")") {
      out.push({ t: ch });
      i++;
    } else if (ch === '"') {
      let v = "";
      i++;
      for (;;) {
        if (i >= input.length) return "unterminated string";
        const c = input[i];
        if (c === "\\" && i + 1 < input.length) {
          v += input[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          v += c;
          i++;
        }
      }
      out.push({ t: "str", v });
    } else {
      const m = /^[^\s()"]+/.exec(input.slice(i));
      if (!m) return `unexpected character ${ch}`;
      out.push({ t: "word", v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

export function parseExpression(input: string, options: { allowNot: boolean }): ParseResult {
  const tokens = tokenize(input);
  if (typeof tokens === "string") return { ok: false, reason: tokens };
  let pos = 0;
  const peekWord = (): string | undefined => {
    const tok = tokens[pos];
    return tok?.t === "word" ? tok.v.toLowerCase() : undefined;
  };

  const value = (): string | number | boolean | null => {
    const tok = tokens[pos++];
    if (!tok) throw new Error("missing value");
    if (tok.t === "str") return tok.v;
    if (tok.t !== "word") throw new Error("expected a value");
    const w = tok.v.toLowerCase();
    if (w === "true" || w === "false") return w === "true";
    if (w === "null") return null;
    if (/^-?\d+(\.\d+)?$/.test(tok.v)) return Number(tok.v);
    throw new Error(`unquoted value ${tok.v}`);
  };

  const factor = (): Expr => {
    if (peekWord() === "not") {
      if (!options.allowNot) throw new Error("not is not supported");
      pos++;
      return { kind: "not", expr: factor() };
    }
    const tok = tokens[pos];
    if (!tok) throw new Error("unexpected end of expression");
    if (tok.t === "(") {
      pos++;
      const inner = expr();
      if (tokens[pos]?.t !== ")") throw new Error("missing )");
      pos++;
      return inner;
    }
    if (tok.t !== "word") throw new Error("expected an attribute");
    pos++;
    const opTok = tokens[pos++];
    const op = opTok?.t === "word" ? opTok.v.toLowerCase() : "";
    if (!OPS.has(op)) throw new Error(`unknown operator after ${tok.v}`);
    if (op === "pr") return { kind: "cmp", attr: tok.v, op: "pr", value: null };
    return { kind: "cmp", attr: tok.v, op: op as Op, value: value() };
  };

  const chain = (kind: "and" | "or", next: () => Expr) => (): Expr => {
    let left = next();
    while (peekWord() === kind) {
      pos++;
      left = { kind, left, right: next() };
    }
    return left;
  };
  const term = chain("and", factor);
  const expr = chain("or", term);

  try {
    const result = expr();
    if (pos !== tokens.length) return { ok: false, reason: "unexpected trailing input" };
    return { ok: true, expr: result };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** Every comparison in the expression, for per-endpoint validation. */
export function comparisons(expr: Expr): Extract<Expr, { kind: "cmp" }>[] {
  if (expr.kind === "cmp") return [expr];
  if (expr.kind === "not") return comparisons(expr.expr);
  return [...comparisons(expr.left), ...comparisons(expr.right)];
}

/** Build a predicate from per-comparison tests. */
export function toPredicate<T>(expr: Expr, test: (cmp: Extract<Expr, { kind: "cmp" }>) => (item: T) => boolean): (item: T) => boolean {
  switch (expr.kind) {
    case "cmp":
      return test(expr);
    case "not": {
      const inner = toPredicate(expr.expr, test);
      return (item) => !inner(item);
    }
    case "and": {
      const [l, r] = [toPredicate(expr.left, test), toPredicate(expr.right, test)];
      return (item) => l(item) && r(item);
    }
    case "or": {
      const [l, r] = [toPredicate(expr.left, test), toPredicate(expr.right, test)];
      return (item) => l(item) || r(item);
    }
  }
}
