/**
 * End to end in real Chromium against the real edge in demo mode: first-run setup, create
 * a rule, watch the simulation change, reorder by keyboard and by mouse, inspect a trace,
 * publish. Skips only when /usr/bin/chromium is missing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchChromium, type LaunchedBrowser, skipBrowserSuite } from "../support/browser.ts";
import { type EdgeProcess, startEdge } from "../support/edge-process.ts";
import { buildSpa } from "./spa-build.ts";

const PASSWORD = "correct horse battery staple";

async function stat(page: Page, name: string): Promise<number> {
  const text = await page.locator(`[data-stat="${name}"]`).first().textContent();
  return Number((text ?? "").replace(/[^0-9]/g, ""));
}

async function ruleNames(page: Page): Promise<string[]> {
  return page.locator("tbody tr[data-rule] td:nth-child(3)").evaluateAll((tds) => tds.map((td) => td.childNodes[0]?.textContent ?? ""));
}

/** Add a rule through the dialog: one Okta group condition and the first access group. */
async function addRule(page: Page, name: string, groupQuery: string) {
  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Rule name").fill(name);
  await dialog.getByRole("combobox", { name: /Okta groups for condition 1/ }).fill(groupQuery);
  await dialog.getByRole("option").first().click();
  await dialog.getByRole("heading", { name: "Add a rule" }).click();
  await dialog.getByRole("combobox", { name: "Access groups" }).click();
  await dialog.getByRole("option").first().click();
  await dialog.getByRole("heading", { name: "Add a rule" }).click();
  await dialog.getByRole("button", { name: "Save rule" }).click();
  await dialog.waitFor({ state: "detached" });
}

/** "Nobody is synced here", said explicitly: lint requires every property to have a rule. */
async function excludeEveryone(page: Page, property: string) {
  await page.getByRole("tab", { name: property }).click();
  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Rule name").fill(`Nobody at ${property} yet`);
  await dialog.getByRole("button", { name: "Remove condition 1" }).click();
  await dialog.getByText("Exclude: do not sync").click();
  await dialog.getByRole("button", { name: "Save rule" }).click();
  await dialog.waitFor({ state: "detached" });
}

