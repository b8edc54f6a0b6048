/**
 * The compiled, incremental engine. Compile a directory once; evaluate rule sets against it
 * as often as the admin edits. Conditions and rule match sets are cached by canonical key
 * (see match-cache.ts), so re-evaluating after one edit computes only the changed parts.
 */
import type { DirectoryInput } from "../../directory/table.ts";
import type { Catalog } from "../../genea/model.ts";
import type { Rule, RuleSet } from "../model.ts";
import { NO_MATCH, type Outcome, SKIPPED, type SkipReason } from "../outcome.ts";
import type { Trace } from "../trace.ts";
import { type CompiledDirectory, compileDirectory } from "./compile.ts";
import { countAnd, invertInto, orInto } from "./bitset.ts";
import { type CacheStats, createMatchCache } from "./match-cache.ts";
import { createPropertyWinners, type Start } from "./property-winners.ts";
import { countOutcome, type PropertyCounts } from "./counts.ts";
import { directoryGroupNamer, explainUser } from "../explain.ts";
import { skipReasonOf } from "../skip.ts";

type Settings = RuleSet["settings"];

export interface Engine {
  readonly compiled: CompiledDirectory;
  /** Winners per property of the rule set (and, given a catalog, for its other locations). */
  evaluate(ruleSet: RuleSet, catalog?: Catalog): Outcome;
  /** Per property, how many users each rule decides, and how many no rule or a skip does. */
  counts(outcome: Outcome): Record<string, PropertyCounts>;
  explain(ruleSet: RuleSet, userId: string, locationUuid: string): Trace;
  /** Users not skipped under `settings` whose attributes match the rule's conditions. */
  matchCount(rule: Pick<Rule, "match" | "conditions">, settings: Settings): number;
  /** Cache activity of the latest evaluate(). */
  stats(): CacheStats;
}

interface SkipTemplate extends Start {
  skipped: readonly (SkipReason | null)[];
}

function skipTemplate(dir: CompiledDirectory, settings: Settings): SkipTemplate {
  const { table } = dir;
  const skipped = Array.from({ length: dir.size }, (_, u) => skipReasonOf({ status: table.status(u), email: table.email(u) }, settings));
  const winners = new Int32Array(dir.size).fill(NO_MATCH);
  skipped.forEach((reason, u) => reason && (winners[u] = SKIPPED));
  const ineligible = dir.deprovisioned.slice();
  orInto(ineligible, dir.noEmail);
  if (settings.suspended !== "evaluate") orInto(ineligible, dir.suspended);
  invertInto(ineligible, dir.size);
  return { key: settings.suspended, skipped: Object.freeze(skipped), winners, eligible: ineligible };
}

/** Skip templates belong to the compiled directory, shared by every engine over it. */
const templatesOf = new WeakMap<CompiledDirectory, Map<string, SkipTemplate>>();

export function createEngine(directory: DirectoryInput | CompiledDirectory): Engine {
  const compiled = "column" in directory ? directory : compileDirectory(directory);
  const cache = createMatchCache(compiled);
  const templates = templatesOf.get(compiled) ?? new Map<string, SkipTemplate>();
  templatesOf.set(compiled, templates);
  const template = (settings: Settings): SkipTemplate => {
    const key = settings.suspended === "evaluate" ? "evaluate" : "deny";
    let found = templates.get(key);
    if (!found) templates.set(key, found = skipTemplate(compiled, settings));
    return found;
  };

  const properties = createPropertyWinners(cache);

  function evaluate(ruleSet: RuleSet, catalog?: Catalog): Outcome {
    cache.resetStats();
    compiled.startEvaluation();
    const t = template(ruleSet.settings);
    // null prototype: a property keyed "__proto__" stays an own key, not the object's prototype
    const winners: Record<string, Int32Array> = Object.create(null);
    for (const location of catalog?.locations ?? []) winners[location.uuid] = t.winners.slice();
    for (const [uuid, { rules }] of Object.entries(ruleSet.properties)) winners[uuid] = properties.winners(uuid, rules, t);
    cache.sweep();
    properties.sweep(new Set(Object.keys(ruleSet.properties)));
    return { ruleSet, userIds: compiled.userIds, skipped: t.skipped, winners };
  }

  const groupName = directoryGroupNamer(compiled.table);
  return {
    compiled,
    evaluate,
    counts: countOutcome,
    explain: (ruleSet, userId, locationUuid) => {
      const index = compiled.indexOf(userId);
      const user = index === undefined ? undefined : compiled.table.user(index);
      return explainUser(user, userId, ruleSet, locationUuid, groupName);
    },
    matchCount: (rule, settings) => countAnd(cache.rule(rule), template(settings).eligible),
    stats: cache.stats,
  };
}
