import { describe, expect, it } from "vitest";
import { runDenoScript } from "../../support/edge-process.ts";

describe("edge/store/batch.ts createBatch()", () => {
  it("cuts mutations added in one synchronous loop into commits within KV's limits, and writes them all", () => {
    const out = JSON.parse(runDenoScript("tests/edge/store/batch.deno.ts"));
    expect(out["many small"]).toMatchObject({ flushed: true, read: 2_500 });
    expect(out["many small"].largestCommit).toBeLessThanOrEqual(900); // Deno KV refuses more than 1,000
    expect(out["few large"]).toMatchObject({ flushed: true, read: 400 });
    expect(out["few large"].commits).toBeGreaterThan(1); // 800 KB does not fit one atomic
  }, 60_000);
});
