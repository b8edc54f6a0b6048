/**
 * Add or edit one rule: name, match all / any, the condition builder and the actions
 * (access groups of this property, role, mobile key, Apple Wallet where installed, or
 * "exclude"). Invalid input keeps the dialog open with a sentence naming the field.
 */
import { Button } from "@kobalte/core/button";
import { Switch } from "@kobalte/core/switch";
import { TextField } from "@kobalte/core/text-field";
import { createMemo, createSignal, For, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import type { Catalog } from "../../shared/genea/model.ts";
import type { Rule } from "../../shared/rules/model.ts";
import { blankCondition, type ConditionForm, formToRule, type RuleForm } from "../state/rule-form.ts";
import { Choice, type ChoiceOption } from "./choice.tsx";
import { ConditionEditor } from "./condition-editor.tsx";
import { MultiPicker, type PickerOption } from "./multi-picker.tsx";
import { Modal } from "./modal.tsx";
import { RadioChoice } from "./radio-choice.tsx";

const MATCH_OPTIONS: readonly ChoiceOption<"all" | "any">[] = [
  { value: "all", label: "all conditions hold" },
  { value: "any", label: "any condition holds" },
];
const ACTION_OPTIONS: readonly ChoiceOption<"grant" | "exclude">[] = [
  { value: "grant", label: "Grant access" },
  { value: "exclude", label: "Exclude: do not sync" },
];

export interface RuleDialogProps {
  open: boolean;
  title: string;
  initial: RuleForm;
  propertyUuid: string;
  catalog: Catalog | null;
  groups: readonly PickerOption[];
  attributes: readonly string[];
  onSave: (rule: Rule) => void;
  onClose: () => void;
}

function Toggle(props: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <Switch class="switch" checked={props.checked} onChange={props.onChange}>
      <Switch.Input />
      <Switch.Control class="switch-control">
        <Switch.Thumb class="switch-thumb" />
      </Switch.Control>
      <Switch.Label>{props.label}</Switch.Label>
    </Switch>
  );
}

export function RuleDialog(props: RuleDialogProps) {
  const [form, setForm] = createStore<RuleForm>(structuredClone(props.initial));
  const [problems, setProblems] = createSignal<string[]>([]);
  const location = () => props.catalog?.locations.find((l) => l.uuid === props.propertyUuid);
  // Memoised: pickers compare options by identity, fresh objects on every read would churn them.
  const accessGroups = createMemo(() =>
    (props.catalog?.accessGroups ?? []).filter((g) => g.locationUuid === props.propertyUuid).map((g) => ({ id: g.uuid, name: g.name }))
  );
  const roles = createMemo(() => (props.catalog?.roles ?? []).map((r) => ({ value: r.uuid, label: r.name })));

  const [warned, setWarned] = createSignal(false);
  const dirty = () => JSON.stringify(form) !== JSON.stringify(props.initial);
  /** Escape or a click outside must not silently throw away an edited rule. */
  const guard = (e: Event) => {
    if (!dirty()) return;
    e.preventDefault();
    setWarned(true);
  };
  const patchCondition = (i: number, patch: Partial<ConditionForm>) => setForm("conditions", i, patch);

  function save(e?: Event) {
    e?.preventDefault();
    const r = formToRule(form, location()?.hasWallet ?? false);
    if (!r.ok) {
      const listed = r.error.problems;
      setProblems(Array.isArray(listed) ? listed.map(String) : [r.error.message]);
      queueMicrotask(() => document.getElementById("rule-problems")?.focus());
      return;
    }
    setProblems([]);
    props.onSave(r.value);
  }

  return (
    <Modal
      title={props.title}
      class="rule-dialog"
      closeLabel="Close without saving"
      onClose={props.onClose}
      onEscapeKeyDown={guard}
      onPointerDownOutside={guard}
    >
      <form onSubmit={save} class="rule-form">
        <TextField class="field" value={form.name} onChange={(name) => setForm("name", name)}>
          <TextField.Label class="field-label">Rule name</TextField.Label>
          <TextField.Input class="input" />
        </TextField>
        <RadioChoice
          label="A user matches when"
          options={MATCH_OPTIONS}
          value={form.match}
          onChange={(m) => setForm("match", m)}
        />
        <For each={form.conditions}>
          {(c, i) => (
            <ConditionEditor
              index={i()}
              form={c}
              groups={props.groups}
              attributes={props.attributes}
              onChange={(p) => patchCondition(i(), p)}
              onRemove={() => setForm("conditions", produce((cs) => void cs.splice(i(), 1)))}
            />
          )}
        </For>
        <Show when={form.conditions.length === 0}>
          <p class="hint">No conditions: this rule matches everyone who reaches it.</p>
        </Show>
        <Button class="btn" onClick={() => setForm("conditions", (cs) => [...cs, blankCondition("group")])}>Add condition</Button>

        <fieldset class="actions-fieldset">
          <legend>Then</legend>
          <RadioChoice
            label="Action"
            hideLabel
            options={ACTION_OPTIONS}
            value={form.actionKind}
            onChange={(k) => setForm("actionKind", k)}
          />
          <Show when={form.actionKind === "grant"}>
            <MultiPicker
              label="Access groups"
              options={accessGroups()}
              selected={form.accessGroupIds}
              onChange={(ids) => setForm("accessGroupIds", ids)}
              placeholder="Search this property's access groups…"
            />
            <Choice label="Role" options={roles()} value={form.roleId} onChange={(roleId) => setForm("roleId", roleId)} />
            <Toggle label="Issue a mobile key (BLE)" checked={form.mobileKey} onChange={(on) => setForm("mobileKey", on)} />
            <Show when={location()?.hasWallet}>
              <Toggle label="Apple Wallet pass" checked={form.wallet} onChange={(on) => setForm("wallet", on)} />
            </Show>
          </Show>
        </fieldset>
        <Show when={warned()}>
          <p class="hint" role="status">This rule has unsaved changes: choose Save rule to keep them or Cancel to discard them.</p>
        </Show>
        <Show when={problems().length > 0}>
          <div class="error" role="alert" id="rule-problems" tabIndex={-1}>
            <p>The rule cannot be saved yet:</p>
            <ul>
              <For each={problems()}>{(p) => <li>{p}</li>}</For>
            </ul>
          </div>
        </Show>
        <footer class="dialog-footer">
          <Button class="btn" onClick={() => props.onClose()}>Cancel</Button>
          <Button class="btn primary" type="submit">Save rule</Button>
        </footer>
      </form>
    </Modal>
  );
}
