/**
 * A share link opened in this browser: its rules become a *candidate* draft, shown with its
 * diff against the published rules and its lint findings before anything replaces the draft.
 * Only properties this Genea account has are taken from the link; locations unknown here are
 * named and left out, properties the link has no rules for keep the current draft's rules,
 * and a property the link deliberately empties is named, so importing never silently
 * empties a property.
 */
import { createSignal } from "solid-js";
import type { RuleSetDiff } from "../../shared/api/schemas.ts";
import { diffRuleSets } from "../../shared/api/rule-set-diff.ts";
import type { Finding } from "../../shared/rules/index.ts";
import { emptyRuleSet, type RuleSet } from "../../shared/rules/model.ts";
import { decodeShareLink } from "../../shared/share/index.ts";
import type { PropertyImpact } from "../worker/contract.ts";

export interface Merge {
  candidate: RuleSet;
  /** location uuids in the link that this catalog does not know (left out) */
  unknown: string[];
  /** known properties whose rules the link replaces */
  replaced: string[];
  /** known properties replaced by an empty rule list (nobody is synced there afterwards) */
  emptied: string[];
  /** known properties the link has no rules for: the current draft's rules stay */
  kept: string[];
}

/** The draft the link would make: the current draft with the link's known properties replaced. */
export function mergeLinked(linked: RuleSet, current: RuleSet, known: readonly string[]): Merge {
  const isKnown = new Set(known);
  const linkedIds = Object.keys(linked.properties);
  const unknown = linkedIds.filter((id) => !isKnown.has(id));
  const taken = linkedIds.filter((id) => isKnown.has(id));
  const properties = { ...current.properties };
  for (const id of taken) properties[id] = structuredClone(linked.properties[id]);
  return {
    candidate: { schemaVersion: linked.schemaVersion, settings: { ...linked.settings }, properties },
    unknown,
    replaced: taken.filter((id) => linked.properties[id].rules.length > 0),
    emptied: taken.filter((id) => linked.properties[id].rules.length === 0),
    kept: known.filter((id) => !taken.includes(id)),
  };
}

export interface Review extends Merge {
  /** candidate vs the published rules (0 → "draft") */
  diff: RuleSetDiff;
  findings: Finding[];
  /** who would gain and lose access per property, were the candidate published */
  impact: PropertyImpact[];
}

export type SharedState =
  | { phase: "none" }
  | { phase: "checking" }
  | { phase: "invalid"; message: string }
  | { phase: "review"; review: Review };

export function createSharedRules(deps: {
  known: () => readonly string[];
  draft: () => RuleSet;
  published: () => RuleSet | null;
  publishedVersion: () => number;
  lint: (ruleSet: RuleSet) => Promise<Finding[]>;
  impact: (ruleSet: RuleSet) => Promise<PropertyImpact[]>;
  /** replace the draft with the candidate; `before` is what the draft was, for undo */
  apply: (candidate: RuleSet, before: RuleSet) => Promise<void> | void;
}) {
  const [state, setState] = createSignal<SharedState>({ phase: "none" });
  return {
    state,
    async open(link: string): Promise<void> {
      setState({ phase: "checking" });
      const decoded = decodeShareLink(link);
      if (!decoded.ok) {
        setState({ phase: "invalid", message: `This share link cannot be read: ${decoded.error.message}` });
        return;
      }
      const merge = mergeLinked(decoded.value, deps.draft(), deps.known());
      const diff = diffRuleSets(deps.publishedVersion(), 0, deps.published() ?? emptyRuleSet(), merge.candidate);
      const [findings, impact] = await Promise.all([deps.lint(merge.candidate), deps.impact(merge.candidate)]);
      setState({ phase: "review", review: { ...merge, diff, findings, impact } });
    },
    /** Use the candidate as the draft; false when the link brings nothing known here. */
    async accept(): Promise<boolean> {
      const s = state();
      if (s.phase !== "review" || s.review.replaced.length + s.review.emptied.length === 0) return false;
      await deps.apply(s.review.candidate, deps.draft());
      setState({ phase: "none" });
      return true;
    },
    dismiss: () => setState({ phase: "none" }),
  };
}
export type SharedRules = ReturnType<typeof createSharedRules>;
