/**
 * The sync console: status (last and next run, connections, what awaits approval), Sync now,
 * Dry run and Provision people with live progress, the brake's verdicts with Approve /
 * Reject, the run history with its chart, a person's history, and the settings.
 */
import { Button } from "@kobalte/core/button";
import { createMemo, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import type { SyncStatus } from "../../shared/api/sync.ts";
import type { Workspace } from "../state/app-state.ts";
import { type Href, syncHref } from "../state/router.ts";
import type { SyncConsole } from "../state/sync-console.ts";
import { createSyncSettings } from "../state/sync-settings.ts";
import { trendOf } from "../state/sync-trend.ts";
import { createVerdict } from "../state/sync-verdict.ts";
import { eventsSentence, outcomeSentence, plural, triggerSentence, when } from "../state/sync-words.ts";
import { plainMessage } from "../state/wording.ts";
import { AppLink } from "../components/app-link.tsx";
import { BrakeVerdictCard } from "../components/brake-verdict.tsx";
import { ProvisionDialog } from "../components/provision-dialog.tsx";
import { RunTable } from "../components/run-table.tsx";
import { SyncChart } from "../components/sync-chart.tsx";
import { SyncProgress } from "../components/sync-progress.tsx";
import { SyncSettingsForm } from "../components/sync-settings-form.tsx";
import { UserSearch } from "../components/user-search.tsx";

type Connection = SyncStatus["connections"]["okta"];
const health = (name: string, c: Connection) =>
  c.error
    ? `${name}: not working: ${plainMessage(c.error)}`
    : !c.connected
    ? `${name}: not connected yet`
    : `${name}: connected${c.lastCheckedAt ? `, last answered ${when(c.lastCheckedAt)}` : ""}`;

function StatusList(props: { status: SyncStatus; navigate: (to: Href) => void }) {
  const s = () => props.status;
  const next = () => {
    if (!s().settings.schedule.enabled) return "Schedule off: runs start only with Sync now.";
    if (s().awaitingApproval.length > 0) return "Scheduled runs wait until the stopped run is approved or rejected.";
    return s().nextScheduledAt
      ? `${when(s().nextScheduledAt!)} (every ${plural(s().settings.schedule.intervalMinutes, "minute")})`
      : "Not scheduled";
  };
  return (
    <dl class="sync-status" data-testid="sync-status">
      <div>
        <dt>Last completed run</dt>
        <dd data-testid="last-run">
          <Show when={s().lastRun} fallback="No run has completed yet.">
            {(run) => (
              <>
                {when(run().startedAt)} ({triggerSentence(run())}): {outcomeSentence({ ...run(), percent: 100 })}.{" "}
                <AppLink href={syncHref.run(run().id)} navigate={props.navigate}>Details of the last run</AppLink>
              </>
            )}
          </Show>
        </dd>
      </div>
      <div>
        <dt>Next scheduled run</dt>
        <dd data-testid="next-run">{next()}</dd>
      </div>
      <div>
        <dt>Connections</dt>
        <dd>
          <span class={s().connections.okta.error ? "error" : ""} data-testid="okta-health">{health("Okta", s().connections.okta)}</span>
          <br />
          <span class={s().connections.genea.error ? "error" : ""} data-testid="genea-health">
            {health("Genea", s().connections.genea)}
          </span>
        </dd>
      </div>
      <div>
        <dt>Okta events</dt>
        <dd class={s().events.lastError ? "error" : ""} data-testid="okta-events">{eventsSentence(s().events)}</dd>
      </div>
      <div>
        <dt>Published rules</dt>
        <dd>{s().publishedVersion ? `Version ${s().publishedVersion}` : "Nothing published yet: publish rules before syncing."}</dd>
      </div>
      <div>
        <dt>Awaiting approval</dt>
        <dd data-testid="awaiting">
          {s().awaitingApproval.length === 0 ? "Nothing" : `${plural(s().awaitingApproval.length, "run")} stopped by the brake (below)`}
        </dd>
      </div>
      <Show when={s().lastRefusal}>
        {(r) => (
          <div>
            <dt>Last scheduled run refused</dt>
            <dd class="warn-text">{when(r().at)}: {r().message}</dd>
          </div>
        )}
      </Show>
    </dl>
  );
}

export function SyncView(props: { sync: SyncConsole; ws: Workspace; navigate: (to: Href) => void }) {
  const sync = props.sync;
  const settings = createSyncSettings({ api: props.ws.api, onSaved: () => void sync.refresh() });
  const [provisioning, setProvisioning] = createSignal(false);
  onMount(() => void Promise.all([sync.open(), settings.load()]));
  onCleanup(() => sync.close());

  const running = () => sync.status()?.state === "running" || sync.followed()?.state === "running";
  const followed = () => sync.followed();
  /** ids only, so a refreshed list does not rebuild the verdict cards (and read their plans again) */
  const awaitingIds = createMemo(() => sync.runs().filter((r) => r.state === "awaiting-approval").map((r) => r.id), [], {
    equals: (a, b) => a.join() === b.join(),
  });
  const search = (q: string) => props.ws.sim.searchUsers(q, 20);

  return (
    <div class="sync">
      <h1>Sync</h1>
      <p class="hint">
        The sync makes Genea match the published rules: it reads everyone in Okta, works out who gets which doors, and changes Genea where
        it differs. It runs on a schedule and whenever you ask.
      </p>
      <Show when={sync.error()}>
        <p class="error banner-inline" role="alert">{sync.error()}</p>
      </Show>
      <Show when={sync.notice()}>
        <p class="notice" role="status">{sync.notice()}</p>
      </Show>
      <section class="card" aria-labelledby="sync-status-title">
        <h2 id="sync-status-title">Status</h2>
        <Show when={sync.status()} fallback={<p class="hint" role="status">Reading the sync status…</p>}>
          {(s) => <StatusList status={s()} navigate={props.navigate} />}
        </Show>
        <div class="sync-actions">
          <Button class="btn primary" disabled={running() || sync.busy()} onClick={() => void sync.start("apply")}>Sync now</Button>
          <Button class="btn" disabled={running() || sync.busy()} onClick={() => void sync.start("dry-run")}>Dry run</Button>
          <Button class="btn" disabled={running() || sync.busy()} onClick={() => setProvisioning(true)}>Provision people…</Button>
        </div>
        <Show when={followed()?.state === "running" && !provisioning() && followed()}>
          {(run) => <SyncProgress run={run()} />}
        </Show>
        <Show when={followed() && followed()!.state !== "running" && followed()}>
          {(run) => (
            <p class="sync-outcome" role="status" data-testid="sync-outcome">
              {triggerSentence(run())}: {outcomeSentence(run())}.{" "}
              <AppLink href={syncHref.run(run().id)} navigate={props.navigate}>Details</AppLink>
            </p>
          )}
        </Show>
      </section>
      <For each={awaitingIds()}>
        {(id) => {
          const run = () => sync.runs().find((r) => r.id === id);
          const verdict = createVerdict({ api: props.ws.api, runId: id, verdict: run()?.brake ?? null });
          onMount(() => void verdict.load());
          return (
            <Show when={run()}>
              {(r) => (
                <BrakeVerdictCard
                  run={r()}
                  verdict={verdict}
                  busy={sync.busy()}
                  navigate={props.navigate}
                  onApprove={() => sync.approve(id)}
                  onReject={() => sync.reject(id)}
                />
              )}
            </Show>
          );
        }}
      </For>
      <section class="card" aria-labelledby="sync-history-title">
        <h2 id="sync-history-title">Run history</h2>
        <SyncChart points={trendOf(sync.runs())} />
        <RunTable runs={sync.runs()} navigate={props.navigate} />
      </section>
      <section class="card" aria-labelledby="sync-person-title">
        <h2 id="sync-person-title">What doorsync did to one person</h2>
        <UserSearch
          label="Find a person's sync history"
          idPrefix="person"
          search={search}
          onPick={(u) => props.navigate(syncHref.person(u.id))}
        />
      </section>
      <SyncSettingsForm store={settings} />
      <Show when={provisioning()}>
        <ProvisionDialog
          search={search}
          run={followed()}
          busy={sync.busy()}
          error={sync.error()}
          navigate={(to) => (setProvisioning(false), props.navigate(to))}
          onStart={(ids) => sync.start("apply", ids)}
          onClose={() => setProvisioning(false)}
        />
      </Show>
    </div>
  );
}
