/**
 * The admin's whole loop in real Chromium against the real edge in demo mode: fresh start →
 * admin setup → connections → rules for all three properties (Wallet where the property has
 * it) → simulation counts → publish, then a publication that removes access (confirmation
 * naming the count, required note) → history, diff, view and rollback → a share link opened
 * in a second browser shows the draft candidate and its diff → a draft conflict between the
 * two browsers. Every main screen and dialog state is checked with axe-core (no serious or
 * critical violation) and saved as a screenshot under .cache/e2e-screenshots/; keyboard
 * paths are driven with the keyboard only; 768 and 1024 px never scroll sideways.
 * Skips only when /usr/bin/chromium is missing.
 */
import { mkdirSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { encodeShareLink } from "../../shared/share/index.ts";
import { launchChromium, type LaunchedBrowser, skipBrowserSuite } from "../support/browser.ts";
import { type EdgeProcess, startEdge } from "../support/edge-process.ts";
import { addOfficeRule, check, focused, noSidewaysScroll, ruleNames, SHOTS, stat, unreachableByTab } from "../support/e2e-page.ts";
import { buildSpa } from "./spa-build.ts";

const PASSWORD = "correct horse battery staple";
const PROPERTIES = ["San Francisco HQ", "New York", "London"] as const;
const WALLET = "San Francisco HQ";

/** Open a dropdown of the dialog with Enter, arrow down to `option`, choose it with Enter. */
async function chooseByKeyboard(page: Page, trigger: RegExp, option: string) {
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: trigger }).focus();
  await page.keyboard.press("Enter");
  await dialog.getByRole("listbox").waitFor();
  for (let i = 0; i < 20; i++) {
    const highlighted = await dialog.locator("[role=option][data-highlighted]").textContent().catch(() => null);
    if (highlighted?.trim() === option) break;
    await page.keyboard.press("ArrowDown");
    await page.waitForTimeout(40);
  }
  await page.keyboard.press("Enter");
  await dialog.getByRole("listbox").waitFor({ state: "detached" });
}

