/**
 * Which attributes and operators each endpoint's `filter`/`search` accepts, and how a parsed
 * expression becomes a predicate. Anything outside the grammar is a failure the route turns
 * into 400 E0000031 (invalid search criteria).
 */
import { comparisons, type Expr, type Op, parseExpression, toPredicate } from "./expression.ts";
import type { OktaFailure } from "./errors.ts";
import type { OktaGroupRecord, OktaUserRecord } from "../demo/types.ts";

type Cmp = Extract<Expr, { kind: "cmp" }>;
export interface AttrSpec<T> {
  kind: "string" | "date";
  ops: readonly Op[];
  get(item: T): unknown;
}
export interface QuerySpec<T> {
  what: string;
  attr(name: string): AttrSpec<T> | undefined;
  /** search compares values case-insensitively; filter does not */
  ignoreCase: boolean;
  allowNot: boolean;
}

const DATE_OPS: readonly Op[] = ["eq", "gt", "ge", "lt", "le"];

export function compile<T>(
  spec: QuerySpec<T>,
  input: string,
): { ok: true; test: (item: T) => boolean } | { ok: false; failure: OktaFailure } {
  const invalid = (reason: string) => ({
    ok: false as const,
    failure: { code: "E0000031" as const, summary: `Invalid search criteria.`, causes: [`${spec.what}: ${reason}`] },
  });
  const parsed = parseExpression(input, { allowNot: spec.allowNot });
  if (!parsed.ok) return invalid(parsed.reason);
  for (const cmp of comparisons(parsed.expr)) {
    const attr = spec.attr(cmp.attr);
    if (!attr) return invalid(`unsupported attribute ${cmp.attr}`);
    if (!attr.ops.includes(cmp.op)) return invalid(`operator ${cmp.op} is not supported for ${cmp.attr}`);
    if (cmp.op !== "pr" && typeof cmp.value !== "string") return invalid(`the value for ${cmp.attr} must be quoted`);
    if (attr.kind === "date" && cmp.op !== "pr" && Number.isNaN(Date.parse(String(cmp.value)))) {
      return invalid(`${String(cmp.value)} is not a valid date for ${cmp.attr}`);
    }
  }
  return { ok: true, test: toPredicate<T>(parsed.expr, (cmp) => test(spec, cmp)) };
}

function test<T>(spec: QuerySpec<T>, cmp: Cmp): (item: T) => boolean {
  const attr = spec.attr(cmp.attr)!;
  if (cmp.op === "pr") return (item) => values(attr.get(item)).length > 0;
  if (attr.kind === "date") {
    const want = Date.parse(String(cmp.value));
    const cmpDate = DATE_TESTS[cmp.op];
    return (item) => values(attr.get(item)).some((v) => cmpDate(Date.parse(v), want));
  }
  const fold = (s: string) => (spec.ignoreCase ? s.toLowerCase() : s);
  const want = fold(String(cmp.value));
  const match = STRING_TESTS[cmp.op];
  return (item) => values(attr.get(item)).some((v) => match(fold(v), want));
}

/** A value, or each element of an array value, as strings; null/undefined match nothing. */
function values(raw: unknown): string[] {
  if (raw === null || raw === undefined) return [];
  if (Array.isArray(raw)) return raw.flatMap(values);
  return [String(raw)];
}

const DATE_TESTS: Record<string, (a: number, b: number) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
};
const STRING_TESTS: Record<string, (a: string, b: string) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  sw: (a, b) => a.startsWith(b),
  co: (a, b) => a.includes(b),
  ew: (a, b) => a.endsWith(b),
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
};

// ---------- per-endpoint specs ----------

type UserLike = OktaUserRecord;
type GroupLike = OktaGroupRecord;

const top = <T extends object>(kind: "string" | "date", ops: readonly Op[], key: keyof T & string): AttrSpec<T> => ({
  kind,
  ops,
  get: (item) => item[key],
});
const profile = <T extends { profile: Record<string, unknown> }>(ops: readonly Op[], key: string): AttrSpec<T> => ({
  kind: "string",
  ops,
  get: (item) => item.profile[key],
});

