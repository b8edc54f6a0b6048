// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { createRoot } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type AuditEntry, DEFAULT_SYNC_SETTINGS } from "../../shared/api/sync.ts";
import { ok } from "../../shared/result.ts";
import { BrakeVerdictCard } from "../../web/components/brake-verdict.tsx";
import { ProvisionDialog } from "../../web/components/provision-dialog.tsx";
import { SyncChart } from "../../web/components/sync-chart.tsx";
import { SyncSettingsForm } from "../../web/components/sync-settings-form.tsx";
import { nextActive, VirtualList } from "../../web/components/virtual-list.tsx";
import type { SyncRunView } from "../../shared/api/sync-views.ts";
import { syncRunView } from "../support/web-factories.ts";
import { createSyncSettings } from "../../web/state/sync-settings.ts";
import { createVerdict } from "../../web/state/sync-verdict.ts";

afterEach(cleanup);

const stopped = syncRunView({
  id: "run-1",
  state: "awaiting-approval",
  ruleSetVersion: 2,
  progress: { done: 0, total: 3 },
  entries: 3,
  brake: {
    kind: "removals",
    message: "…",
    properties: [{ propertyUuid: "ny", name: "New York", synced: 90, removals: 2, window: 0, threshold: 25, tripped: true }],
  },
});
const planned = (seq: number, email: string, kind: AuditEntry["kind"] = "removeLocation"): AuditEntry => ({
  runId: "run-1",
  seq,
  at: "2026-12-01T10:00:00.000Z",
  oktaId: `00u${seq}`,
  email,
  geneaUuid: `g${seq}`,
  kind,
  propertyUuid: "ny",
  propertyName: "New York",
  before: "user_location x",
  after: null,
  reason: { kind: "not-granted", ruleId: "closed", ruleName: "Closed", status: null, text: "excluded at New York by rule “Closed”" },
  result: "planned",
  attempts: 0,
  error: null,
});

describe("<BrakeVerdictCard>", () => {
  async function mount() {
    const api = {
      syncOperations: vi.fn(async () =>
        ok({
          entries: [planned(0, "ada@example.com"), planned(1, "bob@example.com"), planned(2, "cy@example.com", "addLocation")],
          next: null,
        })
      ),
    };
    const verdict = createRoot(() => createVerdict({ api, runId: "run-1", verdict: stopped.brake }));
    await verdict.load();
    const onApprove = vi.fn(async () => true);
    const onReject = vi.fn(async () => true);
    const navigate = vi.fn();
    render(() => (
      <BrakeVerdictCard run={stopped} verdict={verdict} busy={false} navigate={navigate} onApprove={onApprove} onReject={onReject} />
    ));
    return { onApprove, onReject, navigate, api };
  }

  it("lists per property who would lose what, and opens a person's history from the list", async () => {
    const { navigate, api } = await mount();
    expect(api.syncOperations).toHaveBeenCalledWith("run-1", { result: "planned" }, -1, 1000);
    const list = screen.getByRole("listbox", { name: "New York: 2 people would lose access" });
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
      "ada@example.comloses access at New Yorkbecause excluded at New York by rule “Closed”",
      "bob@example.comloses access at New Yorkbecause excluded at New York by rule “Closed”",
    ]);
    fireEvent.keyDown(list, { key: "ArrowDown" });
    expect(list.getAttribute("aria-activedescendant")).toBe(screen.getAllByRole("option")[1].id);
    fireEvent.keyDown(list, { key: "Enter" });
    expect(navigate).toHaveBeenCalledWith("/sync/people/00u1");
  });

  it("approves only after a confirmation naming the numbers", async () => {
    const { onApprove } = await mount();
    fireEvent.click(screen.getByRole("button", { name: "Approve…" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toMatch(/Approve removing access for 2 people\?.*2 at New York/);
    expect(onApprove).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Approve: remove access for 2 people" }));
    await waitFor(() => expect(onApprove).toHaveBeenCalledTimes(1));
  });

  it("rejects after saying that nothing is written", async () => {
    const { onReject, onApprove } = await mount();
    fireEvent.click(screen.getByRole("button", { name: "Reject…" }));
    expect((await screen.findByRole("dialog")).textContent).toMatch(/Nothing is written to Genea: the 2 people listed keep their access/);
    fireEvent.click(screen.getByRole("button", { name: "Reject the run" }));
    await waitFor(() => expect(onReject).toHaveBeenCalledTimes(1));
    expect(onApprove).not.toHaveBeenCalled();
  });

  it("explains a shrunken Okta read instead of listing people", () => {
    const run: SyncRunView = {
      ...stopped,
      brake: { kind: "read-shrink", collection: "memberships", before: 5000, after: 3000, message: "…" },
    };
    const verdict = createRoot(() => createVerdict({ api: { syncOperations: vi.fn() }, runId: "run-1", verdict: run.brake }));
    render(() => (
      <BrakeVerdictCard
        run={run}
        verdict={verdict}
        busy={false}
        navigate={() => {}}
        onApprove={async () => true}
        onReject={async () => true}
      />
    ));
    expect(screen.getByTestId("verdict-message").textContent).toMatch(
      /^Okta returned 3,000 memberships where the last complete read had 5,000: 2,000 fewer \(40%\)/,
    );
    expect(screen.queryByRole("listbox")).toBeNull();
  });
});

describe("<VirtualList> as a listbox", () => {
  it.each([
    ["ArrowDown", 0, 1],
    ["ArrowUp", 0, 0],
    ["End", 3, 99],
    ["Home", 50, 0],
    ["PageDown", 95, 99],
    ["PageUp", 5, 0],
    ["Tab", 5, null],
  ])("%s from row %i goes to %s", (key, from, to) => expect(nextActive(key, from, 100, 10)).toBe(to));

  it("is one tab stop: rows are chosen with the keys or a click", () => {
    const onActivate = vi.fn();
    render(() => (
      <VirtualList items={["a", "b", "c"]} label="Letters" rowHeight={20} height={100} onActivate={onActivate}>
        {(x) => <span>{x}</span>}
      </VirtualList>
    ));
    const list = screen.getByRole("listbox", { name: "Letters" });
    expect(list.tabIndex).toBe(0);
    expect(screen.getAllByRole("option").map((o) => o.getAttribute("aria-selected"))).toEqual(["true", "false", "false"]);
    fireEvent.keyDown(list, { key: "End" });
    fireEvent.keyDown(list, { key: " " });
    expect(onActivate).toHaveBeenLastCalledWith("c", 2);
    fireEvent.click(screen.getAllByRole("option")[1]);
    expect(onActivate).toHaveBeenLastCalledWith("b", 1);
  });
});

describe("<SyncSettingsForm>", () => {
  it("shows each refused value's sentence at its field and saves nothing", async () => {
    const api = {
      syncSettings: vi.fn(async () => ok(DEFAULT_SYNC_SETTINGS)),
      saveSyncSettings: vi.fn(async (s: typeof DEFAULT_SYNC_SETTINGS) => ok(s)),
    };
    const store = createRoot(() => createSyncSettings({ api }));
    await store.load();
    render(() => <SyncSettingsForm store={store} />);
    const concurrency = screen.getByLabelText("Genea changes at once") as HTMLInputElement;
    fireEvent.input(concurrency, { target: { value: "64" } });
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText("Genea changes at once must be at most 32.")).toBeTruthy();
    expect(concurrency.getAttribute("aria-invalid")).toBe("true");
    expect(api.saveSyncSettings).not.toHaveBeenCalled();
    fireEvent.input(concurrency, { target: { value: "8" } });
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    await screen.findByText("Settings saved.");
    expect(api.saveSyncSettings).toHaveBeenCalledWith({ ...DEFAULT_SYNC_SETTINGS, concurrency: 8 });
  });
});

