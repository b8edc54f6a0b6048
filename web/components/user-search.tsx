/**
 * Find a person by name, email or login (searched in the worker) and pick one to inspect.
 * A plain ARIA combobox: the results list updates as you type; arrows and Enter choose.
 */
import { createSignal, For, Show } from "solid-js";
import type { UserRef } from "../worker/contract.ts";

export function UserSearch(props: {
  search: (q: string) => Promise<UserRef[]>;
  onPick: (u: UserRef) => void;
  /** default "Explain a decision: find a person" */
  label?: string;
  /** keeps element ids unique when a page has more than one search (default "user") */
  idPrefix?: string;
}) {
  const id = (suffix: string) => `${props.idPrefix ?? "user"}-${suffix}`;
  const [query, setQuery] = createSignal("");
  const [results, setResults] = createSignal<UserRef[]>([]);
  const [active, setActive] = createSignal(0);
  let asked = 0;

  async function onInput(q: string) {
    setQuery(q);
    const mine = ++asked;
    const found = q.trim().length < 2 ? [] : await props.search(q);
    if (mine === asked) {
      setResults(found);
      setActive(0);
    }
  }
  function pick(u: UserRef) {
    props.onPick(u);
    setResults([]);
  }
  function onKey(e: KeyboardEvent) {
    const n = results().length;
    if (e.key === "ArrowDown" && n) (e.preventDefault(), setActive((active() + 1) % n));
    else if (e.key === "ArrowUp" && n) (e.preventDefault(), setActive((active() - 1 + n) % n));
    else if (e.key === "Enter" && n) (e.preventDefault(), pick(results()[active()]));
    else if (e.key === "Escape") setResults([]);
  }

  return (
    <div class="user-search">
      <label for={id("search-input")} class="field-label">{props.label ?? "Explain a decision: find a person"}</label>
      <input
        id={id("search-input")}
        class="input"
        role="combobox"
        aria-expanded={results().length > 0}
        aria-controls={id("search-results")}
        aria-autocomplete="list"
        aria-activedescendant={results().length ? id(`result-${active()}`) : undefined}
        placeholder="Name, email or login"
        value={query()}
        onInput={(e) => void onInput(e.currentTarget.value)}
        onKeyDown={onKey}
        autocomplete="off"
      />
      <Show when={results().length > 0}>
        <ul id={id("search-results")} role="listbox" class="search-results" aria-label="Matching people">
          <For each={results()}>
            {(u, i) => (
              <li
                id={id(`result-${i()}`)}
                role="option"
                aria-selected={i() === active()}
                classList={{ active: i() === active() }}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(u)}
              >
                {u.name} <span class="muted">{u.email ?? u.login ?? u.id}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
