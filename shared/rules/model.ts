/**
 * Rules as data. A rule set holds, per Genea location ("property"), an ordered list of
 * rules; per property the first enabled matching rule wins. Everything here is
 * JSON-serialisable and versioned by `schemaVersion`. Conditions come from their kinds'
 * modules (conditions/).
 */
import * as v from "valibot";
import { LIMITS } from "./limits.ts";
import { Id, IdList } from "./conditions/fields.ts";
import { ConditionSchema } from "./conditions/index.ts";

export { LIMITS } from "./limits.ts";
export { GROUP_OPS, type GroupCondition, GroupConditionSchema, type GroupOp } from "./conditions/group.ts";
export { ATTRIBUTE_OPS, type AttributeOp } from "./conditions/operators.ts";
export { type AttributeCondition, AttributeConditionSchema } from "./conditions/attribute.ts";
export { type StatusCondition, StatusConditionSchema } from "./conditions/status.ts";
export { type Condition, ConditionSchema } from "./conditions/index.ts";

export const RULESET_SCHEMA_VERSION = 1 as const;

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

/**
 * Keys a plain object does not keep as data: valibot's record (like most code building
 * objects by assignment) drops them silently, so a property with such an id would vanish.
 */
export const RESERVED_IDS: readonly string[] = ["__proto__", "constructor", "prototype"];

/** Refuses reserved keys, naming each, before the record would drop them. */
const noReservedKeys = v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
  if (!dataset.typed) return;
  const input = dataset.value;
  for (const key of Object.keys(input).filter((k) => RESERVED_IDS.includes(k))) {
    addIssue({
      message: `"${key}" is reserved and cannot be a location id`,
      path: [{ type: "object", origin: "key", input, key, value: input[key] }],
    });
  }
});

export const RuleSetSchema = v.strictObject({
  schemaVersion: v.literal(RULESET_SCHEMA_VERSION),
  settings: RuleSetSettingsSchema,
  /** keyed by Genea location uuid; each value's rules are in priority order */
  properties: v.pipe(
    v.custom<Record<string, unknown>>(
      (p) => typeof p === "object" && p !== null && !Array.isArray(p),
      "must be an object keyed by location uuid",
    ),
    noReservedKeys,
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
