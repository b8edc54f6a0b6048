/**
 * A seeded synthetic organisation for benchmarks: deterministic (mulberry32), skewed like a
 * real company (a few big departments, cities and groups; a long tail). Seeded rule sets over it
 * mix group and attribute conditions (regex, oneOf, contains, …).
 */
import type { Directory, DirectoryUser, OktaStatus } from "../shared/directory/model.ts";
import { type Condition, type Rule, type RuleSet, RULESET_SCHEMA_VERSION } from "../shared/rules/model.ts";
import { mulberry32 } from "../edge/sandbox/demo/prng.ts";

export type Random = () => number;

/** Index in [0, n), skewed toward 0 (squared uniform): big heads, long tails. */
const skewed = (rnd: Random, n: number): number => Math.floor(rnd() * rnd() * n);
const pick = <T>(rnd: Random, items: readonly T[]): T => items[skewed(rnd, items.length)];

export const DEPARTMENTS = Array.from(
  { length: 25 },
  (_, i) =>
    ["Engineering", "Sales", "Operations", "Support", "Finance", "Marketing", "Legal", "HR", "Security", "Facilities"][i] ??
      `Department ${i}`,
);
export const CITIES = Array.from(
  { length: 30 },
  (_, i) => ["San Francisco", "New York", "London", "Austin", "Berlin", "Toronto", "Sydney", "Tokyo"][i] ?? `City ${i}`,
);
const LEVELS = ["", "Senior ", "Staff ", "Principal ", "Junior ", "Lead "];
const ROLES = [
  "Engineer",
  "Manager",
  "Analyst",
  "Designer",
  "Specialist",
  "Coordinator",
  "Director",
  "Technician",
  "Consultant",
  "Administrator",
];
export const TITLES = LEVELS.flatMap((l) => ROLES.map((r) => `${l}${r}`)).flatMap((t) => [t, `${t} II`, `${t} III`]);
const TYPES = ["Employee", "Contractor", "Intern", "Vendor"];
const STATUSES: [OktaStatus, number][] = [["ACTIVE", 0.93], ["STAGED", 0.02], ["PROVISIONED", 0.01], ["SUSPENDED", 0.01], [
  "DEPROVISIONED",
  0.02,
], ["LOCKED_OUT", 0.01]];

function status(rnd: Random): OktaStatus {
  let r = rnd();
  for (const [s, p] of STATUSES) if ((r -= p) < 0) return s;
  return "ACTIVE";
}

function makeUser(rnd: Random, i: number, groupIds: string[]): DirectoryUser {
  const id = `00u${i.toString(36).padStart(17, "0")}`;
  const first = `First${skewed(rnd, 3000)}`;
  const last = `Last${skewed(rnd, 9000)}`;
  const type = pick(rnd, TYPES);
  const domain = type === "Contractor" || type === "Vendor" ? "example-contractors.com" : "example.com";
  const email = rnd() < 0.01 ? null : `${first}.${last}.${i}@${domain}`.toLowerCase();
  const count = 5 + Math.floor(rnd() * 11); // 5–15 groups
  const groups = new Set<string>();
  while (groups.size < count) groups.add(groupIds[skewed(rnd, groupIds.length)]);
  return {
    id,
    status: status(rnd),
    email,
    groupIds: [...groups],
    profile: {
      login: email ?? `${id}@example.com`,
      email,
      firstName: first,
      lastName: last,
      department: pick(rnd, DEPARTMENTS),
      title: pick(rnd, TITLES),
      city: pick(rnd, CITIES),
      costCenter: `CC-${1000 + skewed(rnd, 150)}`,
      employeeType: type,
      employeeNumber: String(100000 + i),
      mobilePhone: rnd() < 0.7 ? `+1555${String(i).padStart(7, "0")}` : null,
      badgeTier: rnd() < 0.1 ? ["gold", "silver"][Math.floor(rnd() * 2)] : null,
    },
  };
}

export function syntheticDirectory(options: { users: number; groups: number; seed: number }): Directory {
  const rnd = mulberry32(options.seed);
  const groupIds = Array.from({ length: options.groups }, (_, g) => `00g${g.toString(36).padStart(17, "0")}`);
  const users = Array.from({ length: options.users }, (_, i) => makeUser(rnd, i, groupIds));
  const groups = groupIds.map((id, g) => ({ id, name: `Group ${g}`, type: "OKTA_GROUP" as const }));
  // Through JSON, as the worker and the edge receive a snapshot: flat strings, not the
  // concatenation trees template literals leave behind (which would slow every string test).
  return JSON.parse(JSON.stringify({ fetchedAt: "2026-01-01T00:00:00.000Z", users, groups }));
}

// ---- rule sets ----

const int = (rnd: Random, n: number): number => Math.floor(rnd() * n);
const groupId = (g: number): string => `00g${g.toString(36).padStart(17, "0")}`;
const someGroups = (rnd: Random, groups: number, k: number): string[] => Array.from({ length: k }, () => groupId(int(rnd, groups)));

