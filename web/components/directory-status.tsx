/**
 * The header's directory line: size and age of the cached snapshot, "Refresh from Okta" with
 * the job's progress, and the snapshot download's bytes and percent while one is under way.
 */
import { Button } from "@kobalte/core/button";
import { Progress } from "@kobalte/core/progress";
import { Match, Show, Switch } from "solid-js";
import type { DirectoryStore } from "../state/directory.ts";
import type { DownloadProgress } from "../state/snapshot-download.ts";

const fmt = (n: number) => n.toLocaleString("en-US");
/** Decimal units, as browsers' own download lists show them. */
export const bytesText = (n: number) =>
  n < 1e6
    ? `${fmt(Math.ceil(n / 1e3))} kB`
    : `${(n / 1e6).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
export const percentOf = (p: DownloadProgress) => (p.total === 0 ? 100 : Math.floor((p.received * 100) / p.total));
export const downloadText = (p: DownloadProgress) =>
  `Downloading the directory snapshot: ${bytesText(p.received)} of ${bytesText(p.total)} (${percentOf(p)} %)…`;
export const when = (iso: string) => new Date(iso).toLocaleString();

export function DirectoryStatus(props: { directory: DirectoryStore; onRefresh: () => void }) {
  const d = props.directory;
  const running = () => ["running", "downloading"].includes(d.refresh().phase);
  return (
    <div class="directory-status">
      <span data-testid="directory-info">
        {/* An expression, not a Show callback: a callback's string is computed once and would keep the first snapshot's numbers. */}
        {d.info()
          ? `${fmt(d.info()!.users)} users, ${fmt(d.info()!.groups)} groups · last refresh ${when(d.info()!.fetchedAt)}`
          : "No directory cached yet"}
      </span>
      <Button class="btn small" onClick={props.onRefresh} disabled={running() || d.offline()}>
        Refresh from Okta
      </Button>
      <Switch>
        <Match when={d.progress()}>
          {(p) => (
            <>
              <Progress class="progress" value={p().received} maxValue={p().total} getValueLabel={() => `${percentOf(p())} %`}>
                <Progress.Label class="sr-only">Downloading the directory snapshot</Progress.Label>
                <Progress.Track class="progress-track">
                  <Progress.Fill class="progress-fill" />
                </Progress.Track>
              </Progress>
              <span class="muted" role="status" data-testid="directory-download">{downloadText(p())}</span>
            </>
          )}
        </Match>
        <Match when={d.refresh().phase === "running" || d.refresh().phase === "downloading"}>
          <Progress class="progress" indeterminate>
            <Progress.Label class="sr-only">Refreshing from Okta</Progress.Label>
            <Progress.ValueLabel class="progress-label" />
            <Progress.Track class="progress-track">
              <Progress.Fill class="progress-fill" />
            </Progress.Track>
          </Progress>
          <span class="muted" role="status">
            {(() => {
              const r = d.refresh();
              return r.phase === "running"
                ? `Read ${fmt(r.job.users)} users and ${fmt(r.job.groups)} groups (${fmt(r.job.requests)} requests)…`
                : "Downloading the new snapshot…";
            })()}
          </span>
        </Match>
        <Match when={d.refresh().phase === "failed"}>
          <span class="error" role="alert">{(d.refresh() as { message: string }).message}</span>
        </Match>
      </Switch>
      <Show when={d.error()}>
        <span class="error" role="alert">{d.error()}</span>
      </Show>
    </div>
  );
}

/** Shown while the edge cannot be reached (a failed directory check or draft save). */
export function OfflineBanner(props: { directory: DirectoryStore; offline: boolean }) {
  return (
    <Show when={props.offline}>
      <div class="banner offline" role="status">
        {props.directory.info()
          ? `Offline — using cached directory from ${
            when(props.directory.info()!.fetchedAt)
          }. Edits are kept in this browser until the server is back.`
          : "Offline: the doorsync server cannot be reached and no directory is cached in this browser."}
      </div>
    </Show>
  );
}
