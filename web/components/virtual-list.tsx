/**
 * A tiny fixed-row-height virtual list: renders only the rows in view (plus a small
 * overscan) so lists of 100,000 entries stay cheap. Rows are `role="listitem"` inside a
 * scrollable `role="list"` with an accessible label.
 *
 * With `onActivate` it is one tab stop instead (a `listbox` whose rows are `option`s): the
 * arrow keys, Page Up/Down, Home and End move the active row (scrolled into view) and Enter
 * opens it, as a click does. Focusable things inside rows would make Tab walk every row, and
 * a virtual list grows new rows as it scrolls, so Tab could never leave it.
 */
import { createMemo, createSignal, createUniqueId, For, type JSX } from "solid-js";

export interface VirtualListProps<T> {
  items: readonly T[];
  /** the list's accessible name */
  label: string;
  rowHeight: number;
  /** visible height in px */
  height: number;
  overscan?: number;
  /** makes the rows choosable (listbox mode); rows must then hold no links or buttons */
  onActivate?: (item: T, index: number) => void;
  children: (item: T, index: number) => JSX.Element;
}

export function visibleRange(scrollTop: number, height: number, rowHeight: number, count: number, overscan: number) {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return { start, end };
}

/** The active row after a key, or null when the key does not move it. */
export function nextActive(key: string, active: number, count: number, pageRows: number): number | null {
  const moves: Record<string, number> = {
    ArrowDown: active + 1,
    ArrowUp: active - 1,
    PageDown: active + pageRows,
    PageUp: active - pageRows,
    Home: 0,
    End: count - 1,
  };
  return key in moves && count > 0 ? Math.min(count - 1, Math.max(0, moves[key])) : null;
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const [scrollTop, setScrollTop] = createSignal(0);
  const [active, setActive] = createSignal(0);
  const id = createUniqueId();
  let box: HTMLDivElement | undefined;
  const choosable = () => props.onActivate !== undefined;
  const range = createMemo(() => visibleRange(scrollTop(), props.height, props.rowHeight, props.items.length, props.overscan ?? 4));
  const rows = createMemo(() => {
    const { start, end } = range();
    const out: { item: T; index: number }[] = [];
    for (let i = start; i < end; i++) out.push({ item: props.items[i], index: i });
    return out;
  });
  const current = () => Math.min(active(), Math.max(0, props.items.length - 1));

  function reveal(index: number) {
    if (!box) return;
    const top = index * props.rowHeight;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (top + props.rowHeight > box.scrollTop + props.height) box.scrollTop = top + props.rowHeight - props.height;
    setScrollTop(box.scrollTop);
  }
  function onKeyDown(e: KeyboardEvent) {
    if (!choosable()) return;
    if ((e.key === "Enter" || e.key === " ") && props.items.length > 0) {
      e.preventDefault();
      props.onActivate!(props.items[current()], current());
      return;
    }
    const next = nextActive(e.key, current(), props.items.length, Math.max(1, Math.floor(props.height / props.rowHeight)));
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    reveal(next);
  }

  return (
    <div
      ref={box}
      class={`virtual-list ${choosable() ? "choosable" : ""}`}
      role={choosable() ? "listbox" : "list"}
      aria-label={props.label}
      aria-activedescendant={choosable() && props.items.length > 0 ? `${id}-${current()}` : undefined}
      tabIndex={0}
      style={{ height: `${props.height}px`, overflow: "auto", position: "relative" }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: `${props.items.length * props.rowHeight}px`, position: "relative" }}>
        <For each={rows()}>
          {(row) => (
            <div
              id={choosable() ? `${id}-${row.index}` : undefined}
              role={choosable() ? "option" : "listitem"}
              aria-selected={choosable() ? row.index === current() : undefined}
              aria-setsize={props.items.length}
              aria-posinset={row.index + 1}
              classList={{ active: choosable() && row.index === current() }}
              onClick={() => {
                if (!choosable()) return;
                setActive(row.index);
                props.onActivate!(row.item, row.index);
              }}
              style={{
                position: "absolute",
                top: `${row.index * props.rowHeight}px`,
                height: `${props.rowHeight}px`,
                left: 0,
                right: 0,
              }}
            >
              {props.children(row.item, row.index)}
            </div>
          )}
        </For>
      </div>
    </div>
  );
}
