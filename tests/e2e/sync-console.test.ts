/**
 * The sync console in real Chromium against the real edge in demo mode (the sandboxes run
 * inside the edge and receive its writes): setup → settings (a wrong value refused in words,
 * the schedule off) → rules for all three properties, published → Sync now with live
 * progress → the Genea sandbox holds exactly what the rules say (read through its own API and
 * compared with the shared planner's intent) → a rule change that removes many people trips
 * the brake → the page lists who would lose what → Reject (keyboard only) → trips again →
 * Approve → their access is gone → the run's detail filtered and its CSV → one person's
 * history → provisioning one person whose access was taken away in Genea by hand, with the
 * run's steps. axe-core on the sync pages and their dialogs (no serious or critical
 * violation), screenshots in .cache/e2e-screenshots/, Tab reaches every control. Skips only
 * when /usr/bin/chromium is missing.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ROUTES } from "../../shared/api/routes.ts";
import { decodeDirectory } from "../../shared/directory/compact.ts";
import type { Directory } from "../../shared/directory/model.ts";
import type { Catalog, GeneaState } from "../../shared/genea/model.ts";
import { applyPlan, plan } from "../../shared/plan/index.ts";
import { createEngine } from "../../shared/rules/index.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import { createGeneaClient } from "../../edge/genea/index.ts";
import { launchChromium, type LaunchedBrowser, skipBrowserSuite } from "../support/browser.ts";
import { type EdgeClient, type EdgeProcess, startEdge } from "../support/edge-process.ts";
import { addOfficeRule, check, focused, noSidewaysScroll, SHOTS, stat, unreachableByTab } from "../support/e2e-page.ts";
import { stateView } from "../support/genea-view.ts";
import { buildSpa } from "./spa-build.ts";

const PASSWORD = "sync console battery staple";
const PROPERTIES = ["San Francisco HQ", "New York", "London"] as const;
const WALLET = "San Francisco HQ";
const LONG = 180_000;

describe.skipIf(skipBrowserSuite())("the sync console in Chromium (demo mode)", () => {
  let edge: EdgeProcess;
  let browser: LaunchedBrowser;
  let page: Page;
  let admin: EdgeClient;
  let sandboxes: { okta: string; genea: string };
  let genea: ReturnType<typeof createGeneaClient>;
  let catalog: Catalog;
  const errors: string[] = [];

  const readGenea = async (): Promise<GeneaState> => {
    const r = await genea.readState();
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const directory = async (): Promise<Directory> => {
    const res = await fetch(`${edge.url}${ROUTES.directory}`, {
      headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    const d = decodeDirectory(new Uint8Array(await res.arrayBuffer()));
    if (!d.ok) throw new Error(d.error.message);
    return d.value;
  };
  const published = async (n: number): Promise<RuleSet> => (await admin.call("GET", `${ROUTES.versions}/${n}`)).body.ruleSet;
  /** What Genea should hold: the shared engine and planner applied to `current` (the sync's own intent, computed here). */
  const intended = async (version: number, current: GeneaState) => {
    const dir = await directory();
    const outcome = createEngine(dir).evaluate(await published(version));
    return applyPlan(current, plan({ directory: dir, outcome, catalog, current }));
  };
  const holdersAt = (state: GeneaState, location: string) =>
    state.users.filter((u) => u.status === "ACTIVE" && u.locations.some((l) => l.locationUuid === location));
  const uuidOf = (name: string) => catalog.locations.find((l) => l.name === name)!.uuid;
  const sandboxFaults = (body: unknown) =>
    fetch(`${sandboxes.genea}/sandbox/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const syncLink = () => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sync", exact: true });
  const outcome = () => page.getByTestId("sync-outcome");

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const dist = await buildSpa();
    edge = await startEdge({ env: { DOORSYNC_DIST_DIR: dist } });
    const m = / demo-started okta=(\S+) genea=(\S+) /.exec(edge.logs());
    if (!m) throw new Error(`no demo-started line in the edge's log:\n${edge.logs()}`);
    sandboxes = { okta: m[1], genea: m[2] };
    // The Genea sandbox's own state route names its API key: read Genea through its API with it.
    const dump = (await (await fetch(`${sandboxes.genea}/sandbox/state`)).json()) as { data: { apiKeys: string[] } };
    genea = createGeneaClient({ baseUrl: sandboxes.genea, apiKey: dump.data.apiKeys[0] });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (e) => errors.push(`${e.message}\n${e.stack ?? ""}`));
  }, LONG);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    await page?.screenshot({ path: `${SHOTS}/failed-sync-${ctx.task.name.replace(/\W+/g, "-")}.png`, fullPage: true });
    writeFileSync(`${SHOTS}/failed-sync-edge.log`, edge?.logs() ?? "");
  });

  afterAll(async () => {
    await browser?.close();
    await edge?.stop();
  });

  it("sets the admin up and opens the Sync page: nothing published, both connections working", async () => {
    await page.goto(`${edge.url}/`);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await page.getByRole("heading", { name: /^Rules for / }).waitFor();
    admin = edge.client();
    await admin.call("POST", ROUTES.signIn, { username: "admin", password: PASSWORD });
    const c = await admin.call("GET", ROUTES.catalog);
    catalog = c.body;
    await syncLink().click();
    await page.getByRole("heading", { name: "Sync", exact: true }).waitFor();
    const status = page.getByTestId("sync-status");
    await expect.poll(() => status.textContent()).toMatch(/Nothing published yet/);
    expect(await page.getByTestId("okta-health").textContent()).toMatch(/^Okta: connected/);
    expect(await page.getByTestId("genea-health").textContent()).toMatch(/^Genea: connected/);
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/Nothing is published yet: publish a rule set/);
    await check(page, "20-sync-empty");
  }, LONG);

  it("refuses a wrong setting in words, then turns the schedule off and saves progress every second", async () => {
    const interval = page.getByLabel("Sync every (minutes)");
    await interval.fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText("Sync every (minutes) must be at least 1.").count()).toBe(1);
    expect(await interval.getAttribute("aria-invalid")).toBe("true");
    await check(page, "21-sync-settings-invalid");
    await interval.fill("15");
    await page.getByLabel("Save progress every (seconds)").fill("1");
    await page.getByRole("switch", { name: "Sync on a schedule" }).click({ force: true });
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Settings saved." }).waitFor();
    await expect.poll(() => page.getByTestId("next-run").textContent()).toMatch(/Schedule off/);
    expect((await admin.call("GET", ROUTES.syncSettings)).body).toMatchObject({
      schedule: { enabled: false, intervalMinutes: 15 },
      sliceSeconds: 1,
    });
  });

  it("publishes rules for all three properties", async () => {
    await page.getByRole("link", { name: "Rules" }).click();
    for (const office of PROPERTIES) {
      await page.getByRole("tab", { name: office }).click();
      await addOfficeRule(page, office, office === WALLET);
      await expect.poll(() => stat(page, "synced")).toBeGreaterThan(0);
    }
    await page.getByRole("link", { name: "Publish" }).click();
    await expect.poll(() => page.locator("tr[data-property]").count()).toBe(3);
    expect(await page.locator(".publish").textContent()).not.toMatch(/only when the rules are synced/);
    await page.getByLabel("Note for the version history").fill("Staff of each office");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: /Published version/ }).textContent()).toMatch(/Published version 1/);
  }, LONG);

  let before: GeneaState;
  it("syncs now with a live progress bar (phase and percent) and ends Finished", async () => {
    before = await readGenea();
    await sandboxFaults({ latencyMs: 4 }); // Genea answers a little slower, so the run is seen in progress
    await syncLink().click();
    await page.getByRole("button", { name: "Sync now" }).click();
    const bar = page.getByRole("progressbar");
    await bar.waitFor();
    // One reading of the bar (it goes when the run ends): applying, part way, its percent shown.
    const reading = () =>
      page.getByTestId("sync-progress").evaluate(
        (el) => ({
          phase: el.querySelector("[data-testid=sync-phase]")?.textContent,
          value: Number(el.querySelector("[role=progressbar]")?.getAttribute("aria-valuenow")),
          label: el.querySelector("[data-testid=sync-percent]")?.textContent,
        }),
        undefined,
        { timeout: 2000 },
      ).catch(() => null);
    await expect.poll(reading, { timeout: 60_000 }).toEqual({
      phase: "Sync now by admin: Applying changes to Genea",
      value: expect.toSatisfy((v: number) => v > 40 && v < 100),
      label: expect.stringMatching(/^\d+%$/),
    });
    await check(page, "22-sync-progress");
    await expect.poll(() => outcome().textContent(), { timeout: LONG }).toMatch(/^Sync now by admin: Finished: made [\d,]+ changes\./);
    await sandboxFaults({});
    expect(await bar.count()).toBe(0);
    await expect.poll(() => page.getByTestId("last-run").textContent()).toMatch(/^.*\(Sync now by admin\): Finished: made [\d,]+ changes/);
    expect(await page.locator("tr[data-run]").count()).toBe(1);
    expect(await page.getByRole("img", { name: /^Changes per run over time\. 1 runs/ }).count()).toBe(1);
    await check(page, "23-sync-done");
  }, LONG);

  it("leaves the Genea sandbox holding exactly the users, locations, access groups and keys the rules say", async () => {
    const want = await intended(1, before);
    const got = await readGenea();
    expect(holdersAt(got, uuidOf("New York")).length).toBeGreaterThan(100);
    expect(stateView(got)).toEqual(stateView(want));
  }, LONG);

  /** who the New York change takes access from (computed with the shared planner), sorted as the page sorts */
  let losers: string[] = [];
  let beforeBrake: GeneaState;
  const emailsAt = (state: GeneaState, location: string) => holdersAt(state, location).map((u) => u.email!.toLowerCase());
  const count = () => losers.length.toLocaleString("en-US");
  const because = /because (no rule grants access at any property|excluded at New York by rule “New York closed”)/;

  it("stops a run that would remove New York from many people and shows who would lose what", async () => {
    await page.getByRole("link", { name: "Rules" }).click();
    await page.getByRole("tab", { name: "New York" }).click();
    await page.getByRole("button", { name: 'Delete rule "Staff at New York"' }).click();
    await page.getByRole("button", { name: "Add rule" }).click();
    const ruleDialog = page.getByRole("dialog");
    await ruleDialog.getByLabel("Rule name").fill("New York closed");
    await ruleDialog.getByRole("button", { name: "Remove condition 1" }).click();
    await ruleDialog.getByText("Exclude: do not sync").click();
    await ruleDialog.getByRole("button", { name: "Save rule" }).click();
    await ruleDialog.waitFor({ state: "detached" });
    await expect.poll(() => stat(page, "lost")).toBeGreaterThan(0);
    await page.getByRole("link", { name: "Publish" }).click();
    await expect.poll(() => page.locator("tr[data-property] [data-lost]").allTextContents()).not.toEqual(["0", "0", "0"]);
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const confirm = page.getByRole("dialog");
    expect(await confirm.textContent()).toMatch(
      /the next sync, scheduled or started with Sync now on the Sync page, applies the published rules/,
    );
    await confirm.getByLabel(/Why/).fill("New York office closes");
    await confirm.getByRole("button", { name: /^Publish and remove access for/ }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: /Published version/ }).textContent()).toMatch(/Published version 2/);

    beforeBrake = await readGenea();
    const kept = new Set(emailsAt(await intended(2, beforeBrake), uuidOf("New York")));
    losers = emailsAt(beforeBrake, uuidOf("New York")).filter((e) => !kept.has(e)).sort((a, b) => a.localeCompare(b));
    expect(losers.length).toBeGreaterThan(100);

    await syncLink().click();
    await page.getByRole("button", { name: "Sync now" }).click();
    const card = page.getByRole("region", { name: /^Stopped by the brake/ });
    await card.waitFor({ timeout: 60_000 });
    const ny = card.getByRole("table", { name: "The brake's numbers per property" }).getByRole("row", { name: /New York/ });
    await expect.poll(() => ny.locator("td").allTextContents()).toEqual([
      expect.any(String),
      count(),
      "0",
      expect.any(String),
      "Yes: over the limit",
    ]);
    const list = card.getByRole("listbox", { name: `New York: ${count()} people would lose access` });
    await list.waitFor();
    expect(await list.getByRole("option").first().getAttribute("aria-setsize")).toBe(String(losers.length));
    const firstRow = await list.getByRole("option").first().textContent();
    expect(firstRow).toMatch(new RegExp(`^${losers[0].replace(/[.+]/g, "\\$&")}loses access at New York`));
    expect(firstRow).toMatch(because);
    expect(await list.getByRole("option").count()).toBeLessThan(20); // virtualised
    expect(await page.getByTestId("awaiting").textContent()).toMatch(/1 run stopped by the brake/);
    expect(await outcome().textContent()).toMatch(/^Sync now by admin: Stopped by the brake before writing anything/);
    await check(page, "24-brake-verdict");
  }, LONG);

  it("rejects with the keyboard alone: a confirmation naming the numbers, then nothing is written", async () => {
    const card = page.getByRole("region", { name: /^Stopped by the brake/ });
    await card.getByRole("button", { name: "Reject…" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "Reject this run?" }).waitFor();
    expect(await dialog.textContent()).toMatch(new RegExp(`the ${count()} people listed keep their access`));
    await check(page, "25-reject-confirm");
    for (let i = 0; i < 6 && (await focused(page)).label !== "Reject the run"; i++) await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ label: "Reject the run", inDialog: true });
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await card.waitFor({ state: "detached" });
    await page.getByRole("status").filter({ hasText: "Rejected: nothing was written to Genea." }).waitFor();
    expect(await page.locator("tr[data-state=rejected]").count()).toBe(1);
    expect(stateView(await readGenea())).toEqual(stateView(beforeBrake));
  }, LONG);

  it("trips again, is approved after a confirmation naming the numbers, and New York access is gone", async () => {
    await page.getByRole("button", { name: "Sync now" }).click();
    const card = page.getByRole("region", { name: /^Stopped by the brake/ });
    await card.waitFor({ timeout: 60_000 });
    await card.getByRole("listbox", { name: /^New York: / }).waitFor();
    await card.getByRole("button", { name: "Approve…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: `Approve removing access for ${count()} people?` }).waitFor();
    expect(await dialog.textContent()).toMatch(new RegExp(`${count()} at New York`));
    await check(page, "26-approve-confirm");
    await dialog.getByRole("button", { name: `Approve: remove access for ${count()} people` }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => outcome().textContent(), { timeout: LONG }).toMatch(/^Approval by admin: Finished: made [\d,]+ changes\./);
    const after = await readGenea();
    const left = new Set(emailsAt(after, uuidOf("New York")));
    expect(losers.filter((e) => left.has(e))).toEqual([]);
    expect(stateView(after)).toEqual(stateView(await intended(2, beforeBrake)));
    expect(await page.locator("tr[data-state=approved]").count()).toBe(1);
  }, LONG);

  it("shows the approval run in detail: counts, phases, filtered operations and the CSV", async () => {
    await outcome().getByRole("link", { name: "Details" }).click();
    await page.getByRole("heading", { name: /^Sync run of / }).waitFor();
    expect(await page.getByTestId("run-summary").textContent()).toMatch(/^Approval by admin, rules version 2\. Finished: made/);
    const removals = page.getByRole("table", { name: "Operations per kind" }).locator("tr[data-kind=removeLocation]");
    await expect.poll(() => removals.locator("td").allTextContents()).toEqual([count(), count(), "0"]);
    expect(await page.getByRole("table", { name: "Phase timings" }).textContent()).toMatch(
      /Reading Okta.*Reading Genea.*Planning the changes.*Applying changes to Genea.*Recording the results/,
    );
    await expect.poll(() => page.getByTestId("ops-count").textContent()).toMatch(/^Showing 200 operations; more below\.$/);
    await check(page, "27-run-detail");

    // Only New York's removals that were done: the Property and Result filters, by keyboard.
    await page.getByRole("button", { name: "Property" }).click();
    await page.getByRole("option", { name: "New York", exact: true }).click();
    await page.getByRole("button", { name: "Result" }).click();
    await page.getByRole("option", { name: "Done", exact: true }).click();
    await page.getByRole("button", { name: "Show", exact: true }).click();
    const list = page.getByRole("listbox", { name: "Operations of this run" });
    await expect.poll(() => page.getByTestId("ops-count").textContent()).toMatch(/matching operations/);
    while (await page.getByRole("button", { name: "Show more operations" }).count()) {
      await page.getByRole("button", { name: "Show more operations" }).click();
      await page.waitForTimeout(100);
    }
    await expect.poll(() => list.getByRole("option").first().getAttribute("aria-setsize")).toBe(String(losers.length));
    const row = await list.getByRole("option").first().textContent();
    expect(row).toMatch(/Remove access at New York/);
    expect(row).toMatch(because);
    expect(row).toMatch(/Done$/);

    // One person's operations: the Person filter, then back to everyone of New York.
    await page.getByLabel("Person (email or Okta id)").fill(losers[0].toUpperCase());
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect.poll(() => list.getByRole("option").first().getAttribute("aria-setsize")).not.toBe(String(losers.length));
    const theirs = await list.getByRole("option").locator(".row-title").allTextContents();
    expect(theirs.length).toBeGreaterThan(0);
    expect(new Set(theirs)).toEqual(new Set([losers[0]]));
    await page.getByLabel("Person (email or Okta id)").fill("");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect.poll(() => list.getByRole("option").first().getAttribute("aria-setsize")).toBe("200");

    const csv = await page.getByRole("link", { name: "Download all operations (CSV)" }).getAttribute("href");
    expect(csv).toMatch(/^\/api\/sync\/runs\/[0-9a-f-]+\/operations\.csv$/);
    const res = await page.request.get(`${edge.url}${csv}`);
    expect(res.headers()["content-type"]).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("at,oktaId,email,geneaUuid,kind,propertyName,before,after,reason,ruleId,result,attempts,error");
    expect(lines.filter((l) => l.includes(",removeLocation,New York,")).length).toBe(losers.length);
  }, LONG);

  it("shows one person's history from their audit row: what doorsync did, why, and their ledger link", async () => {
    // The list is one tab stop: the arrow keys move through its rows, Enter opens one.
    const list = page.getByRole("listbox", { name: "Operations of this run" });
    await list.focus();
    await page.keyboard.press("ArrowDown");
    expect(await list.getByRole("option", { selected: true }).getAttribute("aria-posinset")).toBe("2");
    const email = (await list.getByRole("option", { selected: true }).locator(".row-title").textContent())!;
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: `Sync history of ${email}` }).waitFor();
    await expect.poll(() => page.getByTestId("ledger").textContent()).toMatch(/doorsync created this Genea user/);
    const rows = page.getByRole("table", { name: "What doorsync did to this person, newest first" }).locator("tbody tr");
    // Newest first: the approval run's removal, after the two stopped runs' planned ones, and the first sync's create.
    const removals = rows.filter({ hasText: "Remove access at New York" });
    expect(await removals.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-result")))).toEqual(["applied", "planned", "planned"]);
    expect(await removals.first().textContent()).toMatch(
      /(no rule grants access at any property|excluded at New York by rule “New York closed”)Done/,
    );
    expect(await removals.last().textContent()).toMatch(/Planned \(not done\)/);
    expect(await rows.last().textContent()).toMatch(/Create the Genea user.*rule “Staff at New York” at New York.*Done/);
    await check(page, "28-person-history");
    const { missed } = await unreachableByTab(page);
    expect(missed).toEqual([]);
  }, LONG);

  it("finds a person's history from the directory search too", async () => {
    await syncLink().click();
    const search = page.getByLabel("Find a person's sync history");
    await search.fill(losers[1].split("@")[0].replace(".", " ")); // "aaron.dubois@…" is Aaron Dubois
    await page.getByRole("listbox", { name: "Matching people" }).waitFor();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: /^Sync history of / }).waitFor();
    expect(page.url()).toMatch(/\/sync\/people\/00u/);
    await page.goBack();
    await page.getByRole("heading", { name: "Sync", exact: true }).waitFor();
  });

  it("provisions one person by keyboard and shows the run's steps as they arrive", async () => {
    // Someone took a London person's access and key away in Genea by hand: provisioning them puts both back.
    const live = (k: { status: string }) => k.status === "ACTIVE" || k.status === "PENDING_DOWNLOAD";
    const dir = await directory();
    const person = (await readGenea()).users.find((u) =>
      u.locations.some((l) => l.locationUuid === uuidOf("London")) && u.mobileKeys.some(live) && dir.users.some((d) => d.email === u.email)
    )!;
    const oktaId = dir.users.find((d) => d.email === person.email)!.id;
    for (const l of person.locations) expect((await genea.removeUserLocation(l.uuid)).ok).toBe(true);
    for (const k of person.mobileKeys.filter(live)) expect((await genea.revokeMobileKey(k.uuid)).ok).toBe(true);

    await page.getByRole("button", { name: "Provision people…" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "Provision people now" }).waitFor();
    await check(page, "29-provision-dialog");
    await page.keyboard.type(person.email!);
    await dialog.getByRole("option").first().waitFor();
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog.getByRole("list", { name: "People to provision" }).textContent()).toContain(person.email!);
    for (let i = 0; i < 8 && (await focused(page)).label !== "Provision 1 person"; i++) await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ label: "Provision 1 person", inDialog: true });
    await page.keyboard.press("Enter");
    const steps = dialog.getByTestId("provision-steps");
    await expect.poll(() => steps.textContent(), { timeout: 60_000 }).toMatch(new RegExp(`Read Okta user ${oktaId}`));
    await expect.poll(() => dialog.getByTestId("provision-state").textContent(), { timeout: 60_000 }).toMatch(/^Finished: made 2 changes/);
    expect(await steps.textContent()).toMatch(/Applied 2 of 2 operations/);
    await check(page, "30-provision-steps");
    const back = (await readGenea()).users.find((u) => u.uuid === person.uuid)!;
    expect(back.locations.map((l) => l.locationUuid)).toEqual([uuidOf("London")]);
    expect(back.mobileKeys.filter(live)).toHaveLength(1);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect((await focused(page)).label).toBe("Provision people…");
  }, LONG);

  it("cuts off a person deactivated in Okta through the demo's event hook, and the page shows the event run", async () => {
    // The demo org's event hook points at this edge: no Sync now, no schedule (it is off).
    const dir = await directory();
    const leaver = (await readGenea()).users.find((u) =>
      u.status === "ACTIVE" && u.locations.some((l) => l.locationUuid === uuidOf(WALLET)) && dir.users.some((d) => d.email === u.email)
    )!;
    const oktaId = dir.users.find((d) => d.email === leaver.email)!.id;
    const res = await fetch(`${sandboxes.okta}/sandbox/users/${oktaId}/lifecycle/deactivate`, { method: "POST" });
    expect(res.status).toBe(200);
    await expect.poll(async () => (await readGenea()).users.find((u) => u.uuid === leaver.uuid)!.status, { timeout: 30_000 }).toBe(
      "DEACTIVATED",
    );
    const gone = (await readGenea()).users.find((u) => u.uuid === leaver.uuid)!;
    expect(gone).toMatchObject({ locations: [], mobileKeys: [] });
    await page.goto(`${edge.url}/sync/people/${oktaId}`);
    await page.getByRole("heading", { name: `Sync history of ${leaver.email}` }).waitFor();
    const rows = page.getByRole("table", { name: "What doorsync did to this person, newest first" }).locator("tbody tr");
    await expect.poll(() => rows.first().textContent()).toMatch(/Deactivate the Genea user.*DEPROVISIONED.*Done/);
    await syncLink().click();
    await page.getByRole("heading", { name: "Sync", exact: true }).waitFor();
    await expect.poll(() => page.locator("tr[data-run]").first().textContent()).toMatch(/Okta event/);
    await check(page, "30b-event-run");
  }, LONG);

  it("reaches every control of the sync console and a run's detail with Tab, and fits 768 px", async () => {
    await page.getByRole("heading", { name: "Sync", exact: true }).waitFor();
    const consolePage = await unreachableByTab(page);
    expect(consolePage.controls).toBeGreaterThan(15);
    expect(consolePage.missed).toEqual([]);
    await page.locator("tr[data-run] a").first().click();
    await page.getByRole("heading", { name: /^Sync run of / }).waitFor();
    await page.getByTestId("ops-count").filter({ hasText: /Showing/ }).waitFor();
    const detail = await unreachableByTab(page);
    expect(detail.missed).toEqual([]);
    await page.setViewportSize({ width: 768, height: 900 });
    expect(await noSidewaysScroll(page)).toBe(true);
    await syncLink().click();
    await page.getByRole("heading", { name: "Sync", exact: true }).waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/31-sync-768.png`, fullPage: true });
    await page.setViewportSize({ width: 1400, height: 900 });
  }, LONG);

  it("passes axe in the dark theme too", async () => {
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await check(page, "32-sync-dark");
    await page.getByRole("button", { name: "Switch to light theme" }).click();
  });

  it("raised no uncaught errors", () => {
    expect(errors.join("\n")).toBe("");
  });
});
