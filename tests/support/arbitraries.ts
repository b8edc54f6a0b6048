/**
 * fast-check generators for directories and rule sets over deliberately small vocabularies
 * (a few groups, attributes and values, in several cases), so random conditions hit.
 */
import fc from "fast-check";
import { type Directory, type DirectoryUser, OKTA_STATUSES, type ProfileValue } from "../../shared/directory/model.ts";
import { ATTRIBUTE_OPS, type Condition, type Rule, type RuleSet, RULESET_SCHEMA_VERSION } from "../../shared/rules/model.ts";
import { ATTRIBUTE_OPERATORS } from "../../shared/rules/conditions/operators.ts";
import { attr } from "./rules.ts";

export const GROUPS = ["g1", "g2", "g3", "g4"];
export const ATTRIBUTES = ["department", "title", "costCenter", "toString"];
/** With characters case folding treats specially: long s, dotted I, Kelvin sign, final sigma, sharp s. */
export const VALUES = [
  "Eng",
  "eng",
  "ENG",
  "Sales",
  "sales ops",
  "\u017fales",
  "\u0130t",
  "\u212Aey",
  "Key",
  "Ops",
  "a",
  "",
  "\u0391\u03a3",
  "\u03b1\u03c2",
  "\u1e9e",
  "\u00df",
];
/** Anchored literals (`^…`, `…$`) are searched for through sorted column indexes: see value-index.ts. */
export const PATTERNS = [
  "^e",
  "ng$",
  "s|o",
  "^(eng|sales)",
  "^sales",
  "it$",
  "o.s",
  "(a+)+",
  "[unclosed",
  "\\1",
  "^k",
  "ey$",
  "^(?:s|k)e",
  "(es|ops)$",
  "^sa\\w*$",
  "^ENG$",
  "^s(a+)+",
  "^a$",
  "\u03c3$",
  "^\u00df",
  "[\u03c3x]$",
];
export const PROPERTIES = ["p1", "p2", "p3"];

const profileValue: fc.Arbitrary<ProfileValue> = fc.oneof(
  fc.constantFrom(...VALUES),
  fc.constant(null),
  fc.array(fc.constantFrom(...VALUES), { maxLength: 3 }),
);

export const user: fc.Arbitrary<Omit<DirectoryUser, "id">> = fc.record({
  status: fc.constantFrom(...OKTA_STATUSES),
  email: fc.constantFrom<string | null>("x@example.com", "y@example.com", null, "", " "),
  profile: fc.dictionary(fc.constantFrom(...ATTRIBUTES), profileValue, { maxKeys: 4 }),
  groupIds: fc.subarray([...GROUPS, "g-unlisted"]),
});

export const directory: fc.Arbitrary<Directory> = fc.array(user, { maxLength: 70 }).map((users) => ({
  fetchedAt: "2026-01-01T00:00:00.000Z",
  users: users.map((u, i) => ({ id: `u${i}`, ...u })),
  groups: GROUPS.map((id) => ({ id, name: id.toUpperCase(), type: "OKTA_GROUP" as const })),
}));

const groupIds = fc.subarray([...GROUPS, "g-unknown"], { minLength: 1 });
const attributeCondition = fc
  .record({
    attribute: fc.constantFrom(...ATTRIBUTES),
    op: fc.constantFrom(...ATTRIBUTE_OPS),
    value: fc.constantFrom(...VALUES),
    values: fc.array(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 3 }),
    pattern: fc.constantFrom(...PATTERNS),
    caseSensitive: fc.constantFrom(undefined, true, false),
  })
  .map(({ attribute, op, value, values, pattern, caseSensitive }) => {
    const operand = ATTRIBUTE_OPERATORS[op].operand;
    if (operand === "none") return attr(attribute, op);
    return attr(attribute, op, { value, values, pattern }[operand], caseSensitive);
  });

/** A `matches` condition: anchored ones go through the columns' sorted indexes. */
export const matchesCondition: fc.Arbitrary<Condition> = fc
  .record({
    attribute: fc.constantFrom(...ATTRIBUTES),
    pattern: fc.constantFrom(...PATTERNS),
    caseSensitive: fc.constantFrom(undefined, true, false),
  })
  .map(({ attribute, pattern, caseSensitive }) => attr(attribute, "matches", pattern, caseSensitive));

export const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ kind: fc.constant("group" as const), op: fc.constantFrom("any" as const, "all" as const, "none" as const), groupIds }),
  fc.record({ kind: fc.constant("status" as const), statuses: fc.subarray([...OKTA_STATUSES], { minLength: 1 }) }),
  attributeCondition,
  attributeCondition,
);

