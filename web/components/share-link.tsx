/** Export the draft as a share link (copy to clipboard) and import a colleague's link. */
import { Button } from "@kobalte/core/button";
import { TextField } from "@kobalte/core/text-field";
import { createSignal, Show } from "solid-js";
import { tryEncodeShareLink } from "../../shared/share/index.ts";
import type { Workspace } from "../state/app-state.ts";

export function ShareLink(props: { ws: Workspace }) {
  const [link, setLink] = createSignal("");
  const [copied, setCopied] = createSignal(false);
  const [incoming, setIncoming] = createSignal("");
  const [message, setMessage] = createSignal<{ ok: boolean; text: string } | null>(null);

  async function exportLink() {
    const made = tryEncodeShareLink(props.ws.draft.ruleSet(), `${location.origin}/rules`);
    if (!made.ok) return setMessage({ ok: false, text: made.error.message });
    const text = made.value;
    setLink(text);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false); // clipboard blocked: the link stays selectable below
    }
  }

  async function importLink(e: Event) {
    e.preventDefault();
    const error = await props.ws.importLink(incoming().trim());
    setMessage(error ? { ok: false, text: error } : { ok: true, text: "Imported: the link's rules are now your draft." });
    if (!error) setIncoming("");
  }

  return (
    <section class="card share" aria-labelledby="share-title">
      <h2 id="share-title">Share</h2>
      <Button class="btn" onClick={() => void exportLink()}>Copy a share link to this draft</Button>
      <Show when={link()}>
        <TextField class="field" value={link()} readOnly>
          <TextField.Label class="field-label">{copied() ? "Copied to the clipboard" : "Share link"}</TextField.Label>
          <TextField.Input class="input mono" onFocus={(e) => e.currentTarget.select()} />
        </TextField>
      </Show>
      <form onSubmit={importLink}>
        <TextField class="field" value={incoming()} onChange={setIncoming}>
          <TextField.Label class="field-label">Import a share link</TextField.Label>
          <TextField.Input class="input mono" placeholder="https://…" />
          <TextField.Description class="hint">Replaces your draft with the link's rules; the published rules are not touched.</TextField.Description>
        </TextField>
        <Button class="btn" type="submit" disabled={!incoming().trim()}>Import</Button>
      </form>
      <Show when={message()}>
        {(m) => <p class={m().ok ? "notice" : "error"} role={m().ok ? "status" : "alert"}>{m().text}</p>}
      </Show>
    </section>
  );
}
