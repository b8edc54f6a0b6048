/**
 * A searchable multi-select over possibly thousands of options, as an ARIA 1.2 combobox
 * with a multi-selectable listbox. Only the first `limit` matches of the typed text are
 * rendered, so it stays fast; chosen options show as removable chips.
 *
 * Keyboard: type to filter, ↓/↑ move, Enter toggles, Escape closes the list (and only the
 * list: it does not reach an enclosing dialog). Written by hand rather than with Kobalte's
 * Combobox, whose selection is derived from the rendered collection and so drops chosen
 * options a query hides.
 */
import { createMemo, createSignal, createUniqueId, For, Show } from "solid-js";

export interface PickerOption {
  id: string;
  name: string;
}

/** The first `limit` options whose name or id contains the query (case-insensitive). */
export function matchOptions(all: readonly PickerOption[], query: string, limit: number): { shown: PickerOption[]; total: number } {
  const q = query.trim().toLowerCase();
  let total = 0;
  const shown: PickerOption[] = [];
  for (const o of all) {
    if (q && !o.name.toLowerCase().includes(q) && !o.id.toLowerCase().includes(q)) continue;
    total++;
    if (shown.length < limit) shown.push(o);
  }
  return { shown, total };
}

export interface MultiPickerProps {
  label: string;
  options: readonly PickerOption[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  placeholder?: string;
  limit?: number;
}

export function MultiPicker(props: MultiPickerProps) {
  const id = createUniqueId();
  const [query, setQuery] = createSignal("");
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(0);
  const byId = createMemo(() => new Map(props.options.map((o) => [o.id, o])));
  const chosen = createMemo(() => new Set(props.selected));
  const selectedOptions = createMemo(() => props.selected.map((sid) => byId().get(sid) ?? { id: sid, name: `unknown (${sid})` }));
  const matches = createMemo(() => matchOptions(props.options, query(), props.limit ?? 50));
  const optionId = (i: number) => `${id}-option-${i}`;

  const toggle = (o: PickerOption) =>
    props.onChange(chosen().has(o.id) ? props.selected.filter((x) => x !== o.id) : [...props.selected, o.id]);

  function onKeyDown(e: KeyboardEvent) {
    const n = matches().shown.length;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open()) return setOpen(true);
      if (n) setActive((active() + 1) % n);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (n) setActive((active() - 1 + n) % n);
    } else if (e.key === "Enter") {
      if (!open() || !n) return;
      e.preventDefault(); // never submit the surrounding form from the picker
      toggle(matches().shown[Math.min(active(), n - 1)]);
    } else if (e.key === "Escape" && open()) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === "Backspace" && query() === "" && props.selected.length) {
      props.onChange(props.selected.slice(0, -1));
    }
  }

  return (
    <div class="picker">
      <label class="field-label" for={`${id}-input`}>{props.label}</label>
      <div class="picker-control">
        <ul class="chips" aria-label={`Chosen ${props.label.toLowerCase()}`}>
          <For each={selectedOptions()}>
            {(o) => (
              <li class="chip">
                {o.name}
                <button
                  type="button"
                  aria-label={`Remove ${o.name}`}
                  onClick={() => props.onChange(props.selected.filter((x) => x !== o.id))}
                >
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
        <input
          id={`${id}-input`}
          class="picker-input"
          role="combobox"
          aria-expanded={open()}
          aria-controls={`${id}-listbox`}
          aria-autocomplete="list"
          aria-activedescendant={open() && matches().shown.length ? optionId(active()) : undefined}
          autocomplete="off"
          placeholder={props.placeholder ?? "Type to search…"}
          value={query()}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          on:keydown={onKeyDown /* native, not delegated: Escape must stop here */}
        />
      </div>
      <Show when={open()}>
        <div class="picker-content" onMouseDown={(e) => e.preventDefault()}>
          <ul id={`${id}-listbox`} role="listbox" aria-multiselectable="true" aria-label={props.label} class="picker-listbox">
            <For each={matches().shown} fallback={<li class="picker-more">No matches.</li>}>
              {(o, i) => (
                <li
                  id={optionId(i())}
                  role="option"
                  aria-selected={chosen().has(o.id)}
                  classList={{ "picker-item": true, active: i() === active() }}
                  onClick={() => toggle(o)}
                  onMouseMove={() => setActive(i())}
                >
                  <span>{o.name}</span>
                  <Show when={chosen().has(o.id)}>
                    <span class="picker-check" aria-hidden="true">✓</span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
          <Show when={matches().total > matches().shown.length}>
            <p class="picker-more">
              Showing {matches().shown.length} of {matches().total.toLocaleString("en-US")} matches; type more to narrow.
            </p>
          </Show>
        </div>
      </Show>
    </div>
  );
}