const USER_FILTER: Record<string, AttrSpec<UserLike>> = {
  status: top("string", ["eq"], "status"),
  id: top("string", ["eq"], "id"),
  lastUpdated: top("date", DATE_OPS, "lastUpdated"),
  "profile.login": profile(["eq"], "login"),
  "profile.email": profile(["eq"], "email"),
  "profile.firstName": profile(["eq"], "firstName"),
  "profile.lastName": profile(["eq"], "lastName"),
};
export const userFilter: QuerySpec<UserLike> = {
  what: "filter",
  attr: (name) => USER_FILTER[name],
  ignoreCase: false,
  allowNot: false,
};

const USER_DATES: readonly (keyof OktaUserRecord & string)[] = [
  "created",
  "activated",
  "statusChanged",
  "lastUpdated",
  "lastLogin",
  "passwordChanged",
];
const USER_CO = new Set(["firstName", "lastName", "email", "login"]);
export const userSearch: QuerySpec<UserLike> = {
  what: "search",
  attr(name) {
    if (name.startsWith("profile.") && name.length > 8) {
      const key = name.slice(8);
      return profile(USER_CO.has(key) ? ["eq", "sw", "co"] : ["eq", "sw"], key);
    }
    const date = USER_DATES.find((d) => d === name);
    if (date) return top("date", DATE_OPS, date);
    if (name === "id") return top("string", ["eq", "sw"], name);
    // Okta's documented stand-in for `ne`: (status lt "X" or status gt "X").
    if (name === "status") return top("string", ["eq", "sw", "gt", "ge", "lt", "le"], name);
    if (name === "type.id") return { kind: "string", ops: ["eq"], get: (u) => u.type.id };
    return undefined;
  },
  ignoreCase: true,
  allowNot: false,
};

const GROUP_FILTER: Record<string, AttrSpec<GroupLike>> = {
  id: top("string", ["eq"], "id"),
  type: top("string", ["eq"], "type"),
  lastUpdated: top("date", DATE_OPS, "lastUpdated"),
  lastMembershipUpdated: top("date", DATE_OPS, "lastMembershipUpdated"),
};
export const groupFilter: QuerySpec<GroupLike> = {
  what: "filter",
  attr: (name) => GROUP_FILTER[name],
  ignoreCase: false,
  allowNot: false,
};
export const groupSearch: QuerySpec<GroupLike> = {
  what: "search",
  attr(name) {
    if (name.startsWith("profile.") && name.length > 8) {
      const key = name.slice(8);
      return profile(key === "name" || key === "description" ? ["eq", "sw", "co"] : ["eq", "sw"], key);
    }
    if (name === "created" || name === "lastUpdated" || name === "lastMembershipUpdated") return top("date", DATE_OPS, name);
    if (name === "id" || name === "type") return top("string", ["eq", "sw"], name);
    if (name === "source.id") return { kind: "string", ops: ["eq"], get: (g) => g.source?.id };
    return undefined;
  },
  ignoreCase: true,
  allowNot: false,
};

/** System Log filter: any dotted path (arrays such as `target` match if any element does), not `published`. */
export const logFilter: QuerySpec<Record<string, unknown>> = {
  what: "filter",
  attr(name) {
    if (name === "published" || !/^[A-Za-z][\w.]*$/.test(name)) return undefined;
    const path = name.split(".");
    return { kind: "string", ops: ["eq", "ne", "sw", "co", "ew", "gt", "ge", "lt", "le", "pr"], get: (e) => dig(e, path) };
  },
  ignoreCase: false,
  allowNot: true,
};

function dig(value: unknown, path: string[]): unknown {
  if (path.length === 0) return value;
  if (Array.isArray(value)) return value.flatMap((v) => values(dig(v, path)));
  if (value === null || typeof value !== "object") return undefined;
  return dig((value as Record<string, unknown>)[path[0]], path.slice(1));
}
