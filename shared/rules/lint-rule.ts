/**
 * Findings about one rule's references: Okta groups (when a directory is known), access
 * groups, role, Wallet, and `matches` patterns. On a disabled rule the same problems are
 * reported as warnings: they cannot affect a sync until the rule is enabled.
 */
import type { Catalog, GeneaLocation } from "../genea/model.ts";
import type { Rule } from "./model.ts";
import type { Finding, FindingCode } from "./finding.ts";
import { FINDING_SEVERITY } from "./finding.ts";
import { checkRegex } from "./regex/index.ts";
import { ATTRIBUTE_OPERATORS } from "./conditions/operators.ts";
import { caseSensitiveOf, operandsOf } from "./conditions/attribute.ts";

export interface RuleContext {
  rule: Rule;
  /** "properties.<uuid>.rules[<i>]" */
  path: string;
  propertyUuid: string;
  /** the location's display name (or its uuid when not in the catalog) */
  where: string;
  location: GeneaLocation | undefined;
}

export type Report = (code: FindingCode, message: string, path: string, conditionIndex?: number) => void;

/** A reporter for one rule: fills in rule id, property, and the disabled-rule downgrade. */
export function ruleReporter(ctx: RuleContext, out: Finding[]): Report {
  return (code, message, path, conditionIndex) => {
    const enabled = ctx.rule.enabled;
    const finding: Finding = {
      severity: enabled ? FINDING_SEVERITY[code] : "warning",
      code,
      message: enabled ? message : `${message} (the rule is disabled)`,
      path,
      propertyUuid: ctx.propertyUuid,
      ruleId: ctx.rule.id,
    };
    if (conditionIndex !== undefined) finding.conditionIndex = conditionIndex;
    out.push(finding);
  };
}

export function lintConditions(ctx: RuleContext, knownGroups: ReadonlySet<string> | null, report: Report): void {
  const name = `Rule "${ctx.rule.name}" at ${ctx.where}`;
  ctx.rule.conditions.forEach((c, i) => {
    const path = `${ctx.path}.conditions[${i}]`;
    if (c.kind === "group" && knownGroups) {
      c.groupIds.forEach((id, g) => {
        if (!knownGroups.has(id)) report("unknown-okta-group", `${name} refers to unknown Okta group ${id}`, `${path}.groupIds[${g}]`, i);
      });
    }
    if (c.kind === "attribute" && ATTRIBUTE_OPERATORS[c.op].operand === "pattern") {
      const checked = checkRegex(operandsOf(c)[0], caseSensitiveOf(c));
      if (!checked.ok) {
        const code = checked.error.code === "regex-unsafe" ? "unsafe-regex" : "invalid-regex";
        report(code, `${name}: ${checked.error.message}; the condition passes for nobody`, `${path}.value`, i);
      }
    }
  });
}

export function lintActions(ctx: RuleContext, catalog: Catalog, report: Report): void {
  const { actions } = ctx.rule;
  if (actions.kind !== "grant") return;
  const name = `Rule "${ctx.rule.name}" at ${ctx.where}`;
  const path = `${ctx.path}.actions`;
  actions.accessGroupIds.forEach((id, i) => {
    const group = catalog.accessGroups.find((g) => g.uuid === id);
    if (!group) report("unknown-access-group", `${name} refers to unknown access group ${id}`, `${path}.accessGroupIds[${i}]`);
    else if (group.locationUuid !== ctx.propertyUuid) {
      const owner = catalog.locations.find((l) => l.uuid === group.locationUuid)?.name ?? group.locationUuid;
      report(
        "foreign-access-group",
        `${name} grants access group "${group.name}", which belongs to ${owner}`,
        `${path}.accessGroupIds[${i}]`,
      );
    }
  });
  if (!catalog.roles.some((r) => r.uuid === actions.roleId)) {
    report("unknown-role", `${name} refers to unknown role ${actions.roleId}`, `${path}.roleId`);
  }
  if (actions.wallet && ctx.location && !ctx.location.hasWallet) {
    report("wallet-unavailable", `${name} enables Apple Wallet, but ${ctx.where} has no Wallet`, `${path}.wallet`);
  }
}
