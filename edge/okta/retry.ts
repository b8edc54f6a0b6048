/**
 * Okta's retry rules. Pure: the clock and randomness come in as arguments.
 * Retried: 5xx, E0000009/E0000100, 429 and network failures. Never other 4xx.
 */
import { backoffDelay as jitteredBackoff, type RetryPolicy } from "../outbound/index.ts";

export interface OktaRetryPolicy extends RetryPolicy {
  /** Added after a rate-limit reset so the server's window has surely rolled over. */
  resetMarginMs: number;
}

export const DEFAULT_RETRY: OktaRetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  resetMarginMs: 1_000,
};

/** The transport's capped exponential backoff with equal jitter, on Okta's numbers by default. */
export function backoffDelay(attempt: number, random: () => number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return jitteredBackoff(attempt, random, policy);
}

const RETRYABLE_OKTA_CODES = new Set(["E0000009", "E0000100"]);

export function isRetryableStatus(status: number, oktaErrorCode: string | undefined): boolean {
  if (status === 429 || status >= 500) return true;
  return oktaErrorCode !== undefined && RETRYABLE_OKTA_CODES.has(oktaErrorCode);
}

/** Rate-limit headers of one response, numbers or null when absent/garbled. */
export interface RateHeaders {
  limit: number | null;
  remaining: number | null;
  /** epoch seconds */
  reset: number | null;
  /** server clock (ms) from the `Date` header */
  serverDate: number | null;
}

const num = (s: string | null): number | null => {
  if (s === null || s.trim() === "") return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

export function readRateHeaders(headers: Headers): RateHeaders {
  const date = headers.get("date");
  const parsed = date ? Date.parse(date) : NaN;
  return {
    limit: num(headers.get("x-rate-limit-limit")),
    remaining: num(headers.get("x-rate-limit-remaining")),
    reset: num(headers.get("x-rate-limit-reset")),
    serverDate: Number.isFinite(parsed) ? parsed : null,
  };
}

/**
 * Milliseconds from now until the bucket resets, measured on the server's clock
 * (reset − Date) so a skewed local clock does not matter; falls back to the local clock.
 */
export function msUntilReset(h: RateHeaders, localNow: number): number | null {
  if (h.reset === null) return null;
  const serverNow = h.serverDate ?? localNow;
  return Math.max(0, h.reset * 1000 - serverNow);
}

/**
 * How long to wait after a 429. Limit 0 / remaining 0 is Okta's concurrency limit: back
 * off 1–2 s. Otherwise wait for the reset plus a margin and a little jitter.
 */
export function rateLimitDelay(h: RateHeaders, localNow: number, random: () => number, policy: OktaRetryPolicy = DEFAULT_RETRY): number {
  const jitter = Math.round(random() * 250);
  if (h.limit === 0 && h.remaining === 0) return 1_000 + Math.round(random() * 1_000);
  const untilReset = msUntilReset(h, localNow);
  if (untilReset === null) return backoffDelay(1, random, policy) + 1_000;
  return Math.min(untilReset + policy.resetMarginMs, 120_000) + jitter;
}