describe.skipIf(skipBrowserSuite())("doorsync in Chromium (demo mode)", () => {
  let edge: EdgeProcess;
  let browser: LaunchedBrowser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const dist = await buildSpa();
    edge = await startEdge({ env: { DOORSYNC_DIST_DIR: dist } });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (e) => errors.push(`${e.message}\n${e.stack ?? ""}`));
  }, 180_000);

  // A failing step leaves a screenshot next to the test cache to look at.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail") await page?.screenshot({ path: `.cache/e2e-${ctx.task.name.replace(/\W+/g, "-")}.png` });
  });

  afterAll(async () => {
    await browser?.close();
    await edge?.stop();
  });

  it("sets up the first admin and lands on the rules page with the directory loaded", async () => {
    await page.goto(`${edge.url}/`);
    await page.getByRole("heading", { name: /create the first admin/ }).waitFor();
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await page.getByRole("heading", { name: /^Rules for / }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/rules");
    await expect.poll(() => page.getByTestId("directory-info").textContent(), { timeout: 20_000 }).toMatch(/2,000 users/);
  });

  it("creates rules and the simulation numbers follow", async () => {
    expect(await stat(page, "synced")).toBe(0);
    await addRule(page, "Engineering staff", "Engineering");
    await expect.poll(() => stat(page, "synced")).toBeGreaterThan(0);
    const engineers = await stat(page, "synced");
    expect(await stat(page, "gained")).toBe(engineers);
    await addRule(page, "Sales staff", "Sales");
    await expect.poll(() => stat(page, "synced")).toBeGreaterThan(engineers);
    expect(await ruleNames(page)).toEqual(["Engineering staff", "Sales staff"]);
    await expect.poll(() => page.getByTestId("save-state").textContent(), { timeout: 10_000 }).toBe("All changes saved");
  });

  it("reorders with the keyboard: Space lifts, arrows move, Space drops, with announcements", async () => {
    const handle = page.getByRole("button", { name: /^Reorder rule "Sales staff"/ });
    await handle.focus();
    await page.keyboard.press("Space");
    await expect.poll(() => page.getByTestId("reorder-live").textContent()).toMatch(/Lifted rule "Sales staff"/);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Space");
    await expect.poll(() => page.getByTestId("reorder-live").textContent()).toMatch(/dropped at priority 1 of 2/);
    await expect.poll(() => ruleNames(page)).toEqual(["Sales staff", "Engineering staff"]);
  });

  it("reorders by dragging the handle with the mouse", async () => {
    const from = await page.getByRole("button", { name: /^Reorder rule "Engineering staff"/ }).boundingBox();
    const to = await page.locator("tbody tr[data-rule]").first().boundingBox();
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(from!.x + 5, to!.y + 4, { steps: 8 });
    await page.mouse.up();
    expect(await page.locator("tr.lifted").count()).toBe(0);
    await expect.poll(() => ruleNames(page)).toEqual(["Engineering staff", "Sales staff"]);
    await expect.poll(() => page.getByTestId("reorder-live").textContent()).toMatch(/"Engineering staff" dropped at priority 1 of 2/);
  });

  it("explains a user's decision from the search box", async () => {
    await page.getByLabel("Explain a decision: find a person").fill("an");
    await page.getByRole("option").first().click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.getByTestId("trace-summary").textContent()).toMatch(/\w/);
    expect(await dialog.locator(".trace-rule").count()).toBe(2);
    expect(await dialog.getByRole("table").first().textContent()).toMatch(/Expected.*Actual/);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
  });

  it("publishes with a note and then shows no pending gains", async () => {
    await page.getByRole("tab").first().waitFor();
    const tabs = await page.getByRole("tab").allTextContents();
    expect(tabs.length).toBeGreaterThan(1);
    for (const other of tabs.slice(1)) await excludeEveryone(page, other);
    await page.getByRole("tab", { name: tabs[0] }).click();
    await page.getByRole("link", { name: "Publish" }).click();
    await page.getByRole("heading", { name: "Publish the draft" }).waitFor();
    await page.getByLabel("Note for the version history").fill("First rules from the e2e test");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: /Published version/ }).textContent()).toMatch(/Published version 1/);
    await page.getByRole("link", { name: "Rules" }).click();
    await expect.poll(() => stat(page, "gained")).toBe(0);
  });

  it("shows the demo connections as sentences on the Connections page", async () => {
    await page.getByRole("link", { name: "Connections" }).click();
    await expect.poll(() => page.getByTestId("okta-status").textContent()).toMatch(
      /^Okta: connected to .+, token ending …\w{4}, last checked /,
    );
    await expect.poll(() => page.getByTestId("genea-status").textContent()).toMatch(/^Genea: connected/);
    await page.screenshot({ path: ".cache/e2e-connections.png" });
    await page.getByRole("link", { name: "Rules" }).click();
  });

  it("exports the draft as a share link and imports a link as the draft", async () => {
    await page.getByRole("link", { name: "Publish" }).click();
    await page.getByRole("button", { name: "Copy a share link to this draft" }).click();
    const link = await page.getByLabel(/Share link|Copied to the clipboard/).inputValue();
    expect(link).toMatch(/\/rules#rules=v1\./);
    // Change the draft, then open the link: it offers to bring the linked rules back.
    await page.getByRole("link", { name: "Rules" }).click();
    await page.getByRole("button", { name: 'Delete rule "Sales staff"' }).click();
    await expect.poll(() => ruleNames(page)).toEqual(["Engineering staff"]);
    await page.goto(link);
    await page.getByRole("button", { name: "Use as my draft" }).click();
    await page.getByRole("region", { name: "Shared rules: a draft candidate" }).waitFor({ state: "detached" });
    expect(new URL(page.url()).hash).toBe("");
    await expect.poll(() => ruleNames(page)).toEqual(["Engineering staff", "Sales staff"]);
  });

  it("switches between light and dark themes", async () => {
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe("light");
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    expect(await theme()).toBe("dark");
    await page.screenshot({ path: ".cache/e2e-rules-dark.png" });
    await page.getByRole("button", { name: "Switch to light theme" }).click();
    expect(await theme()).toBe("light");
  });

  it("keeps simulating from the cached directory when the edge goes away, and says so", async () => {
    const before = await stat(page, "synced");
    await edge.stop({ keepDir: true });
    await page.getByRole("switch", { name: 'Enable rule "Engineering staff"' }).click({ force: true });
    await expect.poll(() => stat(page, "synced")).toBeLessThan(before);
    await expect.poll(() => page.getByText(/^Offline — using cached directory from /).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId("save-state").textContent()).toBe("Saved in this browser only: the server is unreachable");
  });

  it("raised no uncaught errors in the page", () => {
    expect(errors.join("\n")).toBe("");
  });
});