describe("<SyncChart>", () => {
  it("draws one line per series through every run, and says what the latest run did", () => {
    const points = [
      { runId: "a", at: "2026-12-01T10:00:00.000Z", additions: 40, changes: 3, removals: 0, errors: 0 },
      { runId: "b", at: "2026-12-02T10:00:00.000Z", additions: 0, changes: 1, removals: 12, errors: 2 },
    ];
    const { container } = render(() => <SyncChart points={points} />);
    const lines = [...container.querySelectorAll("g.series polyline")];
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.getAttribute("points")!.split(" ").length === 2)).toBe(true);
    expect(screen.getByRole("img").getAttribute("aria-label")).toMatch(
      /2 runs .*The latest made 0 additions, 1 changes and 12 removals, with 2 errors\.$/,
    );
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Additions", "Changes", "Removals", "Errors"]);
  });
});

describe("<ProvisionDialog>", () => {
  it("picks people from the directory search and provisions them", async () => {
    const people = [{ id: "00u1", name: "Quinn Newcomer", email: "quinn@example.com", login: null }];
    const onStart = vi.fn(async () => true);
    render(() => (
      <ProvisionDialog
        search={async () => people}
        run={null}
        busy={false}
        error={null}
        navigate={() => {}}
        onStart={onStart}
        onClose={() => {}}
      />
    ));
    const button = screen.getByRole("button", { name: "Provision" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    const search = screen.getByRole("combobox", { name: "Find a person in the Okta directory" });
    fireEvent.input(search, { target: { value: "qu" } });
    await screen.findByRole("option");
    fireEvent.keyDown(search, { key: "Enter" });
    expect(screen.getByRole("list", { name: "People to provision" }).textContent).toMatch(/Quinn Newcomer/);
    fireEvent.click(screen.getByRole("button", { name: "Provision 1 person" }));
    expect(onStart).toHaveBeenCalledWith(["00u1"]);
    expect(await screen.findByText("Starting…")).toBeTruthy();
  });
});
