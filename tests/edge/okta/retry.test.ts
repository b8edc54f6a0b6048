import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, msUntilReset, rateLimitDelay, readRateHeaders } from "../../../edge/okta/retry.ts";

const fixed = (x: number) => () => x;

describe("backoffDelay()", () => {
  it.each([
    // attempt, random, expected (base 500, cap 30 000, equal jitter)
    [1, 0, 250],
    [1, 1, 500],
    [2, 0, 500],
    [3, 0.5, 1500],
    [4, 1, 4000],
    [6, 1, 16000],
    [7, 1, 30000],
    [20, 0, 15000],
  ])("attempt %i with random %d waits %i ms", (attempt, r, expected) => {
    expect(backoffDelay(attempt, fixed(r))).toBe(expected);
  });

  it("never exceeds the cap and never goes below half the step", () => {
    for (let attempt = 1; attempt < 30; attempt++) {
      for (const r of [0, 0.3, 0.999]) {
        const d = backoffDelay(attempt, fixed(r));
        const step = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** (attempt - 1));
        expect(d).toBeLessThanOrEqual(DEFAULT_RETRY.maxDelayMs);
        expect(d).toBeGreaterThanOrEqual(step / 2);
      }
    }
  });
});

describe("isRetryableStatus()", () => {
  it.each([
    [429, undefined, true],
    [500, "E0000009", true],
    [502, undefined, true],
    [503, "E0000100", true],
    [400, "E0000031", false],
    [401, "E0000011", false],
    [403, "E0000006", false],
    [404, "E0000007", false],
    [400, "E0000100", true],
  ])("status %i with %s → %s", (status, code, expected) => {
    expect(isRetryableStatus(status, code)).toBe(expected);
  });
});

const headers = (h: Record<string, string>) => readRateHeaders(new Headers(h));

describe("rate-limit timing", () => {
  const date = "Sat, 28 Nov 2026 12:00:00 GMT";
  const serverNow = Date.parse(date);

  it("measures the wait on the server's clock, whatever the local clock says", () => {
    const h = headers({
      "x-rate-limit-limit": "600",
      "x-rate-limit-remaining": "0",
      "x-rate-limit-reset": String(serverNow / 1000 + 7),
      date,
    });
    expect(msUntilReset(h, 0)).toBe(7000);
    expect(msUntilReset(h, serverNow + 99_999)).toBe(7000);
  });

  it("falls back to the local clock without a Date header", () => {
    const h = headers({ "x-rate-limit-reset": "100" });
    expect(msUntilReset(h, 95_000)).toBe(5000);
  });

  it("waits for the reset plus the margin after a 429", () => {
    const h = headers({
      "x-rate-limit-limit": "600",
      "x-rate-limit-remaining": "0",
      "x-rate-limit-reset": String(serverNow / 1000 + 3),
      date,
    });
    expect(rateLimitDelay(h, 0, fixed(0))).toBe(3000 + DEFAULT_RETRY.resetMarginMs);
    expect(rateLimitDelay(h, 0, fixed(1))).toBe(3000 + DEFAULT_RETRY.resetMarginMs + 250);
  });

  it("backs off 1–2 s on the concurrency limit (0/0 headers)", () => {
    const h = headers({
      "x-rate-limit-limit": "0",
      "x-rate-limit-remaining": "0",
      "x-rate-limit-reset": String(serverNow / 1000 + 60),
      date,
    });
    expect(rateLimitDelay(h, 0, fixed(0))).toBe(1000);
    expect(rateLimitDelay(h, 0, fixed(1))).toBe(2000);
  });

  it("ignores garbled headers", () => {
    expect(headers({ "x-rate-limit-limit": "lots", "x-rate-limit-remaining": "" })).toEqual({
      limit: null,
      remaining: null,
      reset: null,
      serverDate: null,
    });
  });
});
