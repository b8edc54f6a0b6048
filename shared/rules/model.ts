/**
 * Rules as data. A rule set holds, per Genea location ("property"), an ordered list of
 * rules; per property the first enabled matching rule wins. Everything here is
 * JSON-serialisable and versioned by `schemaVersion`.
 */
import * as v from "valibot";
import { OktaStatusSchema } from "../directory/model.ts";

export const RULESET_SCHEMA_VERSION = 1 as const;
export const LIMITS = {
  propertiesPerSet: 200,
  rulesPerProperty: 500,
  conditionsPerRule: 50,
  valuesPerCondition: 1000,
  idLength: 128,
  nameLength: 200,
  valueLength: 500,
  regexLength: 200,
} as const;

const Id = v.pipe(v.string(), v.minLength(1, "must not be empty"), v.maxLength(LIMITS.idLength));
const Value = v.pipe(v.string(), v.maxLength(LIMITS.valueLength));
const IdList = v.pipe(
  v.array(Id),
  v.minLength(1, "needs at least one id"),
  v.maxLength(LIMITS.valuesPerCondition),
);

export const GROUP_OPS = ["any", "all", "none"] as const;
export const GroupConditionSchema = v.strictObject({
  kind: v.literal("group"),
  /** member of any / all / none of the listed Okta group ids */
  op: v.picklist(GROUP_OPS),
  groupIds: IdList,
});

const caseSensitive = v.optional(v.boolean());
const attribute = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.idLength));
export const ATTRIBUTE_OPS = [
  "equals",
  "notEquals",
  "contains",
  "startsWith",
  "endsWith",
  "oneOf",
  "matches",
  "isSet",
  "isNotSet",
] as const;
export type AttributeOp = (typeof ATTRIBUTE_OPS)[number];

/** Operators taking one string value. */
const SingleValueAttribute = v.strictObject({
  kind: v.literal("attribute"),
  attribute,
  op: v.picklist(["equals", "notEquals", "contains", "startsWith", "endsWith"]),
  value: Value,
  caseSensitive,
});
const OneOfAttribute = v.strictObject({
  kind: v.literal("attribute"),
  attribute,
  op: v.literal("oneOf"),
  values: v.pipe(v.array(Value), v.minLength(1, "needs at least one value"), v.maxLength(LIMITS.valuesPerCondition)),
  caseSensitive,
});
/** `value` is a regular expression source; safety is checked by `regex.ts` (lint + compile). */
const MatchesAttribute = v.strictObject({
  kind: v.literal("attribute"),
  attribute,
  op: v.literal("matches"),
  value: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.regexLength)),
  caseSensitive,
});
const PresenceAttribute = v.strictObject({
  kind: v.literal("attribute"),
  attribute,
  op: v.picklist(["isSet", "isNotSet"]),
});
export const AttributeConditionSchema = v.variant("op", [
  SingleValueAttribute,
  OneOfAttribute,
  MatchesAttribute,
  PresenceAttribute,
]);

export const StatusConditionSchema = v.strictObject({
  kind: v.literal("status"),
  /** user status is one of */
  statuses: v.pipe(v.array(OktaStatusSchema), v.minLength(1, "needs at least one status")),
});

export const ConditionSchema = v.variant("kind", [
  GroupConditionSchema,
  AttributeConditionSchema,
  StatusConditionSchema,
]);
export type GroupCondition = v.InferOutput<typeof GroupConditionSchema>;
export type AttributeCondition = v.InferOutput<typeof AttributeConditionSchema>;
export type StatusCondition = v.InferOutput<typeof StatusConditionSchema>;
export type Condition = v.InferOutput<typeof ConditionSchema>;

export const GrantActionSchema = v.strictObject({
  kind: v.literal("grant"),
  accessGroupIds: IdList,
  /** a role uuid from the Genea catalog (User, Admin, or a custom role) */
  roleId: Id,
  /** issue a mobile key (BLE) */
  mobileKey: v.boolean(),
  /** enable the Apple Wallet pass; only valid where the property has Wallet */
  wallet: v.boolean(),
});
export const ExcludeActionSchema = v.strictObject({ kind: v.literal("exclude") });
export const ActionsSchema = v.variant("kind", [GrantActionSchema, ExcludeActionSchema]);
export type GrantAction = v.InferOutput<typeof GrantActionSchema>;
export type Actions = v.InferOutput<typeof ActionsSchema>;

export const RuleSchema = v.strictObject({
  id: Id,
  name: v.pipe(v.string(), v.maxLength(LIMITS.nameLength)),
  enabled: v.boolean(),
  match: v.picklist(["all", "any"]),
  conditions: v.pipe(v.array(ConditionSchema), v.maxLength(LIMITS.conditionsPerRule)),
  actions: ActionsSchema,
});
export type Rule = v.InferOutput<typeof RuleSchema>;

export const PropertyRulesSchema = v.strictObject({
  rules: v.pipe(v.array(RuleSchema), v.maxLength(LIMITS.rulesPerProperty)),
});
export type PropertyRules = v.InferOutput<typeof PropertyRulesSchema>;

export const RuleSetSettingsSchema = v.strictObject({
  /** SUSPENDED users: "deny" treats them like DEPROVISIONED for door access (default). */
  suspended: v.picklist(["deny", "evaluate"]),
});

export const RuleSetSchema = v.strictObject({
  schemaVersion: v.literal(RULESET_SCHEMA_VERSION),
  settings: RuleSetSettingsSchema,
  /** keyed by Genea location uuid; each value's rules are in priority order */
  properties: v.pipe(
    v.record(Id, PropertyRulesSchema),
    v.check((p) => Object.keys(p).length <= LIMITS.propertiesPerSet, `at most ${LIMITS.propertiesPerSet} properties`),
  ),
});
export type RuleSet = v.InferOutput<typeof RuleSetSchema>;

export const emptyRuleSet = (): RuleSet => ({
  schemaVersion: RULESET_SCHEMA_VERSION,
  settings: { suspended: "deny" },
  properties: {},
});
