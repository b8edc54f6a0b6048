/**
 * The Rules page: one tab per Genea property, its rule table, the rule dialog, the instant
 * what-if panel and the user-decision inspector. State lives in the workspace; this file
 * only lays it out and routes user intent to the pure rule edits.
 */
import { Button } from "@kobalte/core/button";
import { Tabs } from "@kobalte/core/tabs";
import { createMemo, createSignal, For, Show } from "solid-js";
import type { Rule } from "../../shared/rules/model.ts";
import { RuleDialog } from "../components/rule-dialog.tsx";
import { RuleTable } from "../components/rule-table.tsx";
import { UserSearch } from "../components/user-search.tsx";
import { WhatIfPanel } from "../components/whatif-panel.tsx";
import { TraceDialog } from "../components/trace-dialog.tsx";
import { addRule, duplicateRule, moveRule, newRuleId, replaceRule, toggleRule } from "../state/rule-ops.ts";
import { newRuleForm, type RuleForm, ruleToForm } from "../state/rule-form.ts";
import type { Workspace } from "../state/app-state.ts";
import type { UserRef } from "../worker/contract.ts";

export function RulesView(props: { ws: Workspace }) {
  const ws = props.ws;
  const locations = () => ws.catalog.current()?.locations ?? [];
  const [property, setProperty] = createSignal<string | null>(null);
  const current = () => property() ?? locations()[0]?.uuid ?? "";
  const rules = () => ws.draft.ruleSet().properties[current()]?.rules ?? [];
  const summary = () => ws.simulator.summary()?.properties.find((p) => p.locationUuid === current());
  const groupNames = createMemo(() => new Map(ws.vocabulary().groups.map((g) => [g.id, g.name])));
  const [editing, setEditing] = createSignal<{ title: string; form: RuleForm; isNew: boolean } | null>(null);
  const [inspect, setInspect] = createSignal<UserRef | null>(null);

  const edit = (f: (rs: ReturnType<typeof ws.draft.ruleSet>) => ReturnType<typeof ws.draft.ruleSet>) => ws.edit(f(ws.draft.ruleSet()));
  const propertyName = () => locations().find((l) => l.uuid === current())?.name ?? current();

  function openNew() {
    const published = ws.draft.publishedRules()?.properties[current()]?.rules.map((r) => r.id) ?? [];
    const id = newRuleId(ws.draft.ruleSet(), current(), published);
    const role = ws.catalog.current()?.roles.find((r) => r.name === "User") ?? ws.catalog.current()?.roles[0];
    setEditing({ title: "Add a rule", form: newRuleForm(id, role?.uuid ?? ""), isNew: true });
  }
  function save(rule: Rule) {
    const e = editing();
    edit((rs) => (e?.isNew ? addRule(rs, current(), rule) : replaceRule(rs, current(), rule)));
    setEditing(null);
  }

  return (
    <div class="rules-page">
      <Show when={locations().length > 0} fallback={<p class="hint">Loading the Genea properties…</p>}>
        <Tabs value={current()} onChange={setProperty} class="tabs">
          <Tabs.List class="tabs-list" aria-label="Properties">
            <For each={locations()}>
              {(l) => <Tabs.Trigger class="tabs-trigger" value={l.uuid}>{l.name}</Tabs.Trigger>}
            </For>
            <Tabs.Indicator class="tabs-indicator" />
          </Tabs.List>
        </Tabs>
        <div class="rules-layout">
          <section class="rules-main" aria-labelledby="rules-title">
            <header class="section-header">
              <h2 id="rules-title">Rules for {locations().find((l) => l.uuid === current())?.name}</h2>
              <Button class="btn primary" onClick={openNew}>Add rule</Button>
            </header>
            <RuleTable
              rules={rules()}
              counts={summary()?.ruleCounts}
              findings={summary()?.findings ?? []}
              catalog={ws.catalog.current()}
              groupNames={groupNames()}
              onMove={(from, to) => edit((rs) => moveRule(rs, current(), from, to))}
              onEdit={(rule) => setEditing({ title: `Edit rule "${rule.name || rule.id}"`, form: ruleToForm(rule), isNew: false })}
              onDuplicate={(id) => edit((rs) => duplicateRule(rs, current(), id))}
              onToggle={(id, on) => edit((rs) => toggleRule(rs, current(), id, on))}
              onDelete={(rule) => ws.deleteRule(current(), rule, propertyName())}
            />
            <Show when={(summary()?.findings ?? []).filter((f) => !f.ruleId).length > 0}>
              <ul class="findings" aria-label="Findings for this property">
                <For each={summary()?.findings.filter((f) => !f.ruleId)}>
                  {(f) => <li class={`finding ${f.severity}`}>{f.message}</li>}
                </For>
              </ul>
            </Show>
          </section>
          <aside class="rules-side">
            <WhatIfPanel
              summary={summary()}
              vsCurrent={ws.simulator.current()?.byProperty[current()]}
              vsCurrentStale={ws.simulator.currentIsStale()}
              hasPublished={ws.draft.published() !== null}
              loadLosers={(o, n) => ws.sim.listLosers(current(), o, n)}
              onInspect={setInspect}
            />
            <UserSearch search={(q) => ws.sim.searchUsers(q, 20)} onPick={setInspect} />
          </aside>
        </div>
      </Show>
      <Show when={editing()} keyed>
        {(e) => (
          <RuleDialog
            open
            title={e.title}
            initial={e.form}
            propertyUuid={current()}
            catalog={ws.catalog.current()}
            groups={ws.vocabulary().groups}
            attributes={ws.vocabulary().attributes}
            onSave={save}
            onClose={() => setEditing(null)}
          />
        )}
      </Show>
      <Show when={inspect()} keyed>
        {(u) => (
          <TraceDialog
            user={u}
            propertyName={locations().find((l) => l.uuid === current())?.name ?? current()}
            explain={() => ws.sim.explain(u.id, current())}
            onClose={() => setInspect(null)}
          />
        )}
      </Show>
    </div>
  );
}
