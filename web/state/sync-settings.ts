/**
 * The sync settings form: the values as typed (strings), checked with the shared schema
 * before saving, each problem said in a sentence next to its field.
 */
import { createSignal } from "solid-js";
import * as v from "valibot";
import { type SyncSettings, SyncSettingsSchema } from "../../shared/api/sync.ts";
import type { Api } from "./api.ts";
import { fmt } from "./sync-words.ts";

export const NUMBER_FIELDS = [
  "intervalMinutes",
  "fullEveryHours",
  "minUsers",
  "percent",
  "auditRetentionDays",
  "concurrency",
  "sliceSeconds",
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type SettingsForm = { scheduleEnabled: boolean } & Record<NumberField, string>;
export type FieldErrors = Partial<Record<NumberField, string>>;

/** Each field's label, as shown and as used in its messages. */
export const FIELD_LABELS: Record<NumberField, string> = {
  intervalMinutes: "Sync every (minutes)",
  fullEveryHours: "Read everyone every (hours)",
  minUsers: "Brake: at least this many people",
  percent: "Brake: or this share of a property's people (%)",
  auditRetentionDays: "Keep the audit for (days)",
  concurrency: "Genea changes at once",
  sliceSeconds: "Save progress every (seconds)",
};

const PATHS: Record<string, NumberField> = {
  "schedule.intervalMinutes": "intervalMinutes",
  "schedule.fullEveryHours": "fullEveryHours",
  "brake.minUsers": "minUsers",
  "brake.percent": "percent",
  auditRetentionDays: "auditRetentionDays",
  concurrency: "concurrency",
  sliceSeconds: "sliceSeconds",
};

export const formOf = (s: SyncSettings): SettingsForm => ({
  scheduleEnabled: s.schedule.enabled,
  intervalMinutes: String(s.schedule.intervalMinutes),
  fullEveryHours: String(s.schedule.fullEveryHours),
  minUsers: String(s.brake.minUsers),
  percent: String(s.brake.percent),
  auditRetentionDays: String(s.auditRetentionDays),
  concurrency: String(s.concurrency),
  sliceSeconds: String(s.sliceSeconds),
});

const numberOf = (text: string) => (text.trim() === "" ? Number.NaN : Number(text.trim()));

function sentence(label: string, issue: v.BaseIssue<unknown>): string {
  if (issue.type === "integer") return `${label} must be a whole number.`;
  if (issue.type === "min_value") return `${label} must be at least ${fmt(Number(issue.requirement))}.`;
  if (issue.type === "max_value") return `${label} must be at most ${fmt(Number(issue.requirement))}.`;
  return `${label}: enter a number.`;
}

/** The settings the form describes, or a sentence per field that is not acceptable. */
export function settingsFromForm(form: SettingsForm): { ok: true; value: SyncSettings } | { ok: false; errors: FieldErrors } {
  const candidate = {
    schedule: {
      enabled: form.scheduleEnabled,
      intervalMinutes: numberOf(form.intervalMinutes),
      fullEveryHours: numberOf(form.fullEveryHours),
    },
    brake: { minUsers: numberOf(form.minUsers), percent: numberOf(form.percent) },
    auditRetentionDays: numberOf(form.auditRetentionDays),
    concurrency: numberOf(form.concurrency),
    sliceSeconds: numberOf(form.sliceSeconds),
  };
  const parsed = v.safeParse(SyncSettingsSchema, candidate);
  if (parsed.success) return { ok: true, value: parsed.output };
  const errors: FieldErrors = {};
  for (const issue of parsed.issues) {
    const field = PATHS[(issue.path ?? []).map((p) => String(p.key)).join(".")];
    if (field && !errors[field]) errors[field] = sentence(FIELD_LABELS[field], issue);
  }
  return { ok: false, errors };
}

export function createSyncSettings(deps: { api: Pick<Api, "syncSettings" | "saveSyncSettings">; onSaved?: (s: SyncSettings) => void }) {
  const [form, setForm] = createSignal<SettingsForm | null>(null);
  const [fieldErrors, setFieldErrors] = createSignal<FieldErrors>({});
  const [error, setError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  return {
    form,
    fieldErrors,
    error,
    /** true after a save, until the next edit */
    saved,
    busy,
    async load(): Promise<void> {
      const r = await deps.api.syncSettings();
      if (!r.ok) return void setError(r.error.message);
      setForm(formOf(r.value));
    },
    edit(patch: Partial<SettingsForm>): void {
      const current = form();
      if (!current) return;
      setForm({ ...current, ...patch });
      setSaved(false);
    },
    async save(): Promise<boolean> {
      const current = form();
      if (!current) return false;
      const checked = settingsFromForm(current);
      if (!checked.ok) {
        setFieldErrors(checked.errors);
        setError("Some settings need a correction before they can be saved.");
        return false;
      }
      setFieldErrors({});
      setBusy(true);
      const r = await deps.api.saveSyncSettings(checked.value);
      setBusy(false);
      if (!r.ok) return (setError(r.error.message), false);
      setError(null);
      setForm(formOf(r.value));
      setSaved(true);
      deps.onSaved?.(r.value);
      return true;
    },
  };
}
export type SyncSettingsStore = ReturnType<typeof createSyncSettings>;
