/**
 * Publish: review what changes per property (counts and who loses access), add a note,
 * publish; a 409 from the edge becomes a sentence and a reload offer. Also the draft's
 * share link (copy) and importing someone else's link.
 */
import { Button } from "@kobalte/core/button";
import { TextField } from "@kobalte/core/text-field";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import type { Workspace } from "../state/app-state.ts";
import { ShareLink } from "../components/share-link.tsx";

const fmt = (n: number) => n.toLocaleString("en-US");

export function PublishView(props: { ws: Workspace }) {
  const ws = props.ws;
  const [note, setNote] = createSignal("");
  const names = () => new Map(ws.draft.catalog()?.locations.map((l) => [l.uuid, l.name]) ?? []);
  const rows = () => (ws.simulator.summary()?.properties ?? []).filter((p) => p.gained + p.lost + p.changed > 0 || p.synced > 0);
  const errors = () => (ws.simulator.summary()?.properties ?? []).flatMap((p) => p.findings).filter((f) => f.severity === "error");
  const state = ws.publisher.state;

  return (
    <div class="publish">
      <h1>Publish the draft</h1>
      <p class="hint">
        Published now: {ws.draft.published() ? `version ${ws.draft.published()!.version} (${ws.draft.published()!.note || "no note"})` : "nothing yet"}.
      </p>
      <table class="diff-table" aria-label="Changes per property">
        <thead>
          <tr><th scope="col">Property</th><th scope="col">Synced</th><th scope="col">Gain</th><th scope="col">Lose</th><th scope="col">Change</th><th scope="col">Who loses access</th></tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(p) => (
              <tr>
                <th scope="row">{names().get(p.locationUuid) ?? p.locationUuid}</th>
                <td class="num">{fmt(p.synced)}</td>
                <td class="num gain">{fmt(p.gained)}</td>
                <td class="num loss">{fmt(p.lost)}</td>
                <td class="num">{fmt(p.changed)}</td>
                <td>
                  {p.losers.first.slice(0, 5).map((u) => u.name).join(", ")}
                  {p.losers.total > 5 ? ` and ${fmt(p.losers.total - 5)} more` : ""}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={errors().length > 0}>
        <p class="error" role="alert">The draft has {errors().length} error finding(s); fix them on the Rules page before publishing.</p>
      </Show>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void ws.publisher.publish(note());
        }}
      >
        <TextField class="field" value={note()} onChange={setNote}>
          <TextField.Label class="field-label">Note for the version history</TextField.Label>
          <TextField.TextArea class="input" rows={2} placeholder="What changes and why" />
        </TextField>
        <Button class="btn primary" type="submit" disabled={state().phase === "publishing" || errors().length > 0 || !ws.ready()}>
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
              <Button class="btn" onClick={() => void ws.publisher.reload()}>Reload the latest published version</Button>
            </div>
          )}
        </Match>
        <Match when={state().phase === "failed" && state()}>
          {(s) => <p class="error" role="alert">{(s() as { message: string }).message}</p>}
        </Match>
      </Switch>
      <ShareLink ws={ws} />
    </div>
  );
}
