/** Plain-word renderings of a rule for the summary table (conditions come from the engine). */
import type { Catalog } from "../../shared/genea/model.ts";
import type { Rule } from "../../shared/rules/model.ts";
import { describeCondition } from "../../shared/rules/index.ts";

export function describeRuleConditions(rule: Rule, groupNames: ReadonlyMap<string, string>): string {
  if (rule.conditions.length === 0) return "everyone";
  const parts = rule.conditions.map((c) => describeCondition(c, (id) => groupNames.get(id)));
  return parts.join(rule.match === "all" ? " and " : " or ");
}

export function describeTargets(rule: Rule, catalog: Catalog | null): { groups: string; role: string } {
  if (rule.actions.kind === "exclude") return { groups: "excluded: not synced", role: "—" };
  const groupName = new Map(catalog?.accessGroups.map((g) => [g.uuid, g.name]) ?? []);
  const roleName = catalog?.roles.find((r) => r.uuid === (rule.actions.kind === "grant" ? rule.actions.roleId : ""))?.name;
  return {
    groups: rule.actions.accessGroupIds.map((id) => groupName.get(id) ?? `unknown group ${id}`).join(", "),
    role: roleName ?? `unknown role ${rule.actions.roleId}`,
  };
}