describe.skipIf(skipBrowserSuite())("an admin's whole loop in Chromium (demo mode)", () => {
  let edge: EdgeProcess;
  let first: LaunchedBrowser;
  let second: LaunchedBrowser;
  let page: Page;
  let other: Page;
  let shareLink = "";
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const dist = await buildSpa();
    edge = await startEdge({ env: { DOORSYNC_DIST_DIR: dist } });
    first = await launchChromium();
    page = await first.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (e) => errors.push(`${e.message}\n${e.stack ?? ""}`));
  }, 180_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail") await page?.screenshot({ path: `${SHOTS}/failed-${ctx.task.name.replace(/\W+/g, "-")}.png` });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await edge?.stop();
  });

  it("starts fresh: admin setup, then the rules page with the demo directory", async () => {
    await page.goto(`${edge.url}/`);
    await page.getByRole("heading", { name: /create the first admin/ }).waitFor();
    await check(page, "01-setup");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await page.getByRole("heading", { name: /^Rules for / }).waitFor();
    await expect.poll(() => page.getByTestId("directory-info").textContent(), { timeout: 30_000 }).toMatch(/2,000 users/);
    expect(await page.getByRole("tab").allTextContents()).toEqual([...PROPERTIES]);
    await check(page, "02-rules-empty");
  });

  it("shows both demo connections", async () => {
    await page.getByRole("link", { name: "Connections" }).click();
    await expect.poll(() => page.getByTestId("okta-status").textContent()).toMatch(/^Okta: connected to /);
    await expect.poll(() => page.getByTestId("genea-status").textContent()).toMatch(/^Genea: connected/);
    await check(page, "03-connections");
    await page.getByRole("link", { name: "Rules" }).click();
  });

  it("writes rules for all three properties, Wallet only where the property has it, and the counts follow", async () => {
    for (const office of PROPERTIES) {
      await page.getByRole("tab", { name: office }).click();
      await addOfficeRule(page, office, office === WALLET);
      await expect.poll(() => stat(page, "synced")).toBeGreaterThan(0);
      expect(await stat(page, "gained")).toBe(await stat(page, "synced"));
      expect(await stat(page, "lost")).toBe(0);
    }
    await page.getByRole("tab", { name: WALLET }).click();
    expect(await page.locator("tbody tr[data-rule]").first().textContent()).toMatch(/Apple Wallet/);
    await expect.poll(() => page.getByTestId("save-state").textContent()).toBe("All changes saved");
    expect(await page.getByTestId("unpublished").textContent()).toMatch(/Unpublished changes/);
    await check(page, "04-rules");
  });

  it("adds a rule with the keyboard alone: focus stays in the dialog and returns to Add rule", async () => {
    await page.getByRole("tab", { name: "London" }).click();
    const add = page.getByRole("button", { name: "Add rule" });
    await add.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await check(page, "05-rule-dialog");
    await dialog.getByLabel("Rule name").focus();
    await page.keyboard.type("Contractors by pattern");
    // Kind: a dropdown chosen by keyboard keeps focus on its trigger, inside the dialog.
    await chooseByKeyboard(page, /^Kind/, "Profile attribute");
    expect(await focused(page)).toMatchObject({ inDialog: true, label: "Kind" });
    expect(await dialog.getByRole("button", { name: /^Kind/ }).textContent()).toMatch(/Profile attribute/);
    await page.keyboard.press("Tab");
    expect((await focused(page)).inDialog).toBe(true);
    await dialog.getByLabel("Attribute (profile key)").fill("employeeNumber");
    await chooseByKeyboard(page, /^Operator/, "matches pattern");
    expect(await dialog.getByRole("button", { name: /^Operator/ }).textContent()).toMatch(/matches pattern/);
    expect(await focused(page)).toMatchObject({ inDialog: true, label: "Operator" });
    // An unsafe pattern is refused in the dialog, in words.
    await dialog.getByLabel("Pattern (regular expression)").fill("(a+)+$");
    await expect.poll(() => dialog.getByText(/could take too long to match/).count()).toBeGreaterThan(0);
    await dialog.getByLabel("Pattern (regular expression)").fill("^C-");
    // Tab leaves an open picker and closes its list.
    const groups = dialog.getByRole("combobox", { name: "Access groups" });
    await groups.focus();
    await page.keyboard.type("Lobby");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect((await focused(page)).inDialog).toBe(true);
    expect(await groups.getAttribute("aria-expanded")).toBe("false");
    // Tab never reaches the page behind the dialog.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press("Tab");
      expect((await focused(page)).inDialog).toBe(true);
    }
    await dialog.getByRole("button", { name: "Save rule" }).focus();
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    expect((await focused(page)).label).toBe("Add rule");
    expect(await ruleNames(page)).toEqual(["Staff at London", "Contractors by pattern"]);
  });

  it("reorders with Alt+Arrow and announces the rule that moved; Tab puts a lifted row back", async () => {
    await page.getByRole("button", { name: /^Reorder rule "Contractors by pattern"/ }).focus();
    await page.keyboard.press("Alt+ArrowUp");
    await expect.poll(() => page.getByTestId("reorder-live").textContent()).toBe('rule "Contractors by pattern" moved to priority 1 of 2.');
    await expect.poll(() => ruleNames(page)).toEqual(["Contractors by pattern", "Staff at London"]);
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    expect(await page.locator("tr.lifted").count()).toBe(0);
    await expect.poll(() => ruleNames(page)).toEqual(["Contractors by pattern", "Staff at London"]);
  });

  it("explains a decision in a dialog that gives focus back to the search box", async () => {
    const search = page.getByLabel("Explain a decision: find a person");
    await search.fill("an");
    await page.getByRole("option").first().waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.getByTestId("trace-summary").textContent()).toMatch(/\w/);
    await check(page, "06-trace-dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect((await focused(page)).tag).toBe("INPUT");
  });

  it("publishes version 1 after reviewing who gains access per property", async () => {
    await page.getByRole("link", { name: "Publish" }).click();
    await page.getByRole("heading", { name: "Publish the draft" }).waitFor();
    await expect.poll(() => page.locator("tr[data-property]").count()).toBe(3);
    expect(await page.getByRole("table", { name: "Changes per property" }).textContent()).toMatch(/New York.*\d/);
    await check(page, "07-publish-review");
    await page.getByLabel("Note for the version history").fill("First rules");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: /Published version/ }).textContent()).toMatch(/Published version 1/);
    await expect.poll(() => page.getByTestId("unpublished").count()).toBe(0);
  });

  it("undoes a rule delete", async () => {
    await page.getByRole("link", { name: "Rules" }).click();
    await page.getByRole("tab", { name: "New York" }).click();
    await page.getByRole("button", { name: 'Delete rule "Staff at New York"' }).click();
    await expect.poll(() => ruleNames(page)).toEqual([]);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => ruleNames(page)).toEqual(["Staff at New York"]);
  });

  it("marks unpublished changes, and discards the draft after asking (with undo)", async () => {
    await page.getByRole("button", { name: 'Delete rule "Staff at New York"' }).click();
    const marker = page.getByTestId("unpublished");
    await marker.waitFor();
    expect(await marker.textContent()).toMatch(/the draft differs from version 1/);
    await marker.getByRole("button", { name: "Discard draft" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "Discard the draft?" }).waitFor();
    await check(page, "08a-discard-confirm");
    await dialog.getByRole("button", { name: "Discard draft" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => ruleNames(page)).toEqual(["Staff at New York"]);
    await marker.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => ruleNames(page)).toEqual([]);
    await page.getByRole("button", { name: "Undo" }).waitFor({ state: "detached" });
    await marker.getByRole("button", { name: "Discard draft" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Discard draft" }).click();
    await expect.poll(() => ruleNames(page)).toEqual(["Staff at New York"]);
  });

  it("asks for a confirmation naming the count and a note before removing anyone's access", async () => {
    await page.getByRole("button", { name: 'Delete rule "Staff at New York"' }).click();
    await page.getByRole("button", { name: "Add rule" }).click();
    const ruleDialog = page.getByRole("dialog");
    await ruleDialog.getByLabel("Rule name").fill("Nobody at New York yet");
    await ruleDialog.getByRole("button", { name: "Remove condition 1" }).click();
    await ruleDialog.getByText("Exclude: do not sync").click();
    await ruleDialog.getByRole("button", { name: "Save rule" }).click();
    await ruleDialog.waitFor({ state: "detached" });
    await expect.poll(() => stat(page, "lost")).toBeGreaterThan(0);
    const lost = await stat(page, "lost");
    await page.getByRole("link", { name: "Publish" }).click();
    await expect.poll(() => page.locator("tr[data-property] [data-lost]").allTextContents()).toContain(lost.toLocaleString("en-US"));
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: `${lost.toLocaleString("en-US")} people lose door access` }).waitFor();
    const confirm = dialog.getByRole("button", { name: `Publish and remove access for ${lost.toLocaleString("en-US")} people` });
    expect(await confirm.isDisabled()).toBe(true); // the note is required
    await check(page, "08-publish-confirm");
    await dialog.getByLabel(/Why/).fill("New York office closes for renovation");
    await confirm.click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: /Published version/ }).textContent()).toMatch(/Published version 2/);
  });

  it("lists the versions, compares two, shows one, and rolls back with a confirmation", async () => {
    await page.getByRole("link", { name: "History" }).click();
    await page.getByRole("heading", { name: "Rule history" }).waitFor();
    const rows = page.locator("tr[data-version]");
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.first().textContent()).toMatch(
      /2 \(current\).*admin.*New York office closes for renovation.*1 added, 1 removed/,
    );
    await page.getByRole("button", { name: "Compare" }).click();
    const diff = page.getByRole("region", { name: "Differences from version 1 to 2" });
    await expect.poll(() => diff.textContent()).toMatch(/New York.*Added "Nobody at New York yet".*Removed "Staff at New York"/);
    await check(page, "09-history");
    await page.getByRole("button", { name: "View version 1" }).click();
    const view = page.getByRole("dialog");
    await expect.poll(() => view.textContent()).toMatch(/Staff at New York/);
    await check(page, "10-version-view");
    await page.keyboard.press("Escape");
    await view.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Roll back to version 1" }).click();
    const confirm = page.getByRole("dialog");
    await expect.poll(() => confirm.textContent()).toMatch(/This publishes the rules of version 1/);
    // Rolling back to version 1 gives New York its staff back: nobody loses access.
    expect(await confirm.getByTestId("impact").textContent()).toMatch(/^Nobody loses access; [\d,]+ people gain access\.$/);
    await check(page, "11-rollback-confirm");
    await confirm.getByRole("button", { name: "Publish version 1's rules again" }).click();
    await confirm.waitFor({ state: "detached" });
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toMatch(/3 \(current\).*Rollback to version 1/);
    await page.getByRole("link", { name: "Rules" }).click();
    await page.getByRole("tab", { name: "New York" }).click();
    await expect.poll(() => ruleNames(page)).toEqual(["Staff at New York"]);
  });

  it("reaches every control of every main screen with Tab", async () => {
    for (
      const [link, heading] of [["Rules", /^Rules for /], ["Publish", /^Publish the draft$/], ["History", /^Rule history$/], [
        "Connections",
        /^Connections$/,
      ]] as const
    ) {
      await page.getByRole("link", { name: link }).click();
      await page.getByRole("heading", { name: heading }).first().waitFor();
      const { controls, missed } = await unreachableByTab(page);
      expect(controls, `${link} page`).toBeGreaterThan(5);
      expect(missed, `${link} page`).toEqual([]);
    }
  });

  it("never scrolls sideways at 768 and 1024 px", async () => {
    for (const width of [768, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      for (
        const [link, heading] of [["Rules", /^Rules for /], ["Publish", /^Publish the draft$/], ["History", /^Rule history$/], [
          "Connections",
          /^Connections$/,
        ]] as const
      ) {
        await page.getByRole("link", { name: link }).click();
        await page.getByRole("heading", { name: heading }).first().waitFor();
        expect(await noSidewaysScroll(page), `${link} at ${width} px`).toBe(true);
      }
      await page.getByRole("link", { name: "Rules" }).click();
      await page.screenshot({ path: `${SHOTS}/12-rules-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it("opens a share link in a second browser as a draft candidate with its diff and findings", async () => {
    await page.getByRole("link", { name: "Rules" }).click();
    await page.getByRole("tab", { name: "London" }).click();
    await page.getByRole("button", { name: 'Delete rule "Staff at London"' }).click();
    await page.getByRole("link", { name: "Publish" }).click();
    await page.getByRole("button", { name: "Copy a share link to this draft" }).click();
    shareLink = await page.getByLabel(/Share link|Copied to the clipboard/).inputValue();
    expect(shareLink).toMatch(/\/rules#rules=v1\./);
    // Back to what is published, so the link differs from the edge's draft.
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => page.getByTestId("save-state").textContent()).toBe("All changes saved");

    second = await launchChromium();
    other = await second.context.newPage();
    other.setDefaultTimeout(15_000);
    other.on("pageerror", (e) => errors.push(`second browser: ${e.message}`));
    await other.goto(shareLink);
    await other.getByRole("heading", { name: "Sign in to doorsync" }).waitFor();
    await check(other, "13a-sign-in");
    await other.getByLabel("Username").fill("admin");
    await other.getByLabel("Password").fill(PASSWORD);
    await other.getByRole("button", { name: "Sign in" }).click();
    const review = other.getByRole("region", { name: "Shared rules: a draft candidate" });
    await expect.poll(() => review.textContent(), { timeout: 30_000 }).toMatch(/Compared with the published rules/);
    expect(await review.getByRole("region", { name: "Shared rules compared with the published rules" }).textContent()).toMatch(
      /London.*Removed "Staff at London"/,
    );
    expect(await review.textContent()).toMatch(/Lint findings \(\d+\)/);
    expect(await review.getByTestId("impact").textContent()).toMatch(/^[\d,]+ people lose door access:.*at London/);
    await check(other, "13-shared-review");
    // Nothing changed yet: the second browser's draft is still the edge's.
    await other.getByRole("tab", { name: "London" }).click();
    expect(await ruleNames(other)).toEqual(["Contractors by pattern", "Staff at London"]);
    await review.getByRole("button", { name: "Use as my draft" }).click();
    await review.waitFor({ state: "detached" });
    await expect.poll(() => ruleNames(other)).toEqual(["Contractors by pattern"]);
    await other.getByRole("button", { name: "Undo" }).waitFor();
  });

  it("names locations a link has that this Genea account does not, and imports nothing from them", async () => {
    const foreign = encodeShareLink(
      { schemaVersion: 1, settings: { suspended: "deny" }, properties: { "loc-elsewhere": { rules: [] } } },
      `${edge.url}/rules`,
    );
    await other.goto(foreign);
    const review = other.getByRole("region", { name: "Shared rules: a draft candidate" });
    await expect.poll(() => review.textContent(), { timeout: 30_000 }).toMatch(/does not have.*loc-elsewhere/);
    expect(await review.textContent()).toMatch(/None of the link's locations exist here/);
    expect(await review.getByRole("button", { name: "Use as my draft" }).isDisabled()).toBe(true);
    await review.getByRole("button", { name: "Ignore" }).click();
    await review.waitFor({ state: "detached" });
  });

  it("refuses the stale browser's draft save and offers reload theirs / keep mine", async () => {
    // The second browser saved the imported draft; the first one still edits the older revision.
    await other.waitForFunction(() => document.querySelector("[data-testid=save-state]")?.textContent === "All changes saved");
    await page.getByRole("link", { name: "Rules" }).click();
    await page.getByRole("tab", { name: "New York" }).click();
    await page.getByRole("switch", { name: 'Enable rule "Staff at New York"' }).click({ force: true });
    const banner = page.getByRole("alert").filter({ hasText: /saved the draft at/ });
    await banner.waitFor();
    expect(await page.getByTestId("save-state").textContent()).toBe("Not saved: someone else saved the draft");
    await check(page, "14-draft-conflict");
    await banner.getByRole("button", { name: "Reload their draft" }).click();
    await banner.waitFor({ state: "detached" });
    await page.getByRole("tab", { name: "London" }).click();
    await expect.poll(() => ruleNames(page)).toEqual(["Contractors by pattern"]);
  });

  it("passes axe in the dark theme too", async () => {
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await check(page, "15-rules-dark");
    await page.getByRole("link", { name: "Publish" }).click();
    await check(page, "16-publish-dark");
    await page.getByRole("link", { name: "History" }).click();
    await page.locator("tr[data-version]").first().waitFor();
    await check(page, "17-history-dark");
    await page.getByRole("button", { name: "Switch to light theme" }).click();
  });

  it("raised no uncaught errors in either page", () => {
    expect(errors.join("\n")).toBe("");
  });
});
