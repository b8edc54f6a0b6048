import { describe, expect, it } from "vitest";
import { runDenoScript } from "../../support/edge-process.ts";

describe("edge/store/draft.ts saveDraft()", () => {
  it("keeps the draft whole through 100 rounds of unconditional saves racing each other and a read", () => {
    const { whole } = JSON.parse(runDenoScript("tests/edge/store/draft-race.deno.ts"));
    expect(whole).toBe(100);
  }, 120_000);
});
