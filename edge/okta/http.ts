/**
 * One HTTP exchange with the org, through the outbound transport, with Okta's policy around
 * it: credentials before each attempt and one token renewal on 401, retries of 5xx,
 * E0000009/E0000100, 429 (waiting for the bucket's reset, marked with X-Okta-Retry-For) and
 * network failures, DNS failures final. Answers come back as text; callers decide what a
 * status means (see `getJson`).
 */
import * as v from "valibot";
import { type Answer, type Attempt, type AttemptPolicy, createTransport } from "../outbound/index.ts";
import { ok, type Result } from "../../shared/result.ts";
import { errorFromResponse, OktaErrorBodySchema, type OktaErrorCode, oktaFail, parseJson } from "./errors.ts";
import { type Pacer, pacingThrottle } from "./rate-limit.ts";
import { isRetryableStatus, type OktaRetryPolicy, rateLimitDelay, readRateHeaders } from "./retry.ts";

export type HttpAnswer = Answer;

/**
 * Credentials for one request. `renew(used)` is called on a 401 with the headers that were
 * refused: it drops that cached token and says whether a retry can use a new one (never for SSWS).
 */
export interface Auth {
  headers(method: string, url: string): Promise<Result<Record<string, string>, OktaErrorCode>>;
  renew(used: Record<string, string>): boolean;
}

export interface OktaTransportOptions {
  /** the org's origin */
  baseUrl: string;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** paces each rate-limit bucket and caps requests in flight: the transport's throttle */
  pacer: Pacer;
  retry: OktaRetryPolicy;
  /** per attempt */
  timeoutMs: number;
}

export interface SendInput {
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
  auth?: Auth;
}

export interface OktaTransport {
  origin: string;
  /** acme.okta.com: the name every message uses */
  host: string;
  send(input: SendInput): Promise<Result<HttpAnswer, OktaErrorCode>>;
  /** HTTP requests sent so far, retries included */
  requestCount(): number;
}

/** DNS says the name does not exist: retrying will not help. */
const DNS_FAILURE = /ENOTFOUND|EAI_NONAME|failed to lookup address|Name or service not known|nodename nor servname/i;

function describeNetworkError(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err?.cause;
  const detail = cause?.code ?? cause?.message;
  return [err?.message ?? String(e), detail].filter(Boolean).join(": ");
}

export function createOktaTransport(o: OktaTransportOptions): OktaTransport {
  const t = createTransport({
    baseUrl: o.baseUrl,
    name: "Okta",
    fetch: o.fetch,
    now: o.now,
    sleep: o.sleep,
    random: o.random,
    throttle: pacingThrottle(o.pacer),
    retry: o.retry,
    timeoutMs: o.timeoutMs,
  });
  const host = t.host;
  let answered = false; // any HTTP answer from the org so far: tells unknown-domain from network

  const reasonOf = (a: Extract<Attempt, { kind: "network" }>) =>
    a.timedOut ? `timed out after ${o.timeoutMs} ms` : describeNetworkError(a.error);

  /** Okta's rules for one request; state (renewal, retry markers) lives as long as the request. */
  function policy(input: SendInput): AttemptPolicy<OktaErrorCode> {
    let renewed = false;
    let retryFor: string | null = null;
    let rateRetries = 0;
    return {
      async headers() {
        const headers: Record<string, string> = {};
        if (retryFor !== null) {
          headers["X-Okta-Retry-For"] = retryFor;
          headers["X-Okta-Retry-Count"] = String(rateRetries);
        }
        if (!input.auth) return ok(headers);
        const auth = await input.auth.headers(input.method, input.url);
        return auth.ok ? ok({ ...headers, ...auth.value }) : auth; // the token request did its own retries
      },
      judge(attempt, _n, sent) {
        if (attempt.kind === "network") {
          if (attempt.answered) answered = true;
          return DNS_FAILURE.test(reasonOf(attempt)) ? "final" : "retry";
        }
        answered = true;
        const { status, text } = attempt.answer;
        if (status === 401 && input.auth && !renewed && input.auth.renew(sent)) {
          renewed = true;
          return "renew";
        }
        if (status < 400) return "final";
        const body = v.safeParse(OktaErrorBodySchema, parseJson(text));
        return isRetryableStatus(status, body.success ? body.output.errorCode : undefined) ? "retry" : "final";
      },
      beforeRetry(attempt) {
        if (attempt.kind !== "answer" || attempt.answer.status !== 429) return undefined; // backoff
        rateRetries++;
        retryFor = attempt.answer.headers.get("x-okta-request-id") ?? "unknown";
        return rateLimitDelay(readRateHeaders(attempt.answer.headers), o.now(), o.random, o.retry);
      },
    };
  }

  async function send(input: SendInput): Promise<Result<HttpAnswer, OktaErrorCode>> {
    const request = { method: input.method, url: input.url, headers: { Accept: "application/json", ...input.headers }, body: input.body };
    const sent = await t.send(request, policy(input));
    if (!sent.ok) return sent;
    const { attempt, attempts } = sent.value;
    if (attempt.kind === "answer") return ok(attempt.answer);
    const reason = reasonOf(attempt);
    // DNS failures are final at once; other network failures outlived the retries. Never
    // answered at all: the org is not there (refused, unroutable). Answered before: the line is bad.
    if (DNS_FAILURE.test(reason) || !answered) return oktaFail("unknown-domain", `Could not reach ${host}: ${reason}`);
    return oktaFail("network", `The connection to ${host} kept failing (${reason}); gave up after ${attempts} attempts`);
  }

  return { origin: t.origin, host, send, requestCount: () => t.requestCount() };
}

/** A GET whose 2xx JSON body is returned parsed; any other answer becomes an error value. */
export async function getJson(
  t: OktaTransport,
  url: string,
  auth: Auth,
): Promise<Result<{ body: unknown; answer: HttpAnswer }, OktaErrorCode>> {
  const sent = await t.send({ method: "GET", url, auth });
  if (!sent.ok) return sent;
  const answer = sent.value;
  const path = new URL(url).pathname;
  if (answer.status < 200 || answer.status >= 300) {
    if (answer.status >= 300 && answer.status < 400) {
      return oktaFail(
        "unknown-domain",
        `Could not reach ${t.host}: ${path} redirected (${answer.status}) to ${
          answer.headers.get("location") ?? "?"
        }; is this the Okta org URL?`,
        { status: answer.status },
      );
    }
    return errorFromResponse(t.host, path, answer.status, answer.headers, answer.text);
  }
  const body = parseJson(answer.text);
  if (body === undefined) {
    const html = /^\s*</.test(answer.text) || /html/i.test(answer.headers.get("content-type") ?? "");
    const what = html ? "HTML instead of JSON" : `a body that is not JSON (${answer.text.length} bytes)`;
    return oktaFail("malformed-response", `${t.host} answered ${path} with ${what}; is this an Okta org?`, { status: answer.status });
  }
  return ok({ body, answer });
}
