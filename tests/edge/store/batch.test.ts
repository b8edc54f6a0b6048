/** createBatch() (edge/store/batch.ts): many KV writes as few atomics inside Deno KV's limits. */
import { describe, expect, it } from "vitest";
import { scenarios } from "../../support/deno-scenarios.ts";

const result = scenarios("tests/edge/store/batch.deno.ts");

describe("createBatch()", () => {
  it("cuts 5,000 sets added at once into commits of at most 900 and writes them all", () => {
    expect(result("many sets: flushed")).toBe(true);
    expect(result("many sets: all written")).toBe(5000);
    expect(result("many sets: stats")).toMatchObject({ largestCommit: 900, largestValue: expect.any(Number) });
  });
  it("keeps each commit under KV's size limit", () => {
    expect(result("large values: flushed")).toBe(true);
    expect(result("large values: largest commit")).toBeLessThanOrEqual(12);
  });
  it("lets a writer that awaits ready() run at most two commits ahead of KV", () => {
    const began = result("ready: added at commits") as number[];
    expect(began.length).toBe(6);
    began.forEach((added, k) => expect(added).toBeLessThanOrEqual((k + 2) * 900));
    expect(result("no ready: added at commits")).toEqual([5000, 5000, 5000, 5000, 5000, 5000]);
  });
  it("refuses a value over 60,000 bytes before KV does", () => expect(result("oversized value")).toMatch(/70002 bytes \(limit 60000\)/));
  it("writes nothing once its fence (the lease) is lost", () => {
    expect(result("lost fence: flush")).toBe(false);
    expect(result("lost fence: nothing written")).toBe(true);
    expect(result("lost fence: ready")).toBe(false);
  });
});
