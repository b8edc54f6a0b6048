/** The outbound HTTP transport: what both upstream clients send their requests through. */
export type { Answer, Attempt, AttemptPolicy, OutboundRequest, Outcome, Verdict } from "./attempt.ts";
export { backoffDelay, RETRY_AFTER_CAP_MS, retryAfterMs, type RetryPolicy } from "./backoff.ts";
export { createSemaphore, inFlightCap, type Semaphore, type Throttle } from "./throttle.ts";
export { type Fetch, guardedFetch, UPSTREAM_LIMITS, type UpstreamLimits } from "./guarded-fetch.ts";
export { createTransport, type Transport, type TransportOptions } from "./transport.ts";
