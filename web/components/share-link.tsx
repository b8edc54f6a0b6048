/** Export the draft as a share link (copy to clipboard) and review a colleague's link before importing it. */
import { Button } from "@kobalte/core/button";
import { TextField } from "@kobalte/core/text-field";
import { createSignal, Show } from "solid-js";
import { tryEncodeShareLink } from "../../shared/share/index.ts";
import type { Workspace } from "../state/app-state.ts";

export function ShareLink(props: { ws: Workspace }) {
  const [link, setLink] = createSignal("");
  const [copied, setCopied] = createSignal(false);
  const [incoming, setIncoming] = createSignal("");
  const [message, setMessage] = createSignal<string | null>(null);

  async function exportLink() {
    const made = tryEncodeShareLink(props.ws.draft.ruleSet(), `${location.origin}/rules`);
    if (!made.ok) return setMessage(made.error.message);
    setMessage(null);
    setLink(made.value);
    try {
      await navigator.clipboard.writeText(made.value);
      setCopied(true);
    } catch {
      setCopied(false); // clipboard blocked: the link stays selectable below
    }
  }

  function review(e: Event) {
    e.preventDefault();
    void props.ws.shared.open(incoming().trim());
    setIncoming("");
    window.scrollTo({ top: 0 });
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
      <Show when={message()}>
        <p class="error" role="alert">{message()}</p>
      </Show>
      <form onSubmit={review}>
        <TextField class="field" value={incoming()} onChange={setIncoming}>
          <TextField.Label class="field-label">Review a share link</TextField.Label>
          <TextField.Input class="input mono" placeholder="https://…" />
          <TextField.Description class="hint">
            Shows the link's rules, their differences from the published rules and their findings; nothing changes until you choose to use
            them.
          </TextField.Description>
        </TextField>
        <Button class="btn" type="submit" disabled={!incoming().trim()}>Review link</Button>
      </form>
    </section>
  );
}
