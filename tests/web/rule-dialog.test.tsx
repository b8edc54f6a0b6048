// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RuleDialog } from "../../web/components/rule-dialog.tsx";
import { newRuleForm, ruleToForm } from "../../web/state/rule-form.ts";
import type { Rule } from "../../shared/rules/model.ts";
import { grantRule, HQ, LAB, ROLE_USER, webCatalog } from "../support/web-factories.ts";

afterEach(cleanup);

const groups = Array.from({ length: 3000 }, (_, i) => ({ id: `00g${i}`, name: `Team ${i}` }));

function open(initial = newRuleForm("rule-1", ROLE_USER), propertyUuid = HQ) {
  const onSave = vi.fn<(r: Rule) => void>();
  const onClose = vi.fn();
  render(() => (
    <RuleDialog
      open
      title="Add a rule"
      initial={initial}
      propertyUuid={propertyUuid}
      catalog={webCatalog()}
      groups={groups}
      attributes={["department", "title"]}
      onSave={onSave}
      onClose={onClose}
    />
  ));
  return { onSave, onClose };
}

function pick(name: RegExp | string, optionText: string, query?: string) {
  const input = screen.getByRole("combobox", { name });
  fireEvent.focus(input);
  if (query) fireEvent.input(input, { target: { value: query } });
  const option = screen.getAllByRole("option").find((o) => o.textContent?.includes(optionText))!;
  fireEvent.click(option);
}

describe("<RuleDialog>", () => {
  it("keeps the dialog open with a sentence naming the field when input is invalid", () => {
    const { onSave } = open();
    fireEvent.click(screen.getByRole("button", { name: "Save rule" }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toMatch(/Condition 1, groups/);
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("builds a grant rule from the condition builder and the actions", () => {
    const { onSave } = open();
    fireEvent.input(screen.getByLabelText("Rule name"), { target: { value: "Team 7 staff" } });
    pick(/Okta groups for condition 1/, "Team 7", "Team 7");
    pick("Access groups", "HQ Server room");
    fireEvent.click(screen.getByRole("button", { name: "Save rule" }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0][0]).toEqual({
      id: "rule-1",
      name: "Team 7 staff",
      enabled: true,
      match: "all",
      conditions: [{ kind: "group", op: "any", groupIds: ["00g7"] }],
      actions: { kind: "grant", accessGroupIds: ["ag-hq-lab"], roleId: ROLE_USER, mobileKey: true, wallet: false },
    });
  });

  it("offers only the property's access groups", () => {
    open(newRuleForm("rule-1", ROLE_USER), LAB);
    fireEvent.focus(screen.getByRole("combobox", { name: "Access groups" }));
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([expect.stringContaining("Lab doors")]);
  });

  it.each([
    [HQ, true],
    [LAB, false],
  ])("offers the Apple Wallet switch only where the property has Wallet (%s)", (property, shown) => {
    open(newRuleForm("rule-1", ROLE_USER), property);
    expect(screen.queryByText("Apple Wallet pass") !== null).toBe(shown);
  });

  it("saves an exclusion without access groups", () => {
    const { onSave } = open({ ...ruleToForm(grantRule("r9", [])), name: "Contractors" });
    fireEvent.click(screen.getByRole("radio", { name: "Exclude: do not sync" }));
    fireEvent.click(screen.getByRole("button", { name: "Save rule" }));
    expect(onSave.mock.calls[0][0].actions).toEqual({ kind: "exclude" });
  });

  it("adds and removes conditions", () => {
    open();
    fireEvent.click(screen.getByRole("button", { name: "Add condition" }));
    expect(screen.getAllByRole("group", { name: /^Condition \d$/ })).toHaveLength(2);
    fireEvent.click(screen.getByRole("button", { name: "Remove condition 1" }));
    fireEvent.click(screen.getByRole("button", { name: "Remove condition 1" }));
    expect(screen.getByText(/No conditions: this rule matches everyone/)).toBeTruthy();
  });
});

describe("<RuleDialog> unsaved changes", () => {
  it("does not close on Escape once something was typed, and says why", () => {
    const { onClose } = open();
    fireEvent.input(screen.getByLabelText("Rule name"), { target: { value: "Half-written" } });
    fireEvent.keyDown(screen.getByLabelText("Rule name"), { key: "Escape" });
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByText(/unsaved changes/)).toBeTruthy();
  });

  it("closes on Escape when nothing changed", () => {
    const { onClose } = open();
    fireEvent.keyDown(screen.getByLabelText("Rule name"), { key: "Escape" });
    expect(onClose).toHaveBeenCalled();
  });
});
