// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import { matchOptions, MultiPicker } from "../../web/components/multi-picker.tsx";

afterEach(cleanup);

const many = Array.from({ length: 5000 }, (_, i) => ({ id: `00g${i}`, name: `Team ${i}` }));

describe("matchOptions()", () => {
  it.each([
    ["everything for an empty query, capped", "", 50, 5000],
    ["case-insensitive name matches", "TEAM 49", 50, 111],
    ["id matches", "00g4999", 1, 1],
    ["nothing for a miss", "zebra", 0, 0],
  ])("returns %s", (_, q, shown, total) => {
    const r = matchOptions(many, q, 50);
    expect(r.shown).toHaveLength(shown);
    expect(r.total).toBe(total);
  });
});

describe("<MultiPicker>", () => {
  it("shows only the first matches of thousands and adds the one picked", async () => {
    const [selected, setSelected] = createSignal<string[]>([]);
    render(() => <MultiPicker label="Okta groups" options={many} selected={selected()} onChange={setSelected} limit={20} />);
    const input = screen.getByRole("combobox", { name: "Okta groups" });
    fireEvent.focus(input);
    fireEvent.input(input, { target: { value: "Team 12" } });
    const options = await screen.findAllByRole("option");
    expect(options.length).toBeLessThanOrEqual(20);
    expect(screen.getByText(/Showing 20 of 111 matches/)).toBeTruthy();
    fireEvent.click(options[0]);
    expect(selected()).toEqual(["00g12"]);
    expect(screen.getByRole("button", { name: "Remove Team 12" })).toBeTruthy();
  });

  it("removes a chosen option with its chip button", () => {
    const [selected, setSelected] = createSignal<string[]>(["00g1", "00g2"]);
    render(() => <MultiPicker label="Okta groups" options={many} selected={selected()} onChange={setSelected} />);
    fireEvent.click(screen.getByRole("button", { name: "Remove Team 1" }));
    expect(selected()).toEqual(["00g2"]);
  });
});

describe("<MultiPicker> keyboard", () => {
  it("filters, moves with the arrows, toggles with Enter and keeps choices the query hides", async () => {
    const [selected, setSelected] = createSignal<string[]>(["00g1"]);
    render(() => <MultiPicker label="Okta groups" options={many} selected={selected()} onChange={setSelected} />);
    const input = screen.getByRole("combobox", { name: "Okta groups" });
    fireEvent.focus(input);
    fireEvent.input(input, { target: { value: "Team 4999" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(selected()).toEqual(["00g1", "00g4999"]);
    fireEvent.input(input, { target: { value: "Team 7" } });
    fireEvent.keyDown(input, { key: "ArrowDown" });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(selected()).toEqual(["00g1", "00g4999", "00g70"]);
    expect(screen.getByRole("option", { name: "Team 70" }).getAttribute("aria-selected")).toBe("true");
  });

  it("closes only its list on Escape, without letting the key reach a dialog", () => {
    render(() => <MultiPicker label="Okta groups" options={many} selected={[]} onChange={() => {}} />);
    const input = screen.getByRole("combobox", { name: "Okta groups" });
    fireEvent.focus(input);
    expect(input.getAttribute("aria-expanded")).toBe("true");
    const seen: string[] = [];
    document.addEventListener("keydown", (e) => seen.push(e.key));
    fireEvent.keyDown(input, { key: "Escape" });
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(seen).toEqual([]);
  });
});
