import { describe, expect, it } from "vitest";
import { backoffDelay, RETRY_AFTER_CAP_MS, retryAfterMs } from "../../../edge/outbound/index.ts";

const fixed = (x: number) => () => x;

describe("backoffDelay()", () => {
  const policy = { baseDelayMs: 250, maxDelayMs: 10_000 };
  it.each([
    // attempt, random, expected: half the step fixed, half random
    [1, 0, 125],
    [1, 0.5, 187.5],
    [1, 1, 250],
    [3, 0.5, 750],
    [6, 0.5, 6_000],
    [7, 0.5, 7_500],
    [40, 1, 10_000],
  ])("attempt %i with random %d waits %d ms", (attempt, r, expected) => {
    expect(backoffDelay(attempt, fixed(r), policy)).toBe(expected);
  });
});

describe("retryAfterMs()", () => {
  const now = Date.parse("2025-05-01T12:00:00.000Z");
  it("caps at RETRY_AFTER_CAP_MS unless given a cap of its own", () => {
    expect(RETRY_AFTER_CAP_MS).toBe(60_000);
    expect(retryAfterMs("120", now)).toBe(60_000);
    expect(retryAfterMs("120", now, 5_000)).toBe(5_000);
    expect(retryAfterMs("Thu, 01 May 2025 12:00:03 GMT", now, 5_000)).toBe(3_000);
  });
});
