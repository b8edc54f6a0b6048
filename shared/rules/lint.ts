/**
 * Static checks of a rule set against the Genea catalog and (optionally) the Okta
 * directory. Errors block a sync (`blocksSync`); warnings inform. See finding.ts for codes.
 */
import type { DirectoryInput } from "../directory/table.ts";
import type { Catalog } from "../genea/model.ts";
import type { Rule, RuleSet } from "./model.ts";
import { type Finding, FINDING_SEVERITY, type FindingCode } from "./finding.ts";
import { createEngine, type Engine } from "./engine/engine.ts";
import { lintActions, lintConditions, type RuleContext, ruleReporter } from "./lint-rule.ts";
import { ruleImplies } from "./shadow.ts";

function finding(code: FindingCode, message: string, propertyUuid: string, path = `properties.${propertyUuid}`): Finding {
  return { severity: FINDING_SEVERITY[code], code, message, path, propertyUuid };
}

function lintCoverage(ruleSet: RuleSet, catalog: Catalog, out: Finding[]): void {
  for (const location of catalog.locations) {
    const rules = ruleSet.properties[location.uuid]?.rules ?? [];
    if (rules.length === 0) {
      out.push(
        finding("no-rules", `${location.name} has no rules: every location needs at least one rule before a sync can run`, location.uuid),
      );
    } else if (!rules.some((r) => r.enabled)) {
      out.push(finding("no-enabled-rules", `Every rule at ${location.name} is disabled: nobody will be synced there`, location.uuid));
    }
  }
  const known = new Set(catalog.locations.map((l) => l.uuid));
  for (const uuid of Object.keys(ruleSet.properties)) {
    if (!known.has(uuid)) out.push(finding("unknown-property", `Rules for unknown location ${uuid}: it is not in the Genea catalog`, uuid));
  }
}

const nameKey = (rule: Rule): string => rule.name.trim().toLowerCase();

/** Order-dependent checks: shadowed rules and repeated names. */
function lintOrder(ctx: RuleContext, earlier: readonly Rule[], report: ReturnType<typeof ruleReporter>): void {
  const { rule, where } = ctx;
  const twin = earlier.find((r) => nameKey(r) === nameKey(rule));
  if (twin) report("duplicate-name", `Rule name "${rule.name}" is used more than once at ${where}`, `${ctx.path}.name`);
  if (!rule.enabled) return;
  const shadow = earlier.find((a) => a.enabled && ruleImplies(rule, a));
  if (shadow) {
    report(
      "unreachable",
      `Rule "${rule.name}" at ${where} can never win: earlier rule "${shadow.name}" matches everyone it matches`,
      ctx.path,
    );
  }
}

/**
 * Pass `engine` (compiled from the same directory) to reuse its caches; otherwise one is
 * compiled here when a directory is given.
 */
export function lint(ruleSet: RuleSet, directory: DirectoryInput | null, catalog: Catalog, engine?: Engine): Finding[] {
  const out: Finding[] = [];
  lintCoverage(ruleSet, catalog, out);
  const knownGroups = directory ? new Set(directory.groups.map((g) => g.id)) : null;
  const counter = directory ? (engine ?? createEngine(directory)) : null;
  for (const [propertyUuid, { rules }] of Object.entries(ruleSet.properties)) {
    const location = catalog.locations.find((l) => l.uuid === propertyUuid);
    rules.forEach((rule, i) => {
      const ctx: RuleContext = {
        rule,
        path: `properties.${propertyUuid}.rules[${i}]`,
        propertyUuid,
        where: location?.name ?? propertyUuid,
        location,
      };
      const report = ruleReporter(ctx, out);
      lintConditions(ctx, knownGroups, report);
      lintActions(ctx, catalog, report);
      lintOrder(ctx, rules.slice(0, i), report);
      if (counter && rule.enabled && counter.matchCount(rule, ruleSet.settings) === 0) {
        report("matches-nobody", `Rule "${rule.name}" at ${ctx.where} matches nobody in the current directory`, ctx.path);
      }
    });
  }
  return out;
}
