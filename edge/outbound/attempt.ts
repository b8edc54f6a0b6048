/**
 * One attempt at a request, and what a client's policy makes of it. The transport owns the
 * loop (slots, timeouts, caps, waits); the policy owns the meaning (which answers are final,
 * which retried, what credentials to send).
 */
import type { Result } from "../../shared/result.ts";

export interface OutboundRequest {
  method: string;
  /** absolute, on the transport's origin */
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** An HTTP answer with its whole body (within the size cap). */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  url: string;
}

export type Attempt =
  | { kind: "answer"; answer: Answer }
  | {
    kind: "network";
    /** what fetch or the body read threw (the guard's cap errors included) */
    error: unknown;
    /** the transport's own timeout fired */
    timedOut: boolean;
    /** a status line had arrived: it was the body that broke off */
    answered: boolean;
  };

/**
 * - `final`: the request is over, this attempt is its outcome;
 * - `retry`: transient, tried again after a wait while attempts remain;
 * - `renew`: tried again at once whatever the count (new credentials after a 401); the
 *   policy must say it a bounded number of times.
 */
export type Verdict = "final" | "retry" | "renew";

export interface AttemptPolicy<C extends string> {
  /** Headers for attempt `n` (credentials, retry markers), fetched before it waits for a slot. A failure ends the request. */
  headers?(n: number): Promise<Result<Record<string, string>, C>>;
  /** `sent`: every header attempt `n` went out with. */
  judge(attempt: Attempt, n: number, sent: Record<string, string>): Verdict;
  /**
   * Called once before each retry: the wait in ms when the client knows better (Okta's
   * rate-limit reset), or undefined for Retry-After (where the transport reads it) or backoff.
   */
  beforeRetry?(attempt: Attempt, n: number): number | undefined;
}

/** The attempt that ended the request, and how many were made (renewals included). */
export interface Outcome {
  attempt: Attempt;
  attempts: number;
}
