/** The run history, newest first: when, what started it, how it ended, what it changed, a link to its detail. */
import { For, Show } from "solid-js";
import { type Href, syncHref } from "../state/router.ts";
import type { SyncRunView } from "../../shared/api/sync-views.ts";
import { fmt, groupTotal, STATE_WORDS, total, triggerSentence, when } from "../state/sync-words.ts";
import { AppLink } from "./app-link.tsx";

/** Whether the run wrote to Genea (else it only planned: a dry run, or one the brake stopped). */
const wrote = (run: SyncRunView) => run.mode === "apply" && (run.state === "done" || run.state === "failed" || run.state === "running");

/** What a run did, or for one that wrote nothing, what it planned. */
function counts(run: SyncRunView) {
  const c = wrote(run) ? run.applied : run.planned;
  return { additions: groupTotal(c, "additions"), changes: groupTotal(c, "changes"), removals: groupTotal(c, "removals") };
}

export function RunTable(props: { runs: readonly SyncRunView[]; navigate: (to: Href) => void }) {
  return (
    <Show when={props.runs.length > 0} fallback={<p class="hint">No sync has run yet.</p>}>
      <div class="table-scroll">
        <table class="diff-table run-table" aria-label="Sync runs, newest first">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">How</th>
              <th scope="col">Result</th>
              <th scope="col" class="num">Additions</th>
              <th scope="col" class="num">Changes</th>
              <th scope="col" class="num">Removals</th>
              <th scope="col" class="num">Errors</th>
              <th scope="col">
                <span class="sr-only">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.runs}>
              {(run) => {
                const c = () => counts(run);
                return (
                  <tr data-run={run.id} data-state={run.state}>
                    <td>{when(run.startedAt)}</td>
                    <td>{triggerSentence(run)}</td>
                    <td class={`run-state state-${run.state}`}>
                      {run.state === "running" ? `${STATE_WORDS.running} (${run.percent}%)` : STATE_WORDS[run.state]}
                      {wrote(run) ? "" : " (planned numbers)"}
                    </td>
                    <td class="num">{fmt(c().additions)}</td>
                    <td class="num">{fmt(c().changes)}</td>
                    <td class="num">{fmt(c().removals)}</td>
                    <td class="num">{fmt(total(run.failed))}</td>
                    <td>
                      <AppLink
                        href={syncHref.run(run.id)}
                        navigate={props.navigate}
                        aria-label={`Details of the run started ${when(run.startedAt)}`}
                      >
                        Details
                      </AppLink>
                    </td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
