/**
 * Provision on demand: find people in the cached Okta directory, pick one or more, sync just
 * them (apply), and watch the run's steps arrive.
 */
import { Button } from "@kobalte/core/button";
import { createSignal, For, Show } from "solid-js";
import type { UserRef } from "../worker/contract.ts";
import { type Href, syncHref } from "../state/router.ts";
import type { SyncRunView } from "../../shared/api/sync-views.ts";
import { outcomeSentence, plural } from "../state/sync-words.ts";
import { AppLink } from "./app-link.tsx";
import { Modal } from "./modal.tsx";
import { SyncProgress } from "./sync-progress.tsx";
import { UserSearch } from "./user-search.tsx";

/** The most people one on-demand run takes (the edge's limit). */
export const PROVISION_MAX = 100;

export function ProvisionDialog(props: {
  search: (q: string) => Promise<UserRef[]>;
  /** the run this dialog started, as the console follows it */
  run: SyncRunView | null;
  busy: boolean;
  error: string | null;
  navigate: (to: Href) => void;
  onStart: (oktaUserIds: string[]) => Promise<boolean>;
  onClose: () => void;
}) {
  const [picked, setPicked] = createSignal<UserRef[]>([]);
  const [started, setStarted] = createSignal(false);
  const pick = (u: UserRef) => picked().some((p) => p.id === u.id) || picked().length >= PROVISION_MAX || setPicked([...picked(), u]);
  const mine = () => (started() ? props.run : null);
  const start = () => void props.onStart(picked().map((p) => p.id)).then((ok) => setStarted(ok));

  return (
    <Modal title="Provision people now" onClose={props.onClose} initialFocus={() => document.getElementById("provision-search-input")}>
      <Show
        when={!started()}
        fallback={
          <Show when={mine()} fallback={<p role="status">Starting…</p>}>
            {(run) => (
              <div class="provision-run">
                <p role="status" data-testid="provision-state">
                  {outcomeSentence(run())}
                </p>
                <Show when={run().state === "running"}>
                  <SyncProgress run={run()} />
                </Show>
                <h3>Steps</h3>
                <ol class="steps" aria-live="polite" data-testid="provision-steps">
                  <For each={run().steps} fallback={<li class="muted">Waiting for the first step…</li>}>{(s) => <li>{s.text}</li>}</For>
                </ol>
                <Show when={run().state !== "running"}>
                  <AppLink href={syncHref.run(run().id)} navigate={props.navigate}>Details of this run</AppLink>
                </Show>
              </div>
            )}
          </Show>
        }
      >
        <p class="hint">
          Syncs just these people now, with the published rules: their Genea user, access, mobile key and Wallet pass are made to match the
          rules. Everyone else is left as they are.
        </p>
        <UserSearch label="Find a person in the Okta directory" idPrefix="provision" search={props.search} onPick={pick} />
        <h3>Picked ({picked().length})</h3>
        <ul class="chips picked" aria-label="People to provision">
          <For each={picked()} fallback={<li class="muted">Nobody yet: search above and choose with Enter.</li>}>
            {(u) => (
              <li class="chip">
                {u.name} <span class="muted">{u.email ?? u.login ?? u.id}</span>
                <button type="button" aria-label={`Remove ${u.name}`} onClick={() => setPicked(picked().filter((p) => p.id !== u.id))}>
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
        <Show when={props.error}>
          <p class="error" role="alert">{props.error}</p>
        </Show>
        <footer class="dialog-footer">
          <Button class="btn" onClick={() => props.onClose()}>Cancel</Button>
          <Button class="btn primary" disabled={picked().length === 0 || props.busy} onClick={start}>
            {picked().length ? `Provision ${plural(picked().length, "person", "people")}` : "Provision"}
          </Button>
        </footer>
      </Show>
    </Modal>
  );
}
