/** One-shot evaluation: compile, evaluate, done. Use createEngine to evaluate repeatedly. */
import type { Directory } from "../../directory/model.ts";
import type { Catalog } from "../../genea/model.ts";
import type { RuleSet } from "../model.ts";
import type { Outcome } from "../outcome.ts";
import { createEngine } from "./engine.ts";

/**
 * Per property, per user (index-aligned with directory.users): the first enabled rule whose
 * conditions match, NO_MATCH, or SKIPPED. Given a catalog, its locations without rules get
 * an all-NO_MATCH (or SKIPPED) column too.
 */
export function evaluate(directory: Directory, ruleSet: RuleSet, catalog?: Catalog): Outcome {
  return createEngine(directory).evaluate(ruleSet, catalog);
}
