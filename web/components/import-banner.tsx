/** Opening a share link (…/rules#rules=v1.…) offers to import it as the draft; nothing happens unasked. */
import { Button } from "@kobalte/core/button";
import { createSignal, onCleanup, Show } from "solid-js";
import { SHARE_LINK_PARAM } from "../../shared/share/index.ts";

export function ImportBanner(props: { importLink: (link: string) => Promise<string | null> }) {
  const fromLocation = () => (location.hash.includes(`${SHARE_LINK_PARAM}=`) ? location.href : null);
  const [link, setLink] = createSignal(fromLocation());
  // A link pasted into the address bar of an open tab only changes the fragment.
  const onHash = () => setLink(fromLocation());
  window.addEventListener("hashchange", onHash);
  onCleanup(() => window.removeEventListener("hashchange", onHash));
  const [error, setError] = createSignal<string | null>(null);
  const clear = () => {
    history.replaceState(null, "", location.pathname);
    setLink(null);
  };
  async function accept() {
    const problem = await props.importLink(link()!);
    if (problem) setError(problem);
    else clear();
  }
  return (
    <Show when={link()}>
      <div class="banner import" role="region" aria-label="Shared rules">
        <span>This link carries a shared rule set. Import it as your draft? Your current draft will be replaced; nothing is published.</span>
        <Button class="btn small primary" onClick={() => void accept()}>Import as my draft</Button>
        <Button class="btn small" onClick={clear}>Ignore</Button>
        <Show when={error()}><span class="error" role="alert">{error()}</span></Show>
      </div>
    </Show>
  );
}
