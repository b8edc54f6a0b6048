/**
 * What doorsync did to one person, newest first, and why; and their ledger link: which Genea
 * user they are, how doorsync came to manage it, and what doorsync granted them.
 */
import { For, onMount, Show } from "solid-js";
import type { LedgerEntry } from "../../shared/plan/ledger.ts";
import type { Workspace } from "../state/app-state.ts";
import { type Href, PATHS, syncHref } from "../state/router.ts";
import { createPersonHistory } from "../state/sync-person.ts";
import { changeWords, RESULT_WORDS, when } from "../state/sync-words.ts";
import { AppLink } from "../components/app-link.tsx";

const VIA_WORDS: Record<LedgerEntry["via"], string> = {
  created: "doorsync created this Genea user",
  email: "doorsync linked an existing Genea user with the same email",
  relinked: "a re-hire: doorsync took over the deactivated Genea user with the same email",
};

function Ledger(props: { ledger: LedgerEntry | null; locationName: (uuid: string) => string }) {
  return (
    <section class="card" aria-labelledby="ledger-title">
      <h2 id="ledger-title">Link to Genea</h2>
      <Show
        when={props.ledger}
        fallback={
          <p data-testid="ledger">doorsync has not linked this person to a Genea user: it has never created or matched one for them.</p>
        }
      >
        {(l) => (
          <dl class="sync-status" data-testid="ledger">
            <div>
              <dt>Genea user</dt>
              <dd class="mono">{l().geneaUuid}</dd>
            </div>
            <div>
              <dt>How</dt>
              <dd>{VIA_WORDS[l().via]}, {when(l().linkedAt)}</dd>
            </div>
            <div>
              <dt>Access doorsync gave</dt>
              <dd>{l().granted.locations.length ? l().granted.locations.map(props.locationName).join(", ") : "none now"}</dd>
            </div>
            <div>
              <dt>Mobile keys</dt>
              <dd>{l().granted.mobileKeys.length || "none"}</dd>
            </div>
            <div>
              <dt>Apple Wallet pass</dt>
              <dd>{l().granted.wallet ? "on" : "off"}</dd>
            </div>
            <Show when={l().deactivatedAt}>
              {(at) => (
                <div>
                  <dt>Deactivated</dt>
                  <dd>by doorsync, {when(at())}</dd>
                </div>
              )}
            </Show>
          </dl>
        )}
      </Show>
    </section>
  );
}

export function SyncPersonPage(props: { oktaId: string; ws: Workspace; navigate: (to: Href) => void }) {
  const person = createPersonHistory({ api: props.ws.api, oktaId: props.oktaId });
  onMount(() => void person.load());
  const locationName = (uuid: string) => props.ws.catalog.current()?.locations.find((l) => l.uuid === uuid)?.name ?? uuid;
  const email = () => person.history()?.entries[0]?.email;
  return (
    <div class="sync sync-person">
      <AppLink href={PATHS.sync} navigate={props.navigate}>← Sync</AppLink>
      <h1>Sync history of {email() ?? props.oktaId}</h1>
      <p class="hint">
        Okta user id{" "}
        <span class="mono">{props.oktaId}</span>. Everything doorsync did or planned for this person, newest first (kept for the audit
        retention).
      </p>
      <Show when={person.error()}>
        <p class="error" role="alert">{person.error()}</p>
      </Show>
      <Show when={person.history()} fallback={<p class="hint" role="status">Reading the history…</p>}>
        {(h) => (
          <>
            <Ledger ledger={h().ledger} locationName={locationName} />
            <section class="card" aria-labelledby="person-ops-title">
              <h2 id="person-ops-title">What doorsync did</h2>
              <Show
                when={h().entries.length > 0}
                fallback={<p class="hint">Nothing yet: no run has changed or planned anything for this person.</p>}
              >
                <div class="table-scroll">
                  <table class="diff-table" aria-label="What doorsync did to this person, newest first">
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">What</th>
                        <th scope="col">Why</th>
                        <th scope="col">Result</th>
                        <th scope="col">Run</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={h().entries}>
                        {(e) => (
                          <tr data-kind={e.kind} data-result={e.result}>
                            <td>{when(e.at)}</td>
                            <td>{changeWords(e)}</td>
                            <td>{e.reason.text}</td>
                            <td>{RESULT_WORDS[e.result]}{e.error ? `: ${e.error}` : ""}</td>
                            <td>
                              <AppLink href={syncHref.run(e.runId)} navigate={props.navigate} aria-label={`The run of ${when(e.at)}`}>
                                Run
                              </AppLink>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            </section>
          </>
        )}
      </Show>
    </div>
  );
}
