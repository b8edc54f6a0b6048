/**
 * What changed between two rule sets, per property: rules added, removed, changed (same
 * id, different content) and moved (kept rules whose priority order changed). Moves are the
 * kept rules outside a longest common subsequence, so moving one rule reports one move.
 * Shared: the edge answers GET /api/rules/diff with it, the web diffs a share link's rules.
 */
import type { PropertyRulesDiff, RuleSetDiff } from "./schemas.ts";
import type { Rule, RuleSet } from "../rules/model.ts";
import { canonicalJson } from "../canonical-json.ts";

function lcs(a: readonly string[], b: readonly string[]): Set<string> {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const t = new Uint16Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      t[i * cols + j] = a[i] === b[j] ? t[(i + 1) * cols + j + 1] + 1 : Math.max(t[(i + 1) * cols + j], t[i * cols + j + 1]);
    }
  }
  const keep = new Set<string>();
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) (keep.add(a[i]), i++, j++);
    else if (t[(i + 1) * cols + j] >= t[i * cols + j + 1]) i++;
    else j++;
  }
  return keep;
}

function diffRules(locationUuid: string, before: readonly Rule[], after: readonly Rule[]): PropertyRulesDiff {
  const beforeById = new Map(before.map((r, i) => [r.id, { rule: r, index: i }]));
  const afterById = new Map(after.map((r, i) => [r.id, { rule: r, index: i }]));
  const added = after.filter((r) => !beforeById.has(r.id)).map((r) => r.id);
  const removed = before.filter((r) => !afterById.has(r.id)).map((r) => r.id);
  const keptBefore = before.filter((r) => afterById.has(r.id)).map((r) => r.id);
  const keptAfter = after.filter((r) => beforeById.has(r.id)).map((r) => r.id);
  const changed = keptAfter.filter((id) => canonicalJson(beforeById.get(id)!.rule) !== canonicalJson(afterById.get(id)!.rule));
  const inOrder = lcs(keptBefore, keptAfter);
  const moved = keptAfter
    .filter((id) => !inOrder.has(id))
    .map((id) => ({ ruleId: id, from: beforeById.get(id)!.index, to: afterById.get(id)!.index }));
  return { locationUuid, status: "changed", added, removed, changed, moved };
}

export function diffRuleSets(from: number, to: number, a: RuleSet, b: RuleSet): RuleSetDiff {
  const properties: PropertyRulesDiff[] = [];
  const ids = [...new Set([...Object.keys(a.properties), ...Object.keys(b.properties)])].sort();
  for (const id of ids) {
    const before = a.properties[id]?.rules ?? [];
    const after = b.properties[id]?.rules ?? [];
    const d = diffRules(id, before, after);
    d.status = !(id in a.properties) ? "added" : !(id in b.properties) ? "removed" : "changed";
    if (d.status !== "changed" || d.added.length + d.removed.length + d.changed.length + d.moved.length > 0) properties.push(d);
  }
  return { from, to, settingsChanged: canonicalJson(a.settings) !== canonicalJson(b.settings), properties };
}
