/**
 * The rule dialog's editable form and its conversion to a validated Rule. The form keeps
 * every field of every condition kind, so switching kind or operator never loses typing;
 * `toRule` validates with the shared schema and names the field at fault.
 */
import type { OktaStatus } from "../../shared/directory/model.ts";
import { type AttributeOp, type Condition, type GroupOp, type Rule, RuleSchema } from "../../shared/rules/model.ts";
import { ATTRIBUTE_OPERATORS, GROUP_OPERATORS } from "../../shared/rules/index.ts";
import { validate } from "../../shared/validate.ts";
import type { Result } from "../../shared/result.ts";
import { issueSentences, patternProblems } from "./rule-problems.ts";

export interface ConditionForm {
  kind: Condition["kind"];
  groupOp: "any" | "all" | "none";
  groupIds: string[];
  attribute: string;
  attributeOp: AttributeOp;
  value: string;
  /** oneOf values, one per line */
  values: string;
  caseSensitive: boolean;
  statuses: OktaStatus[];
}

export interface RuleForm {
  id: string;
  name: string;
  enabled: boolean;
  match: "all" | "any";
  conditions: ConditionForm[];
  actionKind: "grant" | "exclude";
  accessGroupIds: string[];
  roleId: string;
  mobileKey: boolean;
  wallet: boolean;
}

export const blankCondition = (kind: Condition["kind"] = "group"): ConditionForm => ({
  kind,
  groupOp: "any",
  groupIds: [],
  attribute: "department",
  attributeOp: "equals",
  value: "",
  values: "",
  caseSensitive: false,
  statuses: ["ACTIVE"],
});

export function conditionToForm(c: Condition): ConditionForm {
  const f = blankCondition(c.kind);
  if (c.kind === "group") return { ...f, groupOp: c.op, groupIds: [...c.groupIds] };
  if (c.kind === "status") return { ...f, statuses: [...c.statuses] };
  const base = { ...f, attribute: c.attribute, attributeOp: c.op };
  const caseSensitive = "caseSensitive" in c && c.caseSensitive === true;
  if ("values" in c) return { ...base, values: c.values.join("\n"), caseSensitive };
  if ("value" in c) return { ...base, value: c.value, caseSensitive };
  return base;
}

export function formToCondition(f: ConditionForm): unknown {
  if (f.kind === "group") return { kind: "group", op: f.groupOp, groupIds: f.groupIds };
  if (f.kind === "status") return { kind: "status", statuses: f.statuses };
  const base = { kind: "attribute", attribute: f.attribute.trim(), op: f.attributeOp };
  const takes = attributeOpTakes(f.attributeOp);
  if (takes === "none") return base;
  const cs = f.caseSensitive ? { caseSensitive: true } : {};
  if (takes === "many") {
    const values = f.values.split("\n").map((s) => s.trim()).filter(Boolean);
    return { ...base, values, ...cs };
  }
  return { ...base, value: f.value, ...cs };
}

export function ruleToForm(rule: Rule): RuleForm {
  const grant = rule.actions.kind === "grant" ? rule.actions : null;
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    match: rule.match,
    conditions: rule.conditions.map(conditionToForm),
    actionKind: rule.actions.kind,
    accessGroupIds: grant ? [...grant.accessGroupIds] : [],
    roleId: grant?.roleId ?? "",
    mobileKey: grant?.mobileKey ?? false,
    wallet: grant?.wallet ?? false,
  };
}

export function newRuleForm(id: string, defaultRoleId: string): RuleForm {
  return {
    id,
    name: "",
    enabled: true,
    match: "all",
    conditions: [blankCondition("group")],
    actionKind: "grant",
    accessGroupIds: [],
    roleId: defaultRoleId,
    mobileKey: true,
    wallet: false,
  };
}

export function formToRule(f: RuleForm, walletAvailable: boolean): Result<Rule> {
  if (f.wallet && !walletAvailable) {
    return { ok: false, error: { code: "invalid", message: "Apple Wallet is not installed at this property; turn the Wallet pass off." } };
  }
  const actions = f.actionKind === "exclude"
    ? { kind: "exclude" }
    : { kind: "grant", accessGroupIds: f.accessGroupIds, roleId: f.roleId, mobileKey: f.mobileKey, wallet: f.wallet };
  const candidate = {
    id: f.id,
    name: f.name.trim(),
    enabled: f.enabled,
    match: f.match,
    conditions: f.conditions.map(formToCondition),
    actions,
  };
  const r = validate(RuleSchema, candidate, "rule");
  const issues = r.ok ? [] : Array.isArray(r.error.issues) ? r.error.issues : [{ path: "(root)", message: r.error.message }];
  const problems = [...issueSentences(issues), ...patternProblems(candidate.conditions)];
  if (r.ok && problems.length === 0) return r;
  return { ok: false, error: { code: "invalid", message: problems.join(" "), problems } };
}

/** The form field an operator's operand is typed in: none, one value (or pattern), or a list. */
const OPERAND_FIELD = { none: "none", value: "one", pattern: "one", values: "many" } as const;
export const attributeOpTakes = (op: AttributeOp): "none" | "one" | "many" => OPERAND_FIELD[ATTRIBUTE_OPERATORS[op].operand];

/** Operators' labels, shown in the condition builder (from the shared operator tables). */
export const ATTRIBUTE_OP_LABELS = Object.fromEntries(
  Object.entries(ATTRIBUTE_OPERATORS).map(([op, spec]) => [op, spec.label]),
) as Readonly<Record<AttributeOp, string>>;
export const GROUP_OP_LABELS = Object.fromEntries(
  Object.entries(GROUP_OPERATORS).map(([op, spec]) => [op, spec.label]),
) as Readonly<Record<GroupOp, string>>;
