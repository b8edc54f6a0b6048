// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RuleTable } from "../../web/components/rule-table.tsx";
import { moveRule } from "../../web/state/rule-ops.ts";
import type { Finding } from "../../web/worker/contract.ts";
import type { Rule } from "../../shared/rules/model.ts";
import { excludeRule, grantRule, GROUP_ENG, HQ, inGroup, ruleSetOf, webCatalog } from "../support/web-factories.ts";

afterEach(cleanup);

const names = () => screen.getAllByRole("row").slice(1).map((r) => within(r).getAllByRole("cell")[2].textContent);
const handle = (name: string) => screen.getByRole("button", { name: new RegExp(`^Reorder rule "${name}"`) });
const live = () => screen.getByTestId("reorder-live").textContent;

function mount(opts: { findings?: Finding[]; counts?: number[] } = {}) {
  const [set, setSet] = createSignal(
    ruleSetOf({
      [HQ]: [
        grantRule("a", [inGroup(GROUP_ENG)], { name: "Alpha" }),
        grantRule("b", [], { name: "Bravo" }, ["ag-hq-main", "ag-hq-lab"]),
        excludeRule("c", []),
      ],
    }),
  );
  const spies = { onEdit: vi.fn(), onDuplicate: vi.fn(), onToggle: vi.fn(), onDelete: vi.fn() };
  render(() => (
    <RuleTable
      rules={set().properties[HQ].rules}
      counts={opts.counts}
      findings={opts.findings ?? []}
      catalog={webCatalog()}
      groupNames={new Map([[GROUP_ENG, "Engineering"]])}
      onMove={(from, to) => setSet(moveRule(set(), HQ, from, to))}
      {...spies}
    />
  ));
  return spies;
}

describe("<RuleTable>", () => {
  it("summarises each rule in words: conditions, groups, role, mobile badges, users decided", () => {
    mount({ counts: [1200, 35, 0] });
    const rows = screen.getAllByRole("row").slice(1).map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
    expect(rows[0].slice(1, 8)).toEqual(["1", "Alpha", "member of any of Engineering", "HQ Main doors", "User", "BLE", "1,200"]);
    expect(rows[1][4]).toBe("HQ Main doors, HQ Server room");
    expect(rows[1][3]).toBe("everyone");
    expect(rows[2].slice(4, 7)).toEqual(["excluded: not synced", "—", "—"]);
  });

  it("reorders from the keyboard: Space lifts, arrows move, Space drops, each step announced", () => {
    mount();
    const h = screen.getByRole("button", { name: /^Reorder rule "Exclude c"/ });
    fireEvent.keyDown(h, { key: " " });
    expect(live()).toMatch(/Lifted rule "Exclude c", priority 3 of 3/);
    fireEvent.keyDown(h, { key: "ArrowUp" });
    expect(live()).toMatch(/moved to priority 2 of 3/);
    expect(names()).toEqual(["Alpha", "Exclude c", "Bravo"]);
    fireEvent.keyDown(screen.getByRole("button", { name: /^Reorder rule "Exclude c"/ }), { key: "ArrowUp" });
    fireEvent.keyDown(screen.getByRole("button", { name: /^Reorder rule "Exclude c"/ }), { key: " " });
    expect(live()).toMatch(/dropped at priority 1 of 3/);
    expect(names()).toEqual(["Exclude c", "Alpha", "Bravo"]);
  });

  it("puts the rule back where it was on Escape", () => {
    mount();
    fireEvent.keyDown(handle("Alpha"), { key: "Enter" });
    fireEvent.keyDown(handle("Alpha"), { key: "ArrowDown" });
    expect(names()).toEqual(["Bravo", "Alpha", "Exclude c"]);
    fireEvent.keyDown(handle("Alpha"), { key: "Escape" });
    expect(names()).toEqual(["Alpha", "Bravo", "Exclude c"]);
    expect(live()).toMatch(/Reorder cancelled/);
  });

  it.each([
    ["Alt+ArrowDown moves down at once", "Alpha", "ArrowDown", ["Bravo", "Alpha", "Exclude c"]],
    ["Alt+ArrowUp moves up at once", "Bravo", "ArrowUp", ["Bravo", "Alpha", "Exclude c"]],
    ["Alt+ArrowUp on the first rule does nothing", "Alpha", "ArrowUp", ["Alpha", "Bravo", "Exclude c"]],
  ])("%s", (_, name, key, expected) => {
    mount();
    fireEvent.keyDown(handle(name), { key, altKey: true });
    expect(names()).toEqual(expected);
  });

  it("shows lint findings at the rule they concern", () => {
    mount({
      findings: [{
        severity: "error",
        code: "unknown-okta-group",
        message: "Rule Alpha refers to unknown group",
        path: "x",
        propertyUuid: HQ,
        ruleId: "a",
      }],
    });
    const row = screen.getAllByRole("row")[1];
    expect(row.className).toMatch(/has-error/);
    // In the page as text, not only in a tooltip.
    const list = within(row).getByRole("list", { name: 'Findings for rule "Alpha"' });
    expect(list.textContent).toBe("Error: Rule Alpha refers to unknown group");
    expect(row.querySelector("[title]")).toBeNull();
  });

  it("announces the rule Alt+Arrow moved, not the one it swapped with", () => {
    mount();
    fireEvent.keyDown(handle("Bravo"), { key: "ArrowUp", altKey: true });
    expect(names()[0]).toBe("Bravo");
    expect(live()).toBe('rule "Bravo" moved to priority 1 of 3.');
  });

  it("puts a lifted row back when Tab leaves its handle", () => {
    mount();
    fireEvent.keyDown(handle("Alpha"), { key: " " });
    fireEvent.keyDown(handle("Alpha"), { key: "ArrowDown" });
    expect(document.querySelectorAll("tr.lifted").length).toBe(1);
    fireEvent.keyDown(handle("Alpha"), { key: "Tab" });
    expect(document.querySelectorAll("tr.lifted").length).toBe(0);
    expect(names()).toEqual(["Alpha", "Bravo", "Exclude c"]);
    expect(live()).toMatch(/^Reorder cancelled/);
  });

  it("routes edit, duplicate, enable and delete to their handlers", () => {
    const spies = mount();
    fireEvent.click(screen.getByRole("button", { name: 'Edit rule "Bravo"' }));
    fireEvent.click(screen.getByRole("button", { name: 'Duplicate rule "Bravo"' }));
    fireEvent.click(screen.getByRole("button", { name: 'Delete rule "Alpha"' }));
    fireEvent.click(screen.getByRole("switch", { name: 'Enable rule "Alpha"' }));
    expect((spies.onEdit.mock.calls[0][0] as Rule).id).toBe("b");
    expect(spies.onDuplicate).toHaveBeenCalledWith("b");
    expect((spies.onDelete.mock.calls[0][0] as Rule).id).toBe("a");
    expect(spies.onToggle).toHaveBeenCalledWith("a", false);
  });
});
