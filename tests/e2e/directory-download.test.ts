/**
 * The directory snapshot download in real Chromium against the real edge (demo mode, 20,000
 * people: a snapshot of two 1 MiB chunks): bytes and percent on the directory line while it
 * runs, and a connection dropped on the second chunk followed by a reload resuming from the
 * first chunk kept in IndexedDB. Skips only when /usr/bin/chromium is missing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page, Route } from "playwright-core";
import { ROUTES } from "../../shared/api/routes.ts";
import { seriousViolations } from "../support/axe.ts";
import { launchChromium, type LaunchedBrowser, skipBrowserSuite } from "../support/browser.ts";
import { type EdgeProcess, startEdge } from "../support/edge-process.ts";
import { buildSpa } from "./spa-build.ts";

const PASSWORD = "resumable-amber-chunk-7";
const MiB = 1024 * 1024;

/** What the browser's IndexedDB holds: the cached snapshot's size and the download's chunks. */
function stored(page: Page): Promise<{ snapshot: number | null; chunks: number[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("doorsync");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(["directory", "download"]);
          const snapshot = tx.objectStore("directory").get("current");
          const chunks = tx.objectStore("download").getAllKeys();
          tx.oncomplete = () => {
            open.result.close();
            resolve({ snapshot: snapshot.result ? snapshot.result.bytes.length : null, chunks: chunks.result as number[] });
          };
        };
      }),
  );
}

describe.skipIf(skipBrowserSuite())("the directory download in Chromium", () => {
  let edge: EdgeProcess;
  let size = 0;
  const browsers: LaunchedBrowser[] = [];
  const errors: string[] = [];
  let page: Page;

  async function freshPage(): Promise<Page> {
    const browser = await launchChromium();
    browsers.push(browser);
    const p = await browser.context.newPage();
    p.setDefaultTimeout(20_000);
    p.on("pageerror", (e) => errors.push(`${e.message}\n${e.stack ?? ""}`));
    return p;
  }

  async function signIn(p: Page) {
    await p.goto(`${edge.url}/`);
    await p.getByLabel("Username").fill("admin");
    await p.getByLabel("Password").fill(PASSWORD);
    await p.getByRole("button", { name: "Sign in" }).click();
  }

  /** Every directory request's Range header, in order, passed on unless `hold` keeps it. */
  async function watchDownloads(p: Page, hold: (range: string, route: Route) => Promise<boolean> | boolean = () => false) {
    const ranges: string[] = [];
    await p.route(`**${ROUTES.directory}`, async (route) => {
      const range = (await route.request().headerValue("range")) ?? "";
      ranges.push(range);
      if (!(await hold(range, route))) await route.continue();
    });
    return ranges;
  }

  beforeAll(async () => {
    const dist = await buildSpa();
    edge = await startEdge({ env: { DOORSYNC_DIST_DIR: dist, DOORSYNC_DEMO_USERS: "20000" } });
    const admin = edge.client();
    await admin.call("POST", ROUTES.setup, { username: "admin", password: PASSWORD });
    // The demo organisation is read at start: wait for its snapshot before a page asks.
    for (let i = 0; i < 600 && size === 0; i++) {
      const res = await fetch(edge.url + ROUTES.directory, {
        headers: { cookie: `doorsync_session=${admin.cookies.get("doorsync_session")}`, range: "bytes=0-0" },
      });
      if (res.status === 206) size = Number(res.headers.get("content-range")!.split("/")[1]);
      else await new Promise((r) => setTimeout(r, 200));
    }
    expect(size).toBeGreaterThan(MiB);
    expect(size).toBeLessThanOrEqual(2 * MiB);
  }, 180_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail") await page?.screenshot({ path: `.cache/e2e-${ctx.task.name.replace(/\W+/g, "-")}.png` });
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await edge?.stop();
  });

  it("downloads the snapshot in chunks, showing bytes and percent on the directory line", async () => {
    page = await freshPage();
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const ranges = await watchDownloads(page, async (range, route) => {
      if (!range.startsWith(`bytes=${MiB}-`)) return false;
      await held;
      await route.continue();
      return true;
    });
    await signIn(page);
    const line = page.getByTestId("directory-download");
    await expect.poll(() => line.textContent()).toBe(
      `Downloading the directory snapshot: 1.0 MB of ${(size / 1e6).toFixed(1)} MB (${Math.floor((MiB * 100) / size)} %)…`,
    );
    expect(await page.getByRole("progressbar").getAttribute("aria-valuenow")).toBe(String(MiB));
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator(".directory-status").screenshot({ path: ".cache/e2e-screenshots/directory-download.png" });
    release();
    await expect.poll(() => page.getByTestId("directory-info").textContent(), { timeout: 30_000 }).toMatch(/^20,000 users/);
    await expect.poll(() => line.count()).toBe(0);
    expect(ranges).toEqual([`bytes=0-${MiB - 1}`, `bytes=${MiB}-${2 * MiB - 1}`]);
    expect(await stored(page)).toEqual({ snapshot: size, chunks: [] });
  });

  it("resumes from the chunk it kept when the connection drops on the next one and the page reloads", async () => {
    page = await freshPage();
    const dropped: string[] = [];
    await watchDownloads(page, async (range, route) => {
      if (!range.startsWith(`bytes=${MiB}-`)) return false;
      dropped.push(range);
      await route.abort("connectionreset");
      return true;
    });
    await signIn(page);
    await expect.poll(() => dropped.length).toBeGreaterThan(0);
    expect(await stored(page)).toEqual({ snapshot: null, chunks: [0] });

    await page.unrouteAll({ behavior: "wait" });
    const ranges = await watchDownloads(page);
    await page.reload();
    await expect.poll(() => page.getByTestId("directory-info").textContent(), { timeout: 30_000 }).toMatch(/^20,000 users/);
    expect(ranges).toEqual([`bytes=${MiB}-${2 * MiB - 1}`]);
    expect(await stored(page)).toEqual({ snapshot: size, chunks: [] });
  });

  it("raised no page error", () => {
    expect(errors).toEqual([]);
  });
});
