/**
 * A share link (…/rules#rules=v1.…) opened in this browser, or pasted on the Publish page:
 * its rules as a draft candidate, with the diff against the published rules and the lint
 * findings, before anything replaces the draft. Nothing happens unasked.
 */
import { Button } from "@kobalte/core/button";
import { createEffect, createSignal, For, Match, on, onCleanup, Show, Switch } from "solid-js";
import { SHARE_LINK_PARAM } from "../../shared/share/index.ts";
import type { Workspace } from "../state/app-state.ts";
import type { Review } from "../state/shared-rules.ts";
import { ImpactList } from "./impact-list.tsx";
import { RuleSetDiffView } from "./rule-set-diff.tsx";

function Names(props: { ids: readonly string[]; name: (uuid: string) => string }) {
  return <>{props.ids.map(props.name).join(", ")}</>;
}

function ReviewBody(props: { ws: Workspace; review: Review }) {
  const name = (uuid: string) => props.ws.catalog.current()?.locations.find((l) => l.uuid === uuid)?.name ?? null;
  const named = (uuid: string) => name(uuid) ?? uuid;
  const r = () => props.review;
  const errors = () => r().findings.filter((f) => f.severity === "error");
  return (
    <>
      <Show when={r().unknown.length > 0}>
        <p class="error">
          This link has rules for {r().unknown.length} location{r().unknown.length > 1 ? "s" : ""}{" "}
          this Genea account does not have, which will not be imported:{" "}
          <span class="mono">
            <Names ids={r().unknown} name={(u) => u} />
          </span>.
        </p>
      </Show>
      <Show when={r().replaced.length > 0}>
        <p>
          Importing replaces your draft's rules at:{" "}
          <strong>
            <Names ids={r().replaced} name={named} />
          </strong>.
        </p>
      </Show>
      <Show when={r().emptied.length > 0}>
        <p class="error">
          The link has no rules for <Names ids={r().emptied} name={named} />: nobody would be synced there.
        </p>
      </Show>
      <Show when={r().kept.length > 0}>
        <p class="hint">
          The link has nothing for <Names ids={r().kept} name={named} />: your draft's rules there stay as they are.
        </p>
      </Show>
      <h3>Compared with the published rules</h3>
      <ImpactList impact={r().impact} name={named} />
      <RuleSetDiffView
        diff={r().diff}
        from={props.ws.draft.publishedRules() ?? r().candidate}
        to={r().candidate}
        locationName={name}
        label="Shared rules compared with the published rules"
      />
      <h3>Lint findings ({r().findings.length})</h3>
      <Show when={r().findings.length > 0} fallback={<p class="hint">No findings.</p>}>
        <ul class="findings">
          <For each={r().findings}>
            {(f) => <li class={`finding ${f.severity}`}>{f.severity === "error" ? "Error" : "Warning"}: {f.message}</li>}
          </For>
        </ul>
      </Show>
      <Show when={errors().length > 0}>
        <p class="hint">You can import it and fix the errors before publishing.</p>
      </Show>
    </>
  );
}

export function SharedReview(props: { ws: Workspace }) {
  const ws = props.ws;
  const fromLocation = () => (location.hash.includes(`${SHARE_LINK_PARAM}=`) ? location.href : null);
  const [link, setLink] = createSignal(fromLocation());
  // A link pasted into the address bar of an open tab only changes the fragment.
  const onHash = () => setLink(fromLocation());
  window.addEventListener("hashchange", onHash);
  onCleanup(() => window.removeEventListener("hashchange", onHash));
  createEffect(on([link, ws.ready], ([l, ready]) => l && ready && void ws.shared.open(l)));
  const close = () => {
    if (fromLocation()) history.replaceState(null, "", location.pathname);
    setLink(null);
    ws.shared.dismiss();
  };
  let region!: HTMLElement;
  createEffect(on(() => ws.shared.state().phase, (p) => p === "review" && queueMicrotask(() => region?.focus())));
  const nothingKnown = (r: Review) => r.replaced.length + r.emptied.length === 0;

  return (
    <Show when={ws.shared.state().phase !== "none" || link()}>
      <section class="card shared-review" role="region" aria-labelledby="shared-title" tabIndex={-1} ref={region}>
        <h2 id="shared-title">Shared rules: a draft candidate</h2>
        <Switch fallback={<p class="hint" role="status">Reading the shared rules…</p>}>
          <Match when={ws.shared.state().phase === "invalid" && ws.shared.state()}>
            {(s) => <p class="error" role="alert">{(s() as { message: string }).message}</p>}
          </Match>
          <Match when={ws.shared.state().phase === "review" && ws.shared.state()}>
            {(s) => {
              const review = () => (s() as { review: Review }).review;
              return (
                <>
                  <p>
                    Nothing has changed yet: review what these rules would do, then use them as your draft or ignore them. Nothing is
                    published.
                  </p>
                  <ReviewBody ws={ws} review={review()} />
                  <Show when={nothingKnown(review())}>
                    <p class="error" role="alert">None of the link's locations exist here, so there is nothing to import.</p>
                  </Show>
                  <div class="actions">
                    <Button
                      class="btn primary"
                      disabled={nothingKnown(review())}
                      onClick={() => void ws.shared.accept().then((done) => done && close())}
                    >
                      Use as my draft
                    </Button>
                    <Button class="btn" onClick={close}>Ignore</Button>
                  </div>
                </>
              );
            }}
          </Match>
        </Switch>
        <Show when={ws.shared.state().phase === "invalid"}>
          <Button class="btn" onClick={close}>Close</Button>
        </Show>
      </section>
    </Show>
  );
}
