/** A running sync run's progress: phase, percent, and during apply how many operations are done. */
import { Progress } from "@kobalte/core/progress";
import { Show } from "solid-js";
import type { SyncRunView } from "../../shared/api/sync-views.ts";
import { fmt, PHASE_WORDS, triggerSentence } from "../state/sync-words.ts";

export function SyncProgress(props: { run: SyncRunView }) {
  const label = () => `${triggerSentence(props.run)}: ${PHASE_WORDS[props.run.phase]}`;
  return (
    <div class="sync-progress" data-testid="sync-progress">
      <Progress
        class="progress determinate"
        value={props.run.percent}
        minValue={0}
        maxValue={100}
        getValueLabel={({ value }) => `${value}%`}
      >
        <div class="progress-head">
          <Progress.Label class="progress-title" data-testid="sync-phase">{label()}</Progress.Label>
          <Progress.ValueLabel class="progress-label" data-testid="sync-percent" />
        </div>
        <Progress.Track class="progress-track wide">
          <Progress.Fill class="progress-fill determinate" />
        </Progress.Track>
      </Progress>
      <Show when={props.run.phase === "apply" && props.run.progress.total > 0}>
        <p class="hint">{fmt(props.run.progress.done)} of {fmt(props.run.progress.total)} operations done</p>
      </Show>
    </div>
  );
}
