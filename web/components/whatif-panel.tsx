/**
 * The instant what-if numbers for one property: synced users, gains and losses vs the
 * published rules and vs current Genea state, and the (virtualized) list of who would lose
 * access. Numbers carry data attributes the end-to-end tests and the benchmark read.
 */
import { Button } from "@kobalte/core/button";
import { createSignal, Show } from "solid-js";
import type { PropertySummary, UserRef, VsCurrent } from "../worker/contract.ts";
import { VirtualList } from "./virtual-list.tsx";

const fmt = (n: number) => n.toLocaleString("en-US");
/** Opening the full list ships at most this many names from the worker. */
export const LOSERS_LIST_CAP = 20_000;

function Stat(props: { label: string; value: number | undefined; name: string; tone?: "gain" | "loss" }) {
  return (
    <div class={`stat ${props.tone ?? ""}`}>
      <dt>{props.label}</dt>
      <dd data-stat={props.name}>{props.value === undefined ? "…" : fmt(props.value)}</dd>
    </div>
  );
}

export function WhatIfPanel(props: {
  summary: PropertySummary | undefined;
  /** vs current Genea for this property; undefined until known */
  vsCurrent: VsCurrent | undefined;
  /** the Genea comparison is for an earlier edit and is being redone */
  vsCurrentStale: boolean;
  hasPublished: boolean;
  loadLosers: (offset: number, limit: number) => Promise<UserRef[]>;
  onInspect: (user: UserRef) => void;
}) {
  /** the full list belongs to the summary it was loaded for; a new simulation resets it */
  const [all, setAll] = createSignal<{ of: PropertySummary; list: UserRef[] } | null>(null);
  const losers = () => {
    const loaded = all();
    return loaded && loaded.of === props.summary ? loaded.list : (props.summary?.losers.first ?? []);
  };
  const total = () => props.summary?.losers.total ?? 0;

  async function showAll() {
    const of = props.summary;
    if (!of) return;
    setAll({ of, list: await props.loadLosers(0, Math.min(total(), LOSERS_LIST_CAP)) });
  }

  return (
    <section class="whatif" aria-labelledby="whatif-title">
      <h2 id="whatif-title">What if you publish this draft</h2>
      <dl class="stats" aria-live="polite">
        <Stat label="Users synced" value={props.summary?.synced} name="synced" />
        <Stat label="Gain access (vs published)" value={props.summary?.gained} name="gained" tone="gain" />
        <Stat label="Lose access (vs published)" value={props.summary?.lost} name="lost" tone="loss" />
        <Stat label="Access changes (vs published)" value={props.summary?.changed} name="changed" />
      </dl>
      <Show when={!props.hasPublished}>
        <p class="hint">Nothing is published yet: every synced user counts as a gain.</p>
      </Show>
      <h3>
        Compared with what Genea holds now
        <Show when={props.vsCurrentStale}>
          <span class="muted" role="status">(updating…)</span>
        </Show>
      </h3>
      <Show when={props.vsCurrent} fallback={<p class="hint">Comparing with the current Genea state…</p>}>
        {(vc) => (
          <dl class="stats">
            <Stat label="Users to add" value={vc().adds} name="adds" tone="gain" />
            <Stat label="Users to remove" value={vc().removes} name="removes" tone="loss" />
            <Stat label="Users to change" value={vc().changes} name="changes" />
          </dl>
        )}
      </Show>
      <h3>Who would lose access ({fmt(total())})</h3>
      <Show when={total() > 0} fallback={<p class="hint">Nobody loses access here.</p>}>
        <VirtualList items={losers()} label="People who would lose access" rowHeight={32} height={Math.min(320, losers().length * 32 + 2)}>
          {(u) => (
            <button type="button" class="loser" onClick={() => props.onInspect(u)}>
              <span>{u.name}</span> <span class="muted">{u.email ?? u.login ?? u.id}</span>
              <span class="sr-only">: why this person loses access</span>
            </button>
          )}
        </VirtualList>
        <Show when={losers().length < total()}>
          <Button class="btn small" onClick={showAll}>
            Show all {fmt(Math.min(total(), LOSERS_LIST_CAP))}
          </Button>
        </Show>
      </Show>
    </section>
  );
}
