/** The sync settings: schedule, the removal brake, audit retention and how many Genea changes run at once. */
import { Button } from "@kobalte/core/button";
import { Switch } from "@kobalte/core/switch";
import { TextField } from "@kobalte/core/text-field";
import { For, Show } from "solid-js";
import { FIELD_LABELS, type NumberField, type SyncSettingsStore } from "../state/sync-settings.ts";

const HINTS: Record<NumberField, string> = {
  intervalMinutes: "How often the scheduled sync runs, from 1 minute to 1 day. It reads only what changed in Okta since the last read.",
  fullEveryHours: "How often a scheduled run reads everyone in Okta and checks all of Genea instead (up to 30 days).",
  minUsers: "A run stops before writing when it would take access from more people than this at one property…",
  percent:
    "…or than this share of the people who have access there, whichever is larger. It also stops when Okta's answer shrinks by that much.",
  auditRetentionDays: "How long what doorsync did to whom is kept.",
  concurrency: "How many people's Genea changes are made at the same time (1–32).",
  sliceSeconds:
    "How often a running sync saves its progress: how often the progress bar moves, and how close to where it stopped an interrupted run resumes.",
};

const GROUPS: { legend: string; fields: NumberField[] }[] = [
  { legend: "Removal brake", fields: ["minUsers", "percent"] },
  { legend: "Audit and pace", fields: ["auditRetentionDays", "concurrency", "sliceSeconds"] },
];

function NumberInput(props: { store: SyncSettingsStore; field: NumberField }) {
  const error = () => props.store.fieldErrors()[props.field];
  return (
    <TextField
      class="field"
      value={props.store.form()?.[props.field] ?? ""}
      onChange={(value) => props.store.edit({ [props.field]: value })}
      validationState={error() ? "invalid" : "valid"}
    >
      <TextField.Label class="field-label">{FIELD_LABELS[props.field]}</TextField.Label>
      <TextField.Input class="input narrow" inputMode="numeric" autocomplete="off" />
      <TextField.Description class="hint">{HINTS[props.field]}</TextField.Description>
      <TextField.ErrorMessage class="error field-error">{error()}</TextField.ErrorMessage>
    </TextField>
  );
}

export function SyncSettingsForm(props: { store: SyncSettingsStore }) {
  const s = props.store;
  return (
    <section class="card" aria-labelledby="sync-settings-title">
      <h2 id="sync-settings-title">Settings</h2>
      <Show when={s.form()} fallback={<p class="hint">{s.error() ?? "Loading the settings…"}</p>}>
        {(form) => (
          <form
            class="settings-form"
            onSubmit={(e) => {
              e.preventDefault();
              void s.save();
            }}
          >
            <fieldset class="actions-fieldset">
              <legend>Schedule</legend>
              <Switch class="switch" checked={form().scheduleEnabled} onChange={(on) => s.edit({ scheduleEnabled: on })}>
                <Switch.Input />
                <Switch.Control class="switch-control">
                  <Switch.Thumb class="switch-thumb" />
                </Switch.Control>
                <Switch.Label>Sync on a schedule</Switch.Label>
              </Switch>
              <NumberInput store={s} field="intervalMinutes" />
              <NumberInput store={s} field="fullEveryHours" />
            </fieldset>
            <For each={GROUPS}>
              {(g) => (
                <fieldset class="actions-fieldset">
                  <legend>{g.legend}</legend>
                  <For each={g.fields}>{(f) => <NumberInput store={s} field={f} />}</For>
                </fieldset>
              )}
            </For>
            <Show when={s.error()}>
              <p class="error" role="alert">{s.error()}</p>
            </Show>
            <Show when={s.saved()}>
              <p class="notice" role="status">Settings saved.</p>
            </Show>
            <Button class="btn primary" type="submit" disabled={s.busy()}>Save settings</Button>
          </form>
        )}
      </Show>
    </section>
  );
}
