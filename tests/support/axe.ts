/**
 * axe-core in a Playwright page: its source is evaluated through the DevTools protocol (not
 * a script tag, which the edge's CSP would refuse), then `axe.run` checks the whole document.
 * Returns the serious and critical violations as readable lines (empty when there are none).
 */
import axe from "axe-core";
import type { Page } from "playwright-core";

export interface AxeLine {
  id: string;
  impact: string;
  help: string;
  targets: string[];
  summary: string;
}

export async function seriousViolations(page: Page): Promise<string[]> {
  const injected = await page.evaluate(() => "axe" in globalThis);
  if (!injected) await page.evaluate(axe.source);
  const lines: AxeLine[] = await page.evaluate(async () => {
    const run = (globalThis as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "unknown",
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      summary: (v.nodes[0]?.failureSummary ?? "").replace(/\s+/g, " "),
    }));
  });
  return lines.filter((l) => l.impact === "serious" || l.impact === "critical").map((l) =>
    `${l.impact} ${l.id}: ${l.help} at ${l.targets.join(", ")} (${l.summary})`
  );
}
