/** What a sync run lets go of before it applies (edge/sync/run.ts), under Deno on an in-memory KV. */
import { describe, expect, it } from "vitest";
import { scenarios } from "../../support/deno-scenarios.ts";

const result = scenarios("tests/edge/sync/release.deno.ts");

describe("a sync run's directory in memory", () => {
  it("a full run applies without holding the directory it read: the cache decodes the stored one again", () => {
    expect(result("a full run")).toEqual({ kind: "full", state: "done", error: null, applied: expect.any(Number) });
    expect((result("a full run") as { applied: number }).applied).toBeGreaterThan(0);
    expect(result("after a full run: the cache no longer holds the directory the run read")).toEqual({
      stored: true,
      sameUsers: true,
      sameObject: false,
    });
  });
  it("a people run keeps the cached directory, so the next event run does not compile it again", () => {
    expect(result("a people run")).toMatchObject({ kind: "people", state: "done", error: null });
    expect(result("after a people run: the cache keeps its directory")).toBe(true);
  });
});
