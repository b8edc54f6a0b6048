/**
 * A tiny fixed-row-height virtual list: renders only the rows in view (plus a small
 * overscan) so lists of 100,000 entries stay cheap. Rows are `role="listitem"` inside a
 * scrollable `role="list"` with an accessible label.
 */
import { createMemo, createSignal, For, type JSX } from "solid-js";

export interface VirtualListProps<T> {
  items: readonly T[];
  /** the list's accessible name */
  label: string;
  rowHeight: number;
  /** visible height in px */
  height: number;
  overscan?: number;
  children: (item: T, index: number) => JSX.Element;
}

export function visibleRange(scrollTop: number, height: number, rowHeight: number, count: number, overscan: number) {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return { start, end };
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const [scrollTop, setScrollTop] = createSignal(0);
  const range = createMemo(() =>
    visibleRange(scrollTop(), props.height, props.rowHeight, props.items.length, props.overscan ?? 4),
  );
  const rows = createMemo(() => {
    const { start, end } = range();
    const out: { item: T; index: number }[] = [];
    for (let i = start; i < end; i++) out.push({ item: props.items[i], index: i });
    return out;
  });
  return (
    <div
      class="virtual-list"
      role="list"
      aria-label={props.label}
      tabIndex={0}
      style={{ height: `${props.height}px`, overflow: "auto", position: "relative" }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: `${props.items.length * props.rowHeight}px`, position: "relative" }}>
        <For each={rows()}>
          {(row) => (
            <div
              role="listitem"
              aria-setsize={props.items.length}
              aria-posinset={row.index + 1}
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
