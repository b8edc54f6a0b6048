/** What changed between two rule sets, per property, in rule names rather than ids. */
import { For, Show } from "solid-js";
import type { PropertyRulesDiff, RuleSetDiff } from "../../shared/api/schemas.ts";
import type { RuleSet } from "../../shared/rules/model.ts";

const STATUS_WORDS = { added: "rules added for this property", removed: "all rules removed", changed: "changed" } as const;

export function RuleSetDiffView(props: {
  diff: RuleSetDiff;
  from: RuleSet;
  to: RuleSet;
  /** the property's name here; null for a location this Genea account does not have */
  locationName: (uuid: string) => string | null;
  label: string;
}) {
  const nameIn = (set: RuleSet, p: PropertyRulesDiff, id: string) => {
    const rule = set.properties[p.locationUuid]?.rules.find((r) => r.id === id);
    return `"${rule?.name || id}"`;
  };
  const where = (uuid: string) => props.locationName(uuid) ?? `unknown location ${uuid}`;
  return (
    <section class="rule-diff" aria-label={props.label}>
      <Show when={props.diff.settingsChanged}>
        <p>The settings change (how suspended users are treated).</p>
      </Show>
      <Show when={props.diff.properties.length > 0 || props.diff.settingsChanged} fallback={<p class="hint">No differences.</p>}>
        <For each={props.diff.properties}>
          {(p) => (
            <div class="diff-property">
              <h4>
                {where(p.locationUuid)} <span class="muted">({STATUS_WORDS[p.status]})</span>
              </h4>
              <ul>
                <For each={p.added}>{(id) => <li class="gain">Added {nameIn(props.to, p, id)}</li>}</For>
                <For each={p.removed}>{(id) => <li class="loss">Removed {nameIn(props.from, p, id)}</li>}</For>
                <For each={p.changed}>{(id) => <li>Changed {nameIn(props.to, p, id)}</li>}</For>
                <For each={p.moved}>{(m) => <li>Moved {nameIn(props.to, p, m.ruleId)} from priority {m.from + 1} to {m.to + 1}</li>}</For>
              </ul>
            </div>
          )}
        </For>
      </Show>
    </section>
  );
}
