/** A labelled single choice from a short list (Kobalte Select), keyboard- and screen-reader-friendly. */
import { Select } from "@kobalte/core/select";
import { createMemo } from "solid-js";

export interface ChoiceOption<T extends string> {
  value: T;
  label: string;
}

export function Choice<T extends string>(props: {
  label: string;
  options: readonly ChoiceOption<T>[];
  value: T;
  onChange: (value: T) => void;
  class?: string;
}) {
  const current = createMemo(() => props.options.find((o) => o.value === props.value) ?? null);
  let trigger: HTMLButtonElement | undefined;
  /**
   * Closing removes the listbox that held focus, which leaves focus on the page body (and
   * inside a modal dialog, Tab would then reach what is behind it): give it to the trigger.
   */
  const onOpenChange = (open: boolean) => {
    if (open) return;
    queueMicrotask(() => {
      const a = document.activeElement;
      if (!a || a === document.body || !a.isConnected) trigger?.focus();
    });
  };
  return (
    <Select<ChoiceOption<T>>
      class={`choice ${props.class ?? ""}`}
      options={[...props.options]}
      optionValue="value"
      optionTextValue="label"
      value={current()}
      onChange={(o) => o && props.onChange(o.value)}
      onOpenChange={onOpenChange}
      itemComponent={(p) => (
        <Select.Item item={p.item} class="choice-item">
          <Select.ItemLabel>{p.item.rawValue.label}</Select.ItemLabel>
        </Select.Item>
      )}
    >
      <Select.Label class="field-label">{props.label}</Select.Label>
      <Select.Trigger class="choice-trigger" aria-label={props.label} ref={trigger}>
        <Select.Value<ChoiceOption<T>>>{(s) => s.selectedOption()?.label}</Select.Value>
        <Select.Icon class="choice-icon">▾</Select.Icon>
      </Select.Trigger>
      {/* In place, not portalled: inside a modal dialog a portal would be aria-hidden. */}
      <Select.Content class="choice-content">
        <Select.Listbox class="choice-listbox" />
      </Select.Content>
    </Select>
  );
}
