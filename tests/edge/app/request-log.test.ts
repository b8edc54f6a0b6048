/**
 * The request log of the real edge over HTTP: a path carrying control characters (a forged
 * "admin created" line after %0a, terminal escapes, Unicode line separators) yields exactly
 * one log line, with the characters escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EdgeProcess, startEdge } from "../../support/edge-process.ts";

let edge: EdgeProcess;

beforeAll(async () => {
  edge = await startEdge({ env: { DOORSYNC_DEMO: "0" } });
});
afterAll(async () => {
  await edge?.stop();
});

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (info|warn|error) [a-z][a-z.-]*( [A-Za-z0-9_.-]+=("(?:[^"\\]|\\.)*"|[^ "]+))*$/;

async function logLinesAfter(marker: string): Promise<string[]> {
  // The line is written after the answer; give the process a moment to flush it.
  for (let i = 0; i < 50 && !edge.logs().includes(marker); i++) await new Promise((r) => setTimeout(r, 20));
  return edge.logs().split("\n").filter((l) => l.includes(marker));
}

describe("request log", () => {
  it.each([
    [
      "a line feed (a forged admin-created line)",
      "%0a2025-01-01T00:00:00.000Z%20info%20admin-created%20username=mallory",
      "\\n2025-01-01T00:00:00.000Z info admin-created username=mallory",
    ],
    ["a carriage return", "%0d%0a2025-01-01T00:00:00.000Z%20info%20request", "\\r\\n2025-01-01T00:00:00.000Z info request"],
    ["NUL, ESC and DEL", "%00%1b[2J%7f", "\\u0000\\u001b[2J\\u007f"],
    ["a C1 next-line", "%c2%85next", "\\u0085next"],
    ["Unicode line and paragraph separators", "%e2%80%a8a%e2%80%a9b", "\\u2028a\\u2029b"],
    ["a quote (no way out of the quoted value)", "%22%20status=200%20x=%22", '\\" status=200 x=\\"'],
  ])("writes one escaped line for a path with %s", async (_what, encoded, escaped) => {
    const marker = `m${Math.random().toString(36).slice(2, 10)}`;
    const res = await edge.client().request(`/api/${marker}${encoded}`);
    expect(res.status).toBe(401); // unknown and without a session
    const lines = await logLinesAfter(marker);
    expect(lines).toEqual([expect.stringMatching(LINE)]);
    expect(lines[0]).toContain(` info request method=GET path="/api/${marker}${escaped}" status=401`);
  });

  it("keeps every line of the log in the one format", async () => {
    await edge.client().request("/api/health");
    const lines = edge.logs().split("\n").filter((l) => l !== "");
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(LINE);
  });
});
