/**
 * Publish: review per property who gains and who loses access, add a note, publish. When
 * anyone loses access a confirmation names the count and requires the note. A 409 from the
 * edge offers to load the other admin's version or keep this draft (reviewed against it).
 * Also the draft's share link and reviewing someone else's link.
 */
import { Button } from "@kobalte/core/button";
import { TextField } from "@kobalte/core/text-field";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import type { Workspace } from "../state/app-state.ts";
import type { UserRef } from "../worker/contract.ts";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { ShareLink } from "../components/share-link.tsx";
import { SYNC_NOTE } from "../state/sync-words.ts";

const fmt = (n: number) => n.toLocaleString("en-US");
const people = (list: readonly UserRef[], total: number) =>
  total === 0 ? "nobody" : `${list.slice(0, 5).map((u) => u.name).join(", ")}${total > 5 ? ` and ${fmt(total - 5)} more` : ""}`;

export function PublishView(props: { ws: Workspace }) {
  const ws = props.ws;
  const [note, setNote] = createSignal("");
  const [confirming, setConfirming] = createSignal(false);
  const names = () => new Map(ws.catalog.current()?.locations.map((l) => [l.uuid, l.name]) ?? []);
  const summary = () => ws.simulator.summary();
  const rows = () => (summary()?.properties ?? []).filter((p) => p.gained + p.lost + p.changed > 0 || p.synced > 0);
  const errors = () =>
    (summary()?.properties ?? []).flatMap((p) => p.findings).concat(summary()?.findings ?? []).filter((f) => f.severity === "error");
  const losing = () => (summary()?.properties ?? []).filter((p) => p.lost > 0);
  const lost = () => losing().reduce((n, p) => n + p.lost, 0);
  const state = ws.publisher.state;
  const publish = (text: string, confirmed = 0) => {
    setConfirming(false);
    void ws.publisher.publish(text, confirmed).then((done) => done && setNote(""));
  };

  return (
    <div class="publish">
      <h1>Publish the draft</h1>
      <p class="hint">
        Published now:{" "}
        {ws.draft.published() ? `version ${ws.draft.published()!.version} (${ws.draft.published()!.note || "no note"})` : "nothing yet"}.
      </p>
      <div class="table-scroll">
        <table class="diff-table" aria-label="Changes per property">
          <thead>
            <tr>
              <th scope="col">Property</th>
              <th scope="col">Synced</th>
              <th scope="col">Gain</th>
              <th scope="col">Lose</th>
              <th scope="col">Change</th>
              <th scope="col">Who gains access</th>
              <th scope="col">Who loses access</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(p) => (
                <tr data-property={p.locationUuid}>
                  <th scope="row">{names().get(p.locationUuid) ?? p.locationUuid}</th>
                  <td class="num">{fmt(p.synced)}</td>
                  <td class="num gain">{fmt(p.gained)}</td>
                  <td class="num loss" data-lost>{fmt(p.lost)}</td>
                  <td class="num">{fmt(p.changed)}</td>
                  <td>{people(p.gainers.first, p.gainers.total)}</td>
                  <td>{people(p.losers.first, p.losers.total)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={summary()?.partial}>
        <p class="hint" role="status">Simulating every property…</p>
      </Show>
      <Show when={errors().length > 0}>
        <div class="error" role="alert">
          <p>The draft has {errors().length} error{errors().length > 1 ? "s" : ""} to fix on the Rules page before publishing:</p>
          <ul>
            <For each={errors()}>{(f) => <li>{f.message}</li>}</For>
          </ul>
        </div>
      </Show>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (lost() > 0) setConfirming(true);
          else publish(note());
        }}
      >
        <TextField class="field" value={note()} onChange={setNote}>
          <TextField.Label class="field-label">Note for the version history</TextField.Label>
          <TextField.TextArea class="input" rows={2} placeholder="What changes and why" />
        </TextField>
        <Button
          class="btn primary"
          type="submit"
          disabled={state().phase === "publishing" || errors().length > 0 || !ws.ready() || summary()?.partial !== false}
        >
          Publish
        </Button>
      </form>
      <Switch>
        <Match when={state().phase === "published" && state()}>
          {(s) => <p class="notice" role="status">Published version {(s() as { version: { version: number } }).version.version}.</p>}
        </Match>
        <Match when={state().phase === "conflict" && state()}>
          {(s) => (
            <div class="error" role="alert">
              <p>{(s() as { message: string }).message}</p>
              <Button class="btn" onClick={() => void ws.publisher.loadTheirs()}>Load their version (replaces my draft)</Button>
              <Button class="btn" onClick={() => void ws.publisher.keepMine()}>Keep my draft and review it against their version</Button>
            </div>
          )}
        </Match>
        <Match when={state().phase === "failed" && state()}>
          {(s) => <p class="error" role="alert">{(s() as { message: string }).message}</p>}
        </Match>
      </Switch>
      <ShareLink ws={ws} />
      <Show when={confirming()}>
        <ConfirmDialog
          title={`${fmt(lost())} people lose door access`}
          confirmLabel={`Publish and remove access for ${fmt(lost())} people`}
          danger
          note={{ label: "Why (kept in the version history)", required: true, initial: note() }}
          onConfirm={(text) => {
            setNote(text);
            publish(text, lost());
          }}
          onClose={() => setConfirming(false)}
        >
          <p>Publishing this draft removes access for:</p>
          <ul>
            <For each={losing()}>
              {(p) => (
                <li>
                  <strong>{fmt(p.lost)}</strong> at {names().get(p.locationUuid) ?? p.locationUuid}{" "}
                  ({people(p.losers.first, p.losers.total)})
                </li>
              )}
            </For>
          </ul>
          <p>{SYNC_NOTE}</p>
        </ConfirmDialog>
      </Show>
    </div>
  );
}
