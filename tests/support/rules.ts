/** Terse factories for rules, rule sets and Genea catalogs in tests. */
import * as v from "valibot";
import {
  type AttributeCondition,
  AttributeConditionSchema,
  type AttributeOp,
  type GrantAction,
  type GroupCondition,
  type Rule,
  type RuleSet,
  RULESET_SCHEMA_VERSION,
  type StatusCondition,
} from "../../shared/rules/model.ts";
import type { OktaStatus } from "../../shared/directory/model.ts";
import type { Catalog } from "../../shared/genea/model.ts";

let next = 0;

export const HQ = "loc-hq";
export const LAB = "loc-lab";

export function grant(overrides: Partial<GrantAction> = {}): GrantAction {
  return { kind: "grant", accessGroupIds: ["ag-hq-main"], roleId: "role-user", mobileKey: true, wallet: false, ...overrides };
}

/** An enabled rule matching everyone (match "all", no conditions) that grants, unless overridden. */
export function aRule(overrides: Partial<Rule> = {}): Rule {
  const id = overrides.id ?? `r${++next}`;
  return { id, name: overrides.name ?? id, enabled: true, match: "all", conditions: [], actions: grant(), ...overrides };
}

export const inGroups = (op: GroupCondition["op"], ...groupIds: string[]): GroupCondition => ({ kind: "group", op, groupIds });
export const hasStatus = (...statuses: OktaStatus[]): StatusCondition => ({ kind: "status", statuses });

/**
 * An attribute condition; `value` is a string, or a list for oneOf, omitted for isSet/isNotSet.
 * Validated against the schema so a test cannot build a condition the product would refuse.
 */
export function attr(attribute: string, op: AttributeOp, value?: string | string[], caseSensitive?: boolean): AttributeCondition {
  const shape: Record<string, unknown> = { kind: "attribute", attribute, op };
  if (Array.isArray(value)) shape.values = value;
  else if (value !== undefined) shape.value = value;
  if (caseSensitive !== undefined) shape.caseSensitive = caseSensitive;
  return v.parse(AttributeConditionSchema, shape);
}

export function aRuleSet(properties: Record<string, Rule[]>, suspended: "deny" | "evaluate" = "deny"): RuleSet {
  const entries = Object.entries(properties).map(([uuid, rules]) => [uuid, { rules }]);
  return { schemaVersion: RULESET_SCHEMA_VERSION, settings: { suspended }, properties: Object.fromEntries(entries) };
}

/** HQ (with Wallet) and Lab (without), one access group each plus a second at HQ, roles User and Admin. */
export function aCatalog(overrides: Partial<Catalog> = {}): Catalog {
  return {
    customerUuid: "cust-1",
    locations: [
      { uuid: HQ, name: "HQ", hasWallet: true },
      { uuid: LAB, name: "Lab", hasWallet: false },
    ],
    accessGroups: [
      { uuid: "ag-hq-main", name: "HQ Main Doors", locationUuid: HQ },
      { uuid: "ag-hq-server", name: "HQ Server Room", locationUuid: HQ },
      { uuid: "ag-lab-main", name: "Lab Main Doors", locationUuid: LAB },
    ],
    roles: [
      { uuid: "role-user", name: "User" },
      { uuid: "role-admin", name: "Admin" },
    ],
    ...overrides,
  };
}
