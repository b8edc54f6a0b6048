/**
 * Launch the system Chromium (Debian's /usr/bin/chromium) with playwright-core: headless,
 * no sandbox, no background networking, a fresh profile per launch. Never downloads a
 * browser. `hasChromium()` lets suites skip with a clear message when it is missing.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);
export const NO_CHROMIUM_MESSAGE = `Skipping browser tests: ${CHROMIUM_PATH} is missing (apt-get install chromium).`;

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context in a fresh temporary profile (IndexedDB survives page reloads). */
export async function launchChromium(opts: { colorScheme?: "light" | "dark"; viewport?: { width: number; height: number } } = {}): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "doorsync-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    colorScheme: opts.colorScheme ?? "light",
    viewport: opts.viewport ?? { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser, BrowserContext };
