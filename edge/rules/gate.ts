/**
 * The rule gate: a rule set may go live (be published) or be synced only when lint finds no
 * error against the Genea catalog as it is now and the latest Okta directory. One check for
 * both, so a sync can never run rules that publication would have refused.
 */
import type { Catalog } from "../../shared/genea/model.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import { blocksSync, type Finding, lint } from "../../shared/rules/index.ts";
import { fail, ok, type Result } from "../../shared/result.ts";
import type { CompiledSnapshot, SnapshotCache } from "../directory/snapshot.ts";
import type { GeneaCache } from "../upstreams/index.ts";

export type GateCode = "catalog-unavailable" | "lint-errors";
/** A `lint-errors` failure carries the findings (errors and all) for the editor to show. */
export type LintFailure = { findings: Finding[] };

/** Lint `ruleSet` against a catalog and directory already in hand (the sync's own reads). */
export function checkRules(
  ruleSet: RuleSet,
  catalog: Catalog,
  snapshot: CompiledSnapshot | null,
): Result<null, "lint-errors", LintFailure> {
  const findings: Finding[] = lint(ruleSet, snapshot?.directory ?? null, catalog, snapshot?.engine);
  if (blocksSync(findings)) {
    return fail("lint-errors", "The rules have errors that must be fixed before publishing", { findings });
  }
  return ok(null);
}

/** Lint against the live catalog (never a cached one) and the latest stored directory. */
export async function gate(
  { genea, snapshots }: { genea: GeneaCache; snapshots: SnapshotCache },
  ruleSet: RuleSet,
): Promise<Result<null, GateCode, Partial<LintFailure>>> {
  const catalog = await genea.catalog({ fresh: true });
  if (!catalog.ok) {
    return fail("catalog-unavailable", `Cannot check the rules against Genea before publishing: ${catalog.error.message}`);
  }
  return checkRules(ruleSet, catalog.value, await snapshots.compiled());
}
