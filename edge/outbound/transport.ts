/**
 * The one outbound HTTP stack both upstream clients use. A request is attempted until its
 * client's policy calls an attempt final or the attempts run out. Around each attempt: the
 * throttle (the in-flight cap, or Okta's pacing, which includes one), a timeout from sending to
 * the body's last byte, and the guarded fetch (one origin, no redirects, the per-answer size
 * cap). Between attempts a wait: the policy's own, else Retry-After where the client honours
 * it, else capped exponential backoff with jitter. The world (fetch, clock in epoch ms,
 * sleep, randomness) is passed in.
 */
import { ok, type Result } from "../../shared/result.ts";
import type { Attempt, AttemptPolicy, OutboundRequest, Outcome } from "./attempt.ts";
import { backoffDelay, retryAfterMs, type RetryPolicy } from "./backoff.ts";
import type { Throttle } from "./throttle.ts";
import { guardedFetch, type UpstreamLimits } from "./guarded-fetch.ts";

export interface TransportOptions {
  /** the one origin requests may go to */
  baseUrl: string;
  /** "Okta", "Genea": names the upstream in the size and time cap errors */
  name: string;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** jitter source, [0, 1) */
  random: () => number;
  throttle: Throttle;
  retry: RetryPolicy;
  /** honour Retry-After up to this long; absent: the header is not read */
  retryAfterCapMs?: number;
  /** one attempt, from sending the request to the body's last byte */
  timeoutMs: number;
  /** per-answer caps (default UPSTREAM_LIMITS) */
  limits?: UpstreamLimits;
}

export interface Transport {
  origin: string;
  /** acme.okta.com: the name messages use */
  host: string;
  send<C extends string>(request: OutboundRequest, policy: AttemptPolicy<C>): Promise<Result<Outcome, C>>;
  /** attempts sent so far, retries included */
  requestCount(): number;
}

export function createTransport(o: TransportOptions): Transport {
  const base = new URL(o.baseUrl);
  const wire = guardedFetch(o.fetch, base.href, o.name, o.limits);
  let count = 0;

  /** One fetch, body included: a dropped connection or a truncated body throws while reading. */
  async function exchange(request: OutboundRequest, headers: Record<string, string>): Promise<Attempt> {
    const controller = new AbortController();
    let timedOut = false;
    let answered = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`timed out after ${o.timeoutMs} ms`, "TimeoutError"));
    }, o.timeoutMs);
    try {
      count++;
      const init = { method: request.method, headers, body: request.body, signal: controller.signal, redirect: "manual" as const };
      const res = await wire(request.url, init);
      answered = true;
      const text = await res.text();
      return { kind: "answer", answer: { status: res.status, headers: res.headers, text, url: request.url } };
    } catch (error) {
      return { kind: "network", error, timedOut, answered };
    } finally {
      clearTimeout(timer);
    }
  }

  function wait<C extends string>(attempt: Attempt, n: number, policy: AttemptPolicy<C>): number {
    const own = policy.beforeRetry?.(attempt, n);
    if (own !== undefined) return own;
    if (o.retryAfterCapMs !== undefined && attempt.kind === "answer") {
      const hinted = retryAfterMs(attempt.answer.headers.get("retry-after"), o.now(), o.retryAfterCapMs);
      if (hinted !== null) return hinted;
    }
    return backoffDelay(n, o.random, o.retry);
  }

  async function send<C extends string>(request: OutboundRequest, policy: AttemptPolicy<C>): Promise<Result<Outcome, C>> {
    for (let n = 1;; n++) {
      // Headers before a slot: minting a token takes a slot of its own.
      const extra = policy.headers ? await policy.headers(n) : ok({});
      if (!extra.ok) return extra;
      const headers = { ...request.headers, ...extra.value };
      await o.throttle.acquire(request);
      const attempt = await exchange(request, headers);
      o.throttle.release(request, attempt);
      const verdict = policy.judge(attempt, n, headers);
      if (verdict === "renew") continue;
      if (verdict === "final" || n >= o.retry.maxAttempts) return ok({ attempt, attempts: n });
      await o.sleep(wait(attempt, n, policy));
    }
  }

  return { origin: base.origin, host: base.host, send, requestCount: () => count };
}
