/** One condition in the rule dialog: group membership, a profile attribute, or Okta status. */
import { Button } from "@kobalte/core/button";
import { Checkbox } from "@kobalte/core/checkbox";
import { TextField } from "@kobalte/core/text-field";
import { For, Match, Switch as Case } from "solid-js";
import { OKTA_STATUSES, type OktaStatus } from "../../shared/directory/model.ts";
import { ATTRIBUTE_OPS, type AttributeOp } from "../../shared/rules/model.ts";
import { ATTRIBUTE_OP_LABELS, attributeOpTakes, type ConditionForm, formToCondition, GROUP_OP_LABELS } from "../state/rule-form.ts";
import { patternProblems } from "../state/rule-problems.ts";
import { Choice } from "./choice.tsx";
import { MultiPicker, type PickerOption } from "./multi-picker.tsx";

const KIND_OPTIONS = [
  { value: "group", label: "Okta group membership" },
  { value: "attribute", label: "Profile attribute" },
  { value: "status", label: "Okta user status" },
] as const;
// Built once: the pickers compare options by identity.
const GROUP_OP_OPTIONS = (["any", "all", "none"] as const).map((o) => ({ value: o, label: GROUP_OP_LABELS[o] }));
const ATTRIBUTE_OP_OPTIONS = ATTRIBUTE_OPS.map((o) => ({ value: o, label: ATTRIBUTE_OP_LABELS[o] }));

export function ConditionEditor(props: {
  index: number;
  form: ConditionForm;
  groups: readonly PickerOption[];
  attributes: readonly string[];
  onChange: (patch: Partial<ConditionForm>) => void;
  onRemove: () => void;
}) {
  const n = () => props.index + 1;
  /** Said while typing, not only on save: the engine refuses invalid and unsafe patterns. */
  const patternProblem = () =>
    props.form.kind === "attribute" && props.form.attributeOp === "matches" && props.form.value !== ""
      ? (patternProblems([formToCondition(props.form)])[0]?.replace(/^Condition 1, pattern: /, "") ?? null)
      : null;
  const listId = () => `attribute-keys-${props.index}`;
  const toggleStatus = (s: OktaStatus, on: boolean) =>
    props.onChange({ statuses: on ? [...props.form.statuses, s] : props.form.statuses.filter((x) => x !== s) });

  return (
    <fieldset class="condition" aria-label={`Condition ${n()}`}>
      <legend>Condition {n()}</legend>
      <Choice label="Kind" options={KIND_OPTIONS} value={props.form.kind} onChange={(kind) => props.onChange({ kind })} />
      <Case>
        <Match when={props.form.kind === "group"}>
          <Choice
            label="Membership"
            options={GROUP_OP_OPTIONS}
            value={props.form.groupOp}
            onChange={(groupOp) => props.onChange({ groupOp })}
          />
          <MultiPicker
            label={`Okta groups for condition ${n()}`}
            options={props.groups}
            selected={props.form.groupIds}
            onChange={(groupIds) => props.onChange({ groupIds })}
            placeholder="Search Okta groups…"
          />
        </Match>
        <Match when={props.form.kind === "attribute"}>
          <TextField class="field" value={props.form.attribute} onChange={(attribute) => props.onChange({ attribute })}>
            <TextField.Label class="field-label">Attribute (profile key)</TextField.Label>
            <TextField.Input class="input" list={listId()} autocomplete="off" />
            <TextField.Description class="hint">Pick a known key or type a custom one.</TextField.Description>
          </TextField>
          <datalist id={listId()}>
            <For each={props.attributes}>{(a) => <option value={a} />}</For>
          </datalist>
          <Choice
            label="Operator"
            options={ATTRIBUTE_OP_OPTIONS}
            value={props.form.attributeOp}
            onChange={(attributeOp: AttributeOp) => props.onChange({ attributeOp })}
          />
          <Case>
            <Match when={attributeOpTakes(props.form.attributeOp) === "one"}>
              <TextField
                class="field"
                value={props.form.value}
                onChange={(value) => props.onChange({ value })}
                validationState={patternProblem() ? "invalid" : "valid"}
              >
                <TextField.Label class="field-label">
                  {props.form.attributeOp === "matches" ? "Pattern (regular expression)" : "Value"}
                </TextField.Label>
                <TextField.Input class="input" />
                <TextField.ErrorMessage class="error">{patternProblem()}</TextField.ErrorMessage>
              </TextField>
            </Match>
            <Match when={attributeOpTakes(props.form.attributeOp) === "many"}>
              <TextField class="field" value={props.form.values} onChange={(values) => props.onChange({ values })}>
                <TextField.Label class="field-label">Values, one per line</TextField.Label>
                <TextField.TextArea class="input" rows={3} />
              </TextField>
            </Match>
          </Case>
          <Checkbox class="checkbox" checked={props.form.caseSensitive} onChange={(caseSensitive) => props.onChange({ caseSensitive })}>
            <Checkbox.Input />
            <Checkbox.Control class="checkbox-control">
              <Checkbox.Indicator>✓</Checkbox.Indicator>
            </Checkbox.Control>
            <Checkbox.Label>Case-sensitive</Checkbox.Label>
          </Checkbox>
        </Match>
        <Match when={props.form.kind === "status"}>
          <div role="group" aria-label="Statuses" class="statuses">
            <For each={OKTA_STATUSES}>
              {(s) => (
                <Checkbox class="checkbox" checked={props.form.statuses.includes(s)} onChange={(on) => toggleStatus(s, on)}>
                  <Checkbox.Input />
                  <Checkbox.Control class="checkbox-control">
                    <Checkbox.Indicator>✓</Checkbox.Indicator>
                  </Checkbox.Control>
                  <Checkbox.Label>{s}</Checkbox.Label>
                </Checkbox>
              )}
            </For>
          </div>
        </Match>
      </Case>
      <Button class="btn small danger" onClick={props.onRemove} aria-label={`Remove condition ${n()}`}>Remove condition</Button>
    </fieldset>
  );
}
