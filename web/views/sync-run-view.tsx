/**
 * One sync run: what started it and how it ended, counts per operation kind and property,
 * reads, phase timings, errors, steps, and its operations (filtered by person, property and
 * result, paged, virtualised) with a CSV download of all of them.
 */
import { Button } from "@kobalte/core/button";
import { TextField } from "@kobalte/core/text-field";
import { createMemo, createSignal, For, onMount, Show } from "solid-js";
import { OPERATION_RESULTS, type OperationResult } from "../../shared/api/sync.ts";
import { OPERATION_ORDER, type SkippedReason } from "../../shared/plan/operations.ts";
import type { Workspace } from "../state/app-state.ts";
import { type Href, PATHS, syncHref } from "../state/router.ts";
import { createRunDetail } from "../state/sync-run-detail.ts";
import type { SyncRunView } from "../../shared/api/sync-views.ts";
import { fmt, groupTotal, KIND_WORDS, outcomeSentence, PHASE_WORDS, RESULT_WORDS, triggerSentence, when } from "../state/sync-words.ts";
import { AppLink } from "../components/app-link.tsx";
import { AuditList } from "../components/audit-list.tsx";
import { Choice } from "../components/choice.tsx";
import { SyncProgress } from "../components/sync-progress.tsx";

const SKIPPED_WORDS: Record<SkippedReason, string> = {
  "no-email": "no primary email in Okta",
  deprovisioned: "deprovisioned in Okta",
  suspended: "suspended in Okta",
  unmatched: "no rule grants them access anywhere",
  "duplicate-email": "their email is shared with another person, so they are left alone",
  "unmanaged-in-genea": "a Genea admin or kept out of directory sync, so left alone",
  relinked: "deprovisioned; their Genea user now belongs to a re-hire with the same email",
};
const skipped = new Map<string, string>(Object.entries(SKIPPED_WORDS));
const skippedWords = (why: string) => skipped.get(why) ?? why;
/** "no filter" in the Property and Result choices (an empty value would show an empty choice) */
const ANY = "any";
const seconds = (ms: number | null) => (ms === null ? "still going" : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

function Counts(props: { run: SyncRunView; propertyName: (uuid: string) => string }) {
  const kinds = () => OPERATION_ORDER.filter((k) => props.run.planned[k] + props.run.applied[k] + props.run.failed[k] > 0);
  return (
    <div class="detail-grid">
      <div class="table-scroll">
        <table class="diff-table" aria-label="Operations per kind">
          <thead>
            <tr>
              <th scope="col">Operation</th>
              <th scope="col" class="num">Planned</th>
              <th scope="col" class="num">Done</th>
              <th scope="col" class="num">Failed</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={kinds()}
              fallback={
                <tr>
                  <td colSpan={4} class="muted">No operations: nothing needed changing.</td>
                </tr>
              }
            >
              {(k) => (
                <tr data-kind={k}>
                  <th scope="row">{KIND_WORDS[k]}</th>
                  <td class="num">{fmt(props.run.planned[k])}</td>
                  <td class="num">{fmt(props.run.applied[k])}</td>
                  <td class="num">{fmt(props.run.failed[k])}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <div class="table-scroll">
        <table class="diff-table" aria-label="Planned operations per property">
          <thead>
            <tr>
              <th scope="col">Property</th>
              <th scope="col" class="num">Additions</th>
              <th scope="col" class="num">Changes</th>
              <th scope="col" class="num">Removals</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={Object.entries(props.run.byProperty)}
              fallback={
                <tr>
                  <td colSpan={4} class="muted">None.</td>
                </tr>
              }
            >
              {([uuid, c]) => (
                <tr data-property={uuid}>
                  <th scope="row">{props.propertyName(uuid)}</th>
                  <td class="num">{fmt(groupTotal(c, "additions"))}</td>
                  <td class="num">{fmt(groupTotal(c, "changes"))}</td>
                  <td class="num">{fmt(groupTotal(c, "removals"))}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Facts(props: { run: SyncRunView }) {
  const r = () => props.run;
  return (
    <div class="detail-grid">
      <section aria-labelledby="reads-title">
        <h3 id="reads-title">Reads</h3>
        <p>
          Okta: {fmt(r().reads.okta.users)} users, {fmt(r().reads.okta.groups)} groups, {fmt(r().reads.okta.memberships)}{" "}
          memberships ({fmt(r().reads.okta.requests)} requests).
        </p>
        <p>Genea: {fmt(r().reads.genea.users)} users ({fmt(r().reads.genea.requests)} requests).</p>
        <Show when={Object.keys(r().skipped).length > 0}>
          <p>Not synced:</p>
          <ul>
            <For each={Object.entries(r().skipped)}>{([why, n]) => <li>{fmt(n)}: {skippedWords(why)}</li>}</For>
          </ul>
        </Show>
      </section>
      <section aria-labelledby="phases-title">
        <h3 id="phases-title">Phase timings</h3>
        <table class="diff-table" aria-label="Phase timings">
          <thead>
            <tr>
              <th scope="col">Phase</th>
              <th scope="col">Started</th>
              <th scope="col" class="num">Took</th>
            </tr>
          </thead>
          <tbody>
            <For each={r().phases}>
              {(p) => (
                <tr>
                  <th scope="row">{PHASE_WORDS[p.phase]}</th>
                  <td>{when(p.startedAt)}</td>
                  <td class="num">{seconds(p.ms)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Operations(props: { detail: ReturnType<typeof createRunDetail>; ws: Workspace; navigate: (to: Href) => void }) {
  const d = props.detail;
  const [person, setPerson] = createSignal("");
  const [property, setProperty] = createSignal(ANY);
  const [result, setResult] = createSignal<typeof ANY | OperationResult>(ANY);
  const properties = createMemo(
    () => [
      { value: ANY, label: "All properties" },
      ...(props.ws.catalog.current()?.locations ?? []).map((l) => ({ value: l.uuid, label: l.name })),
    ],
  );
  const results = [{ value: ANY, label: "All results" }, ...OPERATION_RESULTS.map((r) => ({ value: r, label: RESULT_WORDS[r] }))];
  const filtered = () => Object.keys(d.filter()).length > 0;
  return (
    <section class="card" aria-labelledby="ops-title">
      <h2 id="ops-title">Operations</h2>
      <form
        class="filter-row"
        onSubmit={(e) => {
          e.preventDefault();
          const r = result();
          void d.applyFilter({ user: person(), property: property() === ANY ? undefined : property(), result: r === ANY ? undefined : r });
        }}
      >
        <TextField class="field" value={person()} onChange={setPerson}>
          <TextField.Label class="field-label">Person (email or Okta id)</TextField.Label>
          <TextField.Input class="input" autocomplete="off" />
        </TextField>
        <Choice label="Property" options={properties()} value={property()} onChange={setProperty} />
        <Choice label="Result" options={results} value={result()} onChange={setResult} />
        <Button class="btn" type="submit">Show</Button>
      </form>
      <p class="hint" role="status" data-testid="ops-count">
        {d.loading() && d.entries().length === 0
          ? "Reading the operations…"
          : `Showing ${fmt(d.entries().length)} ${filtered() ? "matching " : ""}operation${d.entries().length === 1 ? "" : "s"}${
            d.hasMore() ? "; more below" : ""
          }.`}
      </p>
      <Show when={d.entries().length > 0}>
        <AuditList entries={d.entries()} label="Operations of this run" navigate={props.navigate} />
      </Show>
      <div class="sync-actions">
        <Show when={d.hasMore()}>
          <Button class="btn" disabled={d.loading()} onClick={() => void d.loadMore()}>Show more operations</Button>
        </Show>
        <a class="btn" href={d.csvUrl()} download="">Download all operations (CSV)</a>
      </div>
    </section>
  );
}

export function SyncRunPage(props: { runId: string; ws: Workspace; navigate: (to: Href) => void }) {
  const detail = createRunDetail({ api: props.ws.api, runId: props.runId });
  onMount(() => void detail.load());
  const propertyName = (uuid: string) => props.ws.catalog.current()?.locations.find((l) => l.uuid === uuid)?.name ?? uuid;
  return (
    <div class="sync sync-run">
      <AppLink href={PATHS.sync} navigate={props.navigate}>← Sync</AppLink>
      <Show when={detail.error()}>
        <p class="error" role="alert">{detail.error()}</p>
      </Show>
      <Show when={detail.run()} fallback={<h1>Sync run</h1>}>
        {(run) => (
          <>
            <h1>Sync run of {when(run().startedAt)}</h1>
            <p data-testid="run-summary">
              {triggerSentence(run())}, rules version {run().ruleSetVersion}. {outcomeSentence(run())}.
            </p>
            <Show when={run().state === "running"}>
              <SyncProgress run={run()} />
              <Button class="btn small" onClick={() => void detail.load()}>Refresh</Button>
            </Show>
            <Show when={run().followedBy}>
              {(next) => (
                <p>
                  Carried out by <AppLink href={syncHref.run(next())} navigate={props.navigate}>the approval run</AppLink>.
                </p>
              )}
            </Show>
            <Show when={run().approvalOf}>
              {(of) => (
                <p>
                  Approves <AppLink href={syncHref.run(of())} navigate={props.navigate}>the run the brake stopped</AppLink>.
                </p>
              )}
            </Show>
            <section class="card" aria-labelledby="counts-title">
              <h2 id="counts-title">What it did</h2>
              <Counts run={run()} propertyName={propertyName} />
              <Facts run={run()} />
              <Show when={run().errors.length > 0}>
                <h3>Errors</h3>
                <ul class="error-list">
                  <For each={run().errors}>{(e) => <li>{e}</li>}</For>
                </ul>
              </Show>
              <h3>Steps</h3>
              <ol class="steps">
                <For each={run().steps} fallback={<li class="muted">No steps recorded.</li>}>
                  {(s) => (
                    <li>
                      <span class="muted">{when(s.at)}</span> {s.text}
                    </li>
                  )}
                </For>
              </ol>
            </section>
            <Operations detail={detail} ws={props.ws} navigate={props.navigate} />
          </>
        )}
      </Show>
    </div>
  );
}
