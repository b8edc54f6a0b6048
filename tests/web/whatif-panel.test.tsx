// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WhatIfPanel } from "../../web/components/whatif-panel.tsx";
import { VirtualList, visibleRange } from "../../web/components/virtual-list.tsx";
import type { PropertySummary, UserRef } from "../../web/worker/contract.ts";

afterEach(cleanup);

const person = (i: number): UserRef => ({ id: `00u${i}`, name: `Person ${i}`, email: `p${i}@example.com`, login: null });
const summary = (lost: number, first = Math.min(lost, 50)): PropertySummary => ({
  locationUuid: "loc-hq",
  synced: 12345,
  gained: 10,
  lost,
  changed: 3,
  ruleCounts: [],
  findings: [],
  losers: { total: lost, first: Array.from({ length: first }, (_, i) => person(i)) },
  gainers: { total: 0, first: [] },
});
const stat = (name: string) => document.querySelector(`[data-stat="${name}"]`)?.textContent;

describe("<WhatIfPanel>", () => {
  it("shows the numbers vs published and vs current Genea", () => {
    render(() => (
      <WhatIfPanel
        summary={summary(2)}
        vsCurrent={{ adds: 7, removes: 1, changes: 0 }}
        vsCurrentStale={false}
        hasPublished
        loadLosers={async () => []}
        onInspect={() => {}}
      />
    ));
    expect([stat("synced"), stat("gained"), stat("lost"), stat("changed")]).toEqual(["12,345", "10", "2", "3"]);
    expect([stat("adds"), stat("removes"), stat("changes")]).toEqual(["7", "1", "0"]);
  });

  it("says when the Genea comparison is being redone", () => {
    render(() => (
      <WhatIfPanel
        summary={summary(0)}
        vsCurrent={{ adds: 7, removes: 1, changes: 0 }}
        vsCurrentStale
        hasPublished
        loadLosers={async () => []}
        onInspect={() => {}}
      />
    ));
    expect(screen.getByText("(updating…)")).toBeTruthy();
    expect(screen.getByText("Nobody loses access here.")).toBeTruthy();
  });

  it("lists who loses access, opens a person's trace, and pages in everyone on request", async () => {
    const onInspect = vi.fn();
    const loadLosers = vi.fn(async (offset: number, limit: number) => Array.from({ length: limit }, (_, i) => person(offset + i)));
    const big = summary(5000);
    render(() => (
      <WhatIfPanel summary={big} vsCurrent={undefined} vsCurrentStale={false} hasPublished loadLosers={loadLosers} onInspect={onInspect} />
    ));
    expect(screen.getByRole("heading", { name: "Who would lose access (5,000)" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /^Person 0 .*: why this person loses access$/ }));
    expect(onInspect).toHaveBeenCalledWith(person(0));
    fireEvent.click(screen.getByRole("button", { name: "Show all 5,000" }));
    expect(loadLosers).toHaveBeenCalledWith(0, 5000);
    await waitFor(() => expect(screen.getAllByRole("listitem")[0].getAttribute("aria-setsize")).toBe("5000"));
    const items = screen.getAllByRole("listitem");
    expect(items.length).toBeLessThan(30); // virtualized: only the rows in view exist
    expect(items[0].getAttribute("aria-setsize")).toBe("5000");
  });
});

describe("<VirtualList>", () => {
  it.each([
    [0, 100, 10, 1000, 2, { start: 0, end: 12 }],
    [500, 100, 10, 1000, 2, { start: 48, end: 62 }],
    [9950, 100, 10, 1000, 2, { start: 993, end: 1000 }],
  ])("visibleRange(scrollTop %i, height %i, row %i, count %i, overscan %i)", (top, h, row, count, over, expected) => {
    expect(visibleRange(top, h, row, count, over)).toEqual(expected);
  });

  it("renders only the rows in view of 100,000 and follows scrolling", () => {
    const items = Array.from({ length: 100_000 }, (_, i) => i);
    render(() => (
      <VirtualList items={items} label="Numbers" rowHeight={20} height={200} overscan={0}>{(n) => <span>row {n}</span>}</VirtualList>
    ));
    expect(screen.getAllByRole("listitem")).toHaveLength(10);
    const list = screen.getByRole("list", { name: "Numbers" });
    list.scrollTop = 20_000;
    fireEvent.scroll(list);
    expect(screen.getAllByRole("listitem")[0].textContent).toBe("row 1000");
  });
});
