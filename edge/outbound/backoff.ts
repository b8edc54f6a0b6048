/**
 * How long to wait before a retry. Pure: randomness and the clock come in as arguments.
 */

/** When to give up and how far apart the tries are; each client brings its own numbers. */
export interface RetryPolicy {
  /** Total attempts per request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Capped exponential backoff with "equal jitter": half the step is fixed, half random, so
 * retries never bunch up yet always wait a little. `attempt` is the one that failed (1-based).
 */
export function backoffDelay(attempt: number, random: () => number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return step / 2 + random() * (step / 2);
}

/** Retry-After is honoured at most this long unless the client says otherwise. */
export const RETRY_AFTER_CAP_MS = 60_000;

/**
 * `Retry-After` (seconds, or an HTTP date read against `nowMs`) in milliseconds, between 0
 * and `capMs`; null when absent or unreadable.
 */
export function retryAfterMs(header: string | null, nowMs: number, capMs = RETRY_AFTER_CAP_MS): number | null {
  if (!header) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - nowMs;
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), capMs) : null;
}
