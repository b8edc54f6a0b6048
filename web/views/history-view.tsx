/**
 * Rule history: every published version (who, when, note, what changed vs the one before),
 * one version's rules, the diff between any two versions, and rollback with confirmation.
 */
import { Button } from "@kobalte/core/button";
import { createMemo, createSignal, For, onMount, Show } from "solid-js";
import type { Version, VersionInfo } from "../../shared/api/schemas.ts";
import type { Workspace } from "../state/app-state.ts";
import type { ChangeCounts, Comparison } from "../state/history.ts";
import type { PropertyImpact } from "../worker/contract.ts";
import { Choice } from "../components/choice.tsx";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { ImpactList } from "../components/impact-list.tsx";
import { SYNC_NOTE } from "../state/sync-words.ts";
import { Modal } from "../components/modal.tsx";
import { RuleSetDiffView } from "../components/rule-set-diff.tsx";
import { describeRuleConditions, describeTargets } from "../components/rule-words.ts";

const when = (iso: string) => new Date(iso).toLocaleString();
function changeWords(c: ChangeCounts | undefined): string {
  if (!c) return "…";
  const parts = [
    c.added && `${c.added} added`,
    c.removed && `${c.removed} removed`,
    c.changed && `${c.changed} changed`,
    c.moved && `${c.moved} moved`,
  ].filter(Boolean);
  return parts.length ? `${parts.join(", ")} (${c.properties} propert${c.properties === 1 ? "y" : "ies"})` : "no rule changes";
}

export function HistoryView(props: { ws: Workspace }) {
  const ws = props.ws;
  const h = ws.history;
  const [viewing, setViewing] = createSignal<Version | null>(null);
  const [from, setFrom] = createSignal("");
  const [to, setTo] = createSignal("");
  const [comparison, setComparison] = createSignal<Comparison | null>(null);
  const [rollingBack, setRollingBack] = createSignal<{ info: VersionInfo; preview: Comparison | null; impact: PropertyImpact[] } | null>(
    null,
  );
  const [busy, setBusy] = createSignal(false);
  const locationName = (uuid: string) => ws.catalog.current()?.locations.find((l) => l.uuid === uuid)?.name ?? null;
  const groupNames = createMemo(() => new Map(ws.vocabulary().groups.map((g) => [g.id, g.name])));
  const options = createMemo(() => [
    ...h.versions().map((x) => ({ value: String(x.version), label: `Version ${x.version}` })),
    { value: "0", label: "Version 0 (no rules)" },
  ]);
  const current = () => ws.draft.published()?.version ?? 0;

  onMount(async () => {
    await h.load();
    const list = h.versions();
    if (list.length) {
      setTo(String(list[0].version));
      setFrom(String(list[1]?.version ?? 0));
    }
  });

  async function startRollback(info: VersionInfo) {
    const { comparison, impact } = await h.rollbackPreview(info.version);
    setRollingBack({ info, preview: comparison, impact });
  }

  return (
    <div class="history">
      <h1>Rule history</h1>
      <Show when={h.error()}>
        <p class="error" role="alert">{h.error()}</p>
      </Show>
      <Show
        when={h.versions().length > 0}
        fallback={<p class="hint">{h.loading() ? "Loading the versions…" : "Nothing has been published yet."}</p>}
      >
        <div class="table-scroll">
          <table class="diff-table" aria-label="Published versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Published</th>
                <th scope="col">By</th>
                <th scope="col">Note</th>
                <th scope="col">Changes</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={h.versions()}>
                {(x) => (
                  <tr data-version={x.version}>
                    <th scope="row">{x.version}{x.version === current() ? " (current)" : ""}</th>
                    <td>{when(x.publishedAt)}</td>
                    <td>{x.publishedBy}</td>
                    <td>
                      {x.note || <span class="muted">no note</span>}
                      {x.rolledBackFrom ? ` (rollback to version ${x.rolledBackFrom})` : ""}
                    </td>
                    <td>{changeWords(h.counts()[x.version])}</td>
                    <td class="row-actions">
                      <Button
                        class="btn small"
                        onClick={() => void h.view(x.version).then(setViewing)}
                        aria-label={`View version ${x.version}`}
                      >
                        View
                      </Button>
                      <Show when={x.version !== current()}>
                        <Button class="btn small" onClick={() => void startRollback(x)} aria-label={`Roll back to version ${x.version}`}>
                          Roll back
                        </Button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <form
          class="card compare"
          onSubmit={(e) => {
            e.preventDefault();
            void h.compare(Number(from()), Number(to())).then(setComparison);
          }}
        >
          <h2>Compare two versions</h2>
          <div class="compare-row">
            <Choice label="From" options={options()} value={from()} onChange={setFrom} />
            <Choice label="To" options={options()} value={to()} onChange={setTo} />
            <Button class="btn" type="submit">Compare</Button>
          </div>
          <Show when={comparison()}>
            {(c) => (
              <>
                <h3>From version {c().diff.from} to version {c().diff.to}</h3>
                <RuleSetDiffView
                  diff={c().diff}
                  from={c().from}
                  to={c().to}
                  locationName={locationName}
                  label={`Differences from version ${c().diff.from} to ${c().diff.to}`}
                />
              </>
            )}
          </Show>
        </form>
      </Show>
      <Show when={viewing()} keyed>
        {(version) => (
          <Modal title={`Version ${version.version}`} onClose={() => setViewing(null)}>
            <p class="hint">Published {when(version.publishedAt)} by {version.publishedBy}: {version.note || "no note"}</p>
            <For each={Object.entries(version.ruleSet.properties)}>
              {([uuid, p]) => (
                <section class="version-property">
                  <h3>{locationName(uuid) ?? `unknown location ${uuid}`}</h3>
                  <ol>
                    <For each={p.rules} fallback={<li class="muted">No rules.</li>}>
                      {(r) => (
                        <li>
                          <strong>{r.name || r.id}</strong>
                          {r.enabled ? "" : " (disabled)"}: {describeRuleConditions(r, groupNames())} →{" "}
                          {describeTargets(r, ws.catalog.current()).groups}
                        </li>
                      )}
                    </For>
                  </ol>
                </section>
              )}
            </For>
          </Modal>
        )}
      </Show>
      <Show when={rollingBack()} keyed>
        {(rb) => (
          <ConfirmDialog
            title={`Roll back to version ${rb.info.version}?`}
            confirmLabel={`Publish version ${rb.info.version}'s rules again`}
            danger
            busy={busy()}
            note={{ label: "Note for the version history", required: false, initial: `Rollback to version ${rb.info.version}` }}
            onConfirm={(text) => {
              setBusy(true);
              void h.rollback(rb.info.version, text).then(() => (setBusy(false), setRollingBack(null)));
            }}
            onClose={() => setRollingBack(null)}
          >
            <p>
              This publishes the rules of version {rb.info.version} (by {rb.info.publishedBy},{" "}
              {when(rb.info.publishedAt)}) as a new version, and your draft is replaced with them (Undo brings it back). {SYNC_NOTE}
            </p>
            <ImpactList impact={rb.impact} name={(uuid) => locationName(uuid) ?? uuid} />
            <Show when={rb.preview}>
              {(c) => (
                <RuleSetDiffView
                  diff={c().diff}
                  from={c().from}
                  to={c().to}
                  locationName={locationName}
                  label={`What changes from version ${current()}`}
                />
              )}
            </Show>
          </ConfirmDialog>
        )}
      </Show>
    </div>
  );
}
