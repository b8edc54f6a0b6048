/**
 * A run the brake stopped: why, per property who would lose what (the run's planned
 * operations), and Approve / Reject, each behind a confirmation naming the numbers.
 */
import { Button } from "@kobalte/core/button";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import type { BrakeVerdict } from "../../shared/api/sync.ts";
import { type Href, syncHref } from "../state/router.ts";
import type { SyncRunView } from "../../shared/api/sync-views.ts";
import { type PropertyLosses, shrinkSentence, type Verdict, verdictCounts } from "../state/sync-verdict.ts";
import { fmt, plural, when } from "../state/sync-words.ts";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { VirtualList } from "./virtual-list.tsx";

type Shrink = Extract<BrakeVerdict, { kind: "read-shrink" }>;
const ROW = 52;

function PropertyList(props: { losses: PropertyLosses; navigate: (to: Href) => void }) {
  const p = () => props.losses;
  const title = () => `${p().name}: ${plural(p().people.length, "person", "people")} would lose access`;
  return (
    <section class="verdict-property" data-property={p().propertyUuid ?? "unbound"}>
      <h4>{title()}</h4>
      <Show when={p().people.length > 0}>
        <VirtualList
          items={p().people}
          label={title()}
          rowHeight={ROW}
          height={Math.min(6 * ROW, p().people.length * ROW + 2)}
          onActivate={(person) => props.navigate(syncHref.person(person.oktaId))}
        >
          {(person) => (
            <div class="loss-row">
              <span class="row-title">{person.email}</span>
              <span class="loss-what">{person.what.join("; ")}</span>
              <span class="muted loss-why">because {person.why.join("; ")}</span>
            </div>
          )}
        </VirtualList>
      </Show>
    </section>
  );
}

export function BrakeVerdictCard(props: {
  run: SyncRunView;
  verdict: Verdict;
  busy: boolean;
  navigate: (to: Href) => void;
  onApprove: () => Promise<boolean>;
  onReject: () => Promise<boolean>;
}) {
  const [asking, setAsking] = createSignal<"approve" | "reject" | null>(null);
  const brake = () => props.run.brake;
  const shrink = (): Shrink | null => {
    const b = brake();
    return b?.kind === "read-shrink" ? b : null;
  };
  const properties = () => {
    const b = brake();
    return b && b.kind !== "read-shrink" ? b.properties : [];
  };
  const counts = () => verdictCounts(props.verdict.losses() ?? []);
  const people = () => (props.verdict.losses() ? counts().people : properties().reduce((n, p) => n + p.removals, 0));
  const headingId = `verdict-${props.run.id}`;
  const decide = (call: () => Promise<boolean>) => void call().then((done) => done && setAsking(null));

  return (
    <section class="card verdict" aria-labelledby={headingId} data-verdict={props.run.id}>
      <h2 id={headingId}>Stopped by the brake: the run of {when(props.run.startedAt)} waits for approval</h2>
      <Switch>
        <Match when={shrink()}>{(s) => <p data-testid="verdict-message">{shrinkSentence(s())}</p>}</Match>
        <Match when={brake()?.kind === "removals"}>
          <p data-testid="verdict-message">
            This run would take access from more people than the brake allows, so it wrote nothing. Below is who would lose what at each
            property. Approve to carry it out (the sync reads Okta and Genea again first), or reject it to keep everyone's access as it is.
          </p>
          <div class="table-scroll">
            <table class="diff-table" aria-label="The brake's numbers per property">
              <thead>
                <tr>
                  <th scope="col">Property</th>
                  <th scope="col" class="num">People with access now</th>
                  <th scope="col" class="num">Would lose access</th>
                  <th scope="col" class="num">Lost in the last 24 h</th>
                  <th scope="col" class="num">Limit</th>
                  <th scope="col">Stopped here</th>
                </tr>
              </thead>
              <tbody>
                <For each={properties()}>
                  {(p) => (
                    <tr>
                      <th scope="row">{p.name}</th>
                      <td class="num">{fmt(p.synced)}</td>
                      <td class="num loss">{fmt(p.removals)}</td>
                      <td class="num">{fmt(p.window)}</td>
                      <td class="num">{fmt(p.threshold)}</td>
                      <td>{p.tripped ? "Yes: over the limit" : "No"}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Match>
      </Switch>
      <Show when={!shrink()}>
        <h3>Who would lose what</h3>
        <Show when={props.verdict.error()}>
          <p class="error" role="alert">{props.verdict.error()}</p>
        </Show>
        <Show when={props.verdict.losses()} fallback={<p class="hint" role="status">Reading the run's plan…</p>}>
          {(losses) => (
            <>
              <Show when={props.verdict.capped()}>
                <p class="hint">The plan is very large: only its first 50,000 operations are listed.</p>
              </Show>
              <For each={losses()}>{(p) => <PropertyList losses={p} navigate={props.navigate} />}</For>
              <p class="hint">Choose a person (click, or the arrow keys and Enter) to see everything doorsync did to them.</p>
            </>
          )}
        </Show>
      </Show>
      <div class="verdict-actions">
        <Button class="btn primary danger-primary" disabled={props.busy} onClick={() => setAsking("approve")}>Approve…</Button>
        <Button class="btn" disabled={props.busy} onClick={() => setAsking("reject")}>Reject…</Button>
      </div>
      <Show when={asking() === "approve"}>
        <ConfirmDialog
          title={shrink() ? "Accept the smaller Okta read?" : `Approve removing access for ${plural(people(), "person", "people")}?`}
          confirmLabel={shrink()
            ? "Approve and sync with the smaller read"
            : `Approve: remove access for ${plural(people(), "person", "people")}`}
          danger
          busy={props.busy}
          onConfirm={() => decide(props.onApprove)}
          onClose={() => setAsking(null)}
        >
          <Show
            when={shrink()}
            fallback={
              <>
                <p>
                  Approving starts a new run that reads Okta and Genea again and applies the plan, as long as it removes no more than you
                  approve here:
                </p>
                <ul>
                  <For each={properties().filter((p) => p.removals > 0)}>
                    {(p) => (
                      <li>
                        <strong>{fmt(p.removals)}</strong> at {p.name}
                      </li>
                    )}
                  </For>
                </ul>
              </>
            }
          >
            {(s) => (
              <p>
                Okta returned {fmt(s().after)} {s().collection} instead of{" "}
                {fmt(s().before)}. Approving starts a new run that reads Okta again and goes on with a read of about that size, removing
                access from people no longer in it.
              </p>
            )}
          </Show>
        </ConfirmDialog>
      </Show>
      <Show when={asking() === "reject"}>
        <ConfirmDialog
          title="Reject this run?"
          confirmLabel="Reject the run"
          busy={props.busy}
          onConfirm={() => decide(props.onReject)}
          onClose={() => setAsking(null)}
        >
          <p>
            Nothing is written to Genea:{" "}
            {shrink() ? "everyone keeps their access" : `the ${plural(people(), "person", "people")} listed keep their access`}{" "}
            for now. The next run (scheduled, or Sync now) plans again, and stops again if the rules and Okta still say the same.
          </p>
        </ConfirmDialog>
      </Show>
    </section>
  );
}
