/** A labelled single choice shown as radio buttons (Kobalte RadioGroup), for two or three options. */
import { RadioGroup } from "@kobalte/core/radio-group";
import { For } from "solid-js";
import type { ChoiceOption } from "./choice.tsx";

export function RadioChoice<T extends string>(props: {
  label: string;
  /** visually hidden label (still read by screen readers) */
  hideLabel?: boolean;
  options: readonly ChoiceOption<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  const pick = (value: string) => {
    const option = props.options.find((o) => o.value === value);
    if (option) props.onChange(option.value);
  };
  return (
    <RadioGroup class="radio-group" value={props.value} onChange={pick}>
      <RadioGroup.Label class={props.hideLabel ? "sr-only" : "field-label"}>{props.label}</RadioGroup.Label>
      <For each={props.options}>
        {(o) => (
          <RadioGroup.Item value={o.value} class="radio">
            <RadioGroup.ItemInput />
            <RadioGroup.ItemControl class="radio-control">
              <RadioGroup.ItemIndicator class="radio-dot" />
            </RadioGroup.ItemControl>
            <RadioGroup.ItemLabel>{o.label}</RadioGroup.ItemLabel>
          </RadioGroup.Item>
        )}
      </For>
    </RadioGroup>
  );
}