/** Patterns paired with the attribute they are written for, as admins would. */
const REGEXES: [string, string][] = [
  ["title", "^(senior|staff|principal) "],
  ["title", "engineer( iii| ii)?$"],
  ["costCenter", "^cc-10[0-4]\\d$"],
  ["city", "^(san|new) "],
  ["email", "@example-contractors\\.com$"],
  ["email", "@(example-contractors|example-vendors)\\.com$"],
  ["email", "^first1\\d*\\."],
];

/** Conditions that pick out a slice of the organisation: every rule starts with one. */
const SELECTIVE: ((rnd: Random, groups: number) => Condition)[] = [
  (rnd, groups) => ({ kind: "group", op: "any", groupIds: someGroups(rnd, groups, 1 + int(rnd, 3)) }),
  (rnd, groups) => ({ kind: "group", op: "any", groupIds: someGroups(rnd, groups, 1 + int(rnd, 3)) }),
  (rnd, groups) => ({ kind: "group", op: "all", groupIds: someGroups(rnd, groups, 2) }),
  (rnd) => ({ kind: "attribute", attribute: "department", op: "equals", value: DEPARTMENTS[int(rnd, 25)].toLowerCase() }),
  (rnd) => ({ kind: "attribute", attribute: "city", op: "oneOf", values: [CITIES[int(rnd, 30)], CITIES[int(rnd, 30)]] }),
  (rnd) => ({ kind: "attribute", attribute: "title", op: "contains", value: ["engineer", "manager", "senior", "director"][int(rnd, 4)] }),
  (rnd) => ({ kind: "attribute", attribute: "costCenter", op: "startsWith", value: `CC-11${int(rnd, 5)}` }),
  (rnd) => ({
    kind: "attribute",
    attribute: "title",
    op: "endsWith",
    value: TITLES[int(rnd, TITLES.length)].slice(-6),
    caseSensitive: true,
  }),
  (rnd) => {
    const [attribute, value] = REGEXES[int(rnd, REGEXES.length)];
    return { kind: "attribute", attribute, op: "matches", value };
  },
];

/** Broad refinements, combined with a selective condition in "all" rules. */
const BROAD: ((rnd: Random, groups: number) => Condition)[] = [
  (rnd, groups) => ({ kind: "group", op: "none", groupIds: someGroups(rnd, groups, 1) }),
  () => ({ kind: "attribute", attribute: "employeeType", op: "notEquals", value: "Contractor" }),
  () => ({ kind: "attribute", attribute: "mobilePhone", op: "isSet" }),
  () => ({ kind: "status", statuses: ["ACTIVE", "LOCKED_OUT"] }),
  (rnd, groups) => SELECTIVE[int(rnd, SELECTIVE.length)](rnd, groups),
];

function makeRule(rnd: Random, property: number, i: number, groups: number): Rule {
  const match = rnd() < 0.75 ? "all" : "any";
  const more = match === "all" ? BROAD : SELECTIVE;
  const conditions = [
    SELECTIVE[int(rnd, SELECTIVE.length)](rnd, groups),
    ...Array.from({ length: int(rnd, 3) }, () => more[int(rnd, more.length)](rnd, groups)),
  ];
  const exclude = rnd() < 0.1;
  return {
    id: `p${property}-r${i}`,
    name: `Rule ${i}`,
    enabled: rnd() < 0.95,
    match,
    conditions,
    actions: exclude
      ? { kind: "exclude" }
      : { kind: "grant", accessGroupIds: [`ag-${property}-${int(rnd, 20)}`], roleId: "role-user", mobileKey: rnd() < 0.8, wallet: false },
  };
}

export function syntheticRuleSet(options: { properties: number; rulesPerProperty: number; groups: number; seed: number }): RuleSet {
  const rnd = mulberry32(options.seed);
  const properties: RuleSet["properties"] = {};
  for (let p = 0; p < options.properties; p++) {
    const rules = Array.from({ length: options.rulesPerProperty }, (_, i) => makeRule(rnd, p, i, options.groups));
    // Most sites end with a catch-all for everyone else (the rest leave them unsynced).
    if (p % 2 === 0) {
      rules[rules.length - 1] = { ...rules[rules.length - 1], name: "Everyone else", enabled: true, match: "all", conditions: [] };
    }
    properties[`loc-${p}`] = { rules };
  }
  return { schemaVersion: RULESET_SCHEMA_VERSION, settings: { suspended: "deny" }, properties };
}

/** The rule set with the first condition of one enabled rule changed (a fresh value per `n`). */
export function editOneCondition(ruleSet: RuleSet, n: number): RuleSet {
  const uuid = Object.keys(ruleSet.properties)[n % Object.keys(ruleSet.properties).length];
  const rules = [...ruleSet.properties[uuid].rules];
  let at = (n * 7) % rules.length;
  while (!rules[at].enabled) at = (at + 1) % rules.length;
  const changed: Condition = { kind: "attribute", attribute: "department", op: "equals", value: `Department edit ${n}` };
  rules[at] = { ...rules[at], conditions: [changed, ...rules[at].conditions.slice(1)] };
  return { ...ruleSet, properties: { ...ruleSet.properties, [uuid]: { rules } } };
}
