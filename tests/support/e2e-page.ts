/**
 * Helpers the Chromium suites share: screenshots with an axe check, reading the what-if
 * numbers and rule names, adding an office rule by mouse, where focus is, whether Tab reaches
 * every control, and whether the page scrolls sideways.
 */
import { expect } from "vitest";
import type { Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";

/** Where the suites save their screenshots (test artifacts). */
export const SHOTS = ".cache/e2e-screenshots";

export async function stat(page: Page, name: string): Promise<number> {
  const text = await page.locator(`[data-stat="${name}"]`).first().textContent();
  return Number((text ?? "").replace(/[^0-9]/g, ""));
}
export const ruleNames = (page: Page) =>
  page.locator("tbody tr[data-rule] td:nth-child(3)").evaluateAll((tds) => tds.map((td) => td.childNodes[0]?.textContent ?? ""));
export const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return {
      label: a?.getAttribute("aria-label") ?? a?.textContent?.trim() ?? "",
      inDialog: !!a?.closest("[role=dialog]"),
      tag: a?.tagName ?? "",
    };
  });

/** Screenshot and axe check of the page as it is now. */
export async function check(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150); // let transitions (tab indicator, dialog) settle before measuring contrast
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

/** Add "Staff at <office>": the office's Okta group, the property's "All Doors", by mouse. */
export async function addOfficeRule(page: Page, office: string, wallet: boolean) {
  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Rule name").fill(`Staff at ${office}`);
  await dialog.getByRole("combobox", { name: /Okta groups for condition 1/ }).fill(`Office - ${office}`);
  await dialog.getByRole("option", { name: `Office - ${office}` }).click();
  await dialog.getByRole("combobox", { name: "Access groups" }).fill("All Doors");
  await dialog.getByRole("option", { name: "All Doors" }).click();
  await dialog.getByRole("heading").first().click();
  const walletSwitch = dialog.getByRole("switch", { name: "Apple Wallet pass" });
  expect(await walletSwitch.count()).toBe(wallet ? 1 : 0);
  if (wallet) await dialog.getByText("Apple Wallet pass").click();
  await dialog.getByRole("button", { name: "Save rule" }).click();
  await dialog.waitFor({ state: "detached" });
}

/**
 * Tab from the top of the page through everything: every visible, enabled control (links,
 * buttons, fields, the checked radio of a group, the selected tab) must receive focus.
 * Returns the labels of those that never did.
 */
export async function unreachableByTab(page: Page): Promise<{ controls: number; missed: string[] }> {
  const count = await page.evaluate(() => {
    const all = [...document.querySelectorAll<HTMLElement>("a[href], button, input, textarea, select, [tabindex]")];
    const wanted = all.filter((el) => {
      if (el.matches(":disabled") || el.tabIndex < 0 || el.closest("[inert], [aria-hidden=true]")) return false;
      if (el instanceof HTMLInputElement && el.type === "radio" && !el.checked) return false;
      const box = el.getBoundingClientRect();
      return el.checkVisibility() && box.width > 0 && box.height > 0;
    });
    wanted.forEach((el, i) => el.setAttribute("data-kb", String(i)));
    return wanted.length;
  });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen = new Set<string>();
  for (let i = 0; i < count + 10; i++) {
    await page.keyboard.press("Tab");
    const kb = await page.evaluate(() => document.activeElement?.getAttribute("data-kb") ?? null);
    if (kb !== null) seen.add(kb);
  }
  const missed = await page.evaluate((got) => {
    const missed = [...document.querySelectorAll<HTMLElement>("[data-kb]")].filter((el) => !got.includes(el.getAttribute("data-kb")!));
    document.querySelectorAll("[data-kb]").forEach((el) => el.removeAttribute("data-kb"));
    return missed.map((el) => el.getAttribute("aria-label") || el.textContent?.trim() || el.outerHTML.slice(0, 80));
  }, [...seen]);
  return { controls: count, missed };
}

export async function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}
