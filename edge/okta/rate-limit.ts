/**
 * Pacing, so a healthy run never sees a 429. Okta counts requests per bucket (endpoint
 * prefix) and reports `X-Rate-Limit-Limit/Remaining/Reset` on every answer. Per bucket we
 * keep the last window seen and the requests we have in flight in it, and only send when
 * `remaining − inFlight` stays above a reserve (10% of the limit, left for other clients of
 * the org). A bucket we know nothing about (start, or its window has passed) gets one probe
 * request at a time until an answer tells us the new window. On top, a global cap on
 * requests in flight (Okta also limits concurrency per org). The outbound transport waits
 * on it as its throttle (`pacingThrottle`).
 */
import { createSemaphore, type OutboundRequest, type Throttle } from "../outbound/index.ts";
import { msUntilReset, type RateHeaders, readRateHeaders } from "./retry.ts";

/** Bucket of a request path: the prefixes Okta publishes separate limits for. */
export function bucketOf(path: string): string {
  if (path.startsWith("/oauth2/")) return "/oauth2";
  if (path === "/api/v1/users") return "/api/v1/users";
  if (path.startsWith("/api/v1/users/")) return "/api/v1/users/{id}";
  if (path === "/api/v1/groups") return "/api/v1/groups";
  if (path.startsWith("/api/v1/groups/")) return "/api/v1/groups/{id}";
  if (path === "/api/v1/apps" || path.startsWith("/api/v1/apps/")) return "/api/v1/apps";
  return "other";
}

interface Bucket {
  known: boolean;
  limit: number;
  remaining: number;
  /** epoch seconds of the window, to tell late answers from a new window */
  window: number;
  /** local ms when the window is surely over (server reset + margin) */
  resetAt: number;
  inFlight: number;
  waiters: (() => void)[];
}

export interface PacerOptions {
  maxInFlight: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** share of each bucket left unused for other clients of the org */
  reserveRatio?: number;
  resetMarginMs?: number;
}

export interface Pacer {
  /** Wait for a global slot and room in the bucket; pair with `release`. */
  acquire(bucket: string): Promise<void>;
  /** Free the slot; `headers` (when there was an answer) update the bucket's window. */
  release(bucket: string, headers: RateHeaders | null): void;
  /** Peak number of requests that were in flight at once (for tests and benchmarks). */
  peakInFlight(): number;
}

export function createPacer(options: PacerOptions): Pacer {
  const { maxInFlight, now, sleep } = options;
  const reserveRatio = options.reserveRatio ?? 0.1;
  const margin = options.resetMarginMs ?? 1_000;
  const buckets = new Map<string, Bucket>();
  const slots = createSemaphore(maxInFlight);
  let inFlight = 0;
  let peak = 0;

  const get = (key: string): Bucket => {
    let b = buckets.get(key);
    if (!b) {
      b = { known: false, limit: 0, remaining: 0, window: 0, resetAt: 0, inFlight: 0, waiters: [] };
      buckets.set(key, b);
    }
    return b;
  };
  const changed = (b: Bucket) => new Promise<void>((resolve) => b.waiters.push(resolve));
  const notify = (b: Bucket) => {
    const ws = b.waiters;
    b.waiters = [];
    for (const w of ws) w();
  };

  async function enterBucket(b: Bucket): Promise<void> {
    for (;;) {
      const t = now();
      if (b.known && t >= b.resetAt) b.known = false;
      if (!b.known) {
        if (b.inFlight === 0) break; // probe
        await changed(b);
        continue;
      }
      const reserve = Math.floor(b.limit * reserveRatio);
      if (b.remaining - b.inFlight > reserve) break;
      await sleep(Math.max(1, b.resetAt - t));
    }
    b.inFlight++;
  }

  return {
    async acquire(key) {
      const b = get(key);
      // Bucket room first, then a global slot: a request parked on an exhausted bucket
      // must not hold a slot other buckets could use.
      await enterBucket(b);
      await slots.acquire();
      inFlight++;
      peak = Math.max(peak, inFlight);
    },
    release(key, h) {
      const b = get(key);
      b.inFlight = Math.max(0, b.inFlight - 1);
      inFlight--;
      slots.release();
      // limit 0 / remaining 0 is the concurrency limit, not a window: the retry delay handles it.
      if (h && h.limit !== null && h.limit > 0 && h.remaining !== null && h.reset !== null) {
        const t = now();
        // Only a newer window re-arms the bucket: a late answer from a window we already
        // saw end must not (its Date is stale, so it would announce a reset still ahead).
        if (h.reset > b.window) {
          b.known = true;
          b.limit = h.limit;
          b.remaining = h.remaining;
          b.window = h.reset;
          b.resetAt = t + (msUntilReset(h, t) ?? 0) + margin;
        } else if (b.known && h.reset === b.window) {
          b.remaining = Math.min(b.remaining, h.remaining);
        }
      }
      notify(b);
    },
    peakInFlight: () => peak,
  };
}

/**
 * The pacer as the transport's throttle: each attempt waits in its path's bucket, and the
 * answer's rate-limit headers (none for a network failure) update that bucket.
 */
export function pacingThrottle(pacer: Pacer): Throttle {
  const bucket = (r: OutboundRequest) => bucketOf(new URL(r.url).pathname);
  return {
    acquire: (r) => pacer.acquire(bucket(r)),
    release: (r, attempt) => pacer.release(bucket(r), attempt.kind === "answer" ? readRateHeaders(attempt.answer.headers) : null),
  };
}