export const rule: fc.Arbitrary<Omit<Rule, "id" | "name">> = fc.record({
  enabled: fc.constantFrom(true, true, true, false),
  match: fc.constantFrom("all" as const, "any" as const),
  // up to five: rules of more than three conditions take another path (winners.ts)
  conditions: fc.array(condition, { maxLength: 5 }),
  actions: fc.constantFrom<Rule["actions"]>(
    { kind: "grant", accessGroupIds: ["ag1"], roleId: "role-user", mobileKey: true, wallet: false },
    { kind: "exclude" },
  ),
});

const named = (rules: Omit<Rule, "id" | "name">[], property: string): Rule[] =>
  rules.map((r, i) => ({ id: `${property}-r${i}`, name: `Rule ${i}`, ...r }));

const ruleSetOf = (maxRules: number): fc.Arbitrary<RuleSet> =>
  fc
    .record({
      suspended: fc.constantFrom("deny" as const, "evaluate" as const),
      rules: fc.tuple(...PROPERTIES.map(() => fc.array(rule, { maxLength: maxRules }))),
    })
    .map(({ suspended, rules }) => ({
      schemaVersion: RULESET_SCHEMA_VERSION,
      settings: { suspended },
      properties: Object.fromEntries(PROPERTIES.map((p, i) => [p, { rules: named(rules[i], p) }])),
    }));

export const ruleSet = ruleSetOf(6);
/** Long enough that an edit past the first checkpoints resumes claiming (property-winners.ts). */
export const longRuleSet = ruleSetOf(30);

/** An edit an admin might make: replace, toggle or remove one rule, or swap two. */
export const edit: fc.Arbitrary<(rs: RuleSet) => RuleSet> = fc
  .record({
    kind: fc.constantFrom("replace", "toggle", "remove", "swap"),
    property: fc.constantFrom(...PROPERTIES),
    at: fc.nat(),
    other: fc.nat(),
    rule,
  })
  .map(({ kind, property, at, other, rule: fresh }) => (rs: RuleSet) => {
    const rules = [...rs.properties[property].rules];
    if (rules.length === 0) return rs;
    const [i, j] = [at % rules.length, other % rules.length];
    if (kind === "replace") rules[i] = { ...fresh, id: rules[i].id, name: rules[i].name };
    if (kind === "toggle") rules[i] = { ...rules[i], enabled: !rules[i].enabled };
    if (kind === "remove") rules.splice(i, 1);
    if (kind === "swap") [rules[i], rules[j]] = [rules[j], rules[i]];
    return { ...rs, properties: { ...rs.properties, [property]: { rules } } };
  });

/**
 * Where a series of evaluations calls `prepareIndexes()`: before evaluation n (from the
 * second: columns are built by the first), or never, leaving the engine to build a column's
 * value index on the second evaluation that could use it (compile.ts).
 */
export const indexesPreparedBefore: fc.Arbitrary<number | null> = fc.option(fc.integer({ min: 1, max: 7 }), { freq: 2 });

const anyText = fc.string({ unit: "grapheme", maxLength: 12 });
const anyValue: fc.Arbitrary<ProfileValue> = fc.oneof(anyText, fc.constant(null), fc.array(anyText, { maxLength: 3 }));
/** Any directory the model allows: hostile keys (__proto__), lists, nulls, duplicate ids, missing lastUpdated. */
export const anyDirectory: fc.Arbitrary<Directory> = fc
  .record({
    fetchedAt: anyText,
    groups: fc.array(
      fc.record({
        id: anyText.filter((s) => s !== ""),
        name: anyText,
        type: fc.constantFrom("OKTA_GROUP" as const, "APP_GROUP" as const, "BUILT_IN" as const),
      }),
      { maxLength: 5 },
    ),
    users: fc.array(
      fc.record(
        {
          id: anyText.filter((s) => s !== ""),
          status: fc.constantFrom(...OKTA_STATUSES),
          email: fc.option(anyText, { nil: null }),
          profile: fc.dictionary(fc.oneof(anyText, fc.constantFrom("__proto__", "constructor", "email")), anyValue, { maxKeys: 5 }),
          groupIds: fc.array(anyText, { maxLength: 4 }),
          lastUpdated: anyText,
        },
        { requiredKeys: ["id", "status", "email", "profile", "groupIds"] },
      ),
      { maxLength: 8 },
    ),
  });
