/** createReadCheckpoint() (edge/store/okta-read.ts): a whole-directory read saved page by page to KV, resumed after a cut. */
import { describe, expect, it } from "vitest";
import { scenarios } from "../../support/deno-scenarios.ts";

const result = scenarios("tests/edge/store/okta-read.deno.ts");

describe("createReadCheckpoint()", () => {
  it("reads a 1,030-user directory in 12 requests without it", () => expect(result("fresh: requests")).toBe(12));

  it("stops saving, and the read answers interrupted, once the lease is lost", () => {
    expect(result("cut: answer")).toBe("interrupted");
    expect(result("cut: pages saved")).toBe(5);
  });

  it("resumes a cut read where it stopped: the same directory, the saved pages not read again", () => {
    expect(result("resumed: same directory")).toBe(true);
    expect(result("resumed: same watermark")).toBe(true);
    expect(result("resumed: pages not read again")).toBe(5);
    expect(result("resumed: requests")).toBe(12 - 5);
    expect(result("resumed: pages saved")).toBe(12);
  });

  it("clears every key of a finished read", () => expect(result("cleared: keys left")).toBe(0));

  it("clears another run's unfinished read instead of resuming it", () => {
    expect(result("other run: pages of run 2")).toBe(2);
    expect(result("other run: resume")).toBeNull();
    expect(result("other run: keys left")).toBe(0);
  });

  it("ignores a page its list's cursor does not count (written, then the instance stopped)", () => {
    expect(result("past cursor: stray user")).toBe(false);
    expect(result("past cursor: same directory")).toBe(true);
  });

  it("drops a damaged checkpoint with a warning and reads everything again", () => {
    expect(result("damaged: answer")).toBe(0);
    expect(result("damaged: requests")).toBe(12);
    expect(result("damaged: same directory")).toBe(true);
    expect(result("damaged: warning")).toMatch(/^okta-read\.checkpoint-dropped saved page .* not a zlib stream/);
  });
});
