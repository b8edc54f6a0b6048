/**
 * One HTTP exchange with the org, with everything a polite client does around it: pacing
 * per rate-limit bucket, a cap on requests in flight, retries of 429 / 5xx / network
 * failures with backoff, one token renewal on 401, and a timeout. Answers come back as
 * text; callers decide what a status means (see `getJson`).
 */
import { ok, type Result } from "../../shared/result.ts";
import { errorFromResponse, type OktaErrorCode, oktaFail, OktaErrorBodySchema, parseJson } from "./errors.ts";
import type { Pacer } from "./rate-limit.ts";
import { bucketOf } from "./rate-limit.ts";
import { backoffDelay, isRetryableStatus, rateLimitDelay, readRateHeaders, type RetryPolicy } from "./retry.ts";
import * as v from "valibot";

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  url: string;
}

/**
 * Credentials for one request. `renew(used)` is called on a 401 with the headers that were
 * refused: it drops that cached token and says whether a retry can use a new one (never for SSWS).
 */
export interface Auth {
  headers(method: string, url: string): Promise<Result<Record<string, string>, OktaErrorCode>>;
  renew(used: Record<string, string>): boolean;
}

export interface TransportOptions {
  baseUrl: string;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  pacer: Pacer;
  retry: RetryPolicy;
  timeoutMs: number;
  /** called once per HTTP attempt (progress counter) */
  onRequest: () => void;
}

export interface SendInput {
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
  auth?: Auth;
}

export interface Transport {
  origin: string;
  /** acme.okta.com: the name every message uses */
  host: string;
  send(input: SendInput): Promise<Result<HttpAnswer, OktaErrorCode>>;
}

/** DNS says the name does not exist: retrying will not help. */
const DNS_FAILURE = /ENOTFOUND|EAI_NONAME|failed to lookup address|Name or service not known|nodename nor servname/i;

function describeNetworkError(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err?.cause;
  const detail = cause?.code ?? cause?.message;
  return [err?.message ?? String(e), detail].filter(Boolean).join(": ");
}

export function createTransport(o: TransportOptions): Transport {
  const base = new URL(o.baseUrl);
  const host = base.host;
  let answered = false; // any HTTP answer from the org so far: tells unknown-domain from network

  /** One fetch, body included: a dropped connection or truncated body throws while reading. */
  async function exchange(input: SendInput, headers: Record<string, string>): Promise<Result<HttpAnswer, OktaErrorCode>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${o.timeoutMs} ms`)), o.timeoutMs);
    try {
      o.onRequest();
      const init = { method: input.method, headers, body: input.body, signal: controller.signal, redirect: "manual" as const };
      const res = await o.fetch(input.url, init);
      answered = true; // the org answered, even if the body then breaks off
      const text = await res.text();
      return ok({ status: res.status, headers: res.headers, text, url: input.url });
    } catch (e) {
      const reason = describeNetworkError(e);
      return oktaFail(DNS_FAILURE.test(reason) ? "unknown-domain" : "network", `Could not reach ${host}: ${reason}`);
    } finally {
      clearTimeout(timer);
    }
  }

  async function send(input: SendInput): Promise<Result<HttpAnswer, OktaErrorCode>> {
    const bucket = bucketOf(new URL(input.url).pathname);
    let renewed = false;
    let retryFor: string | null = null;
    let rateRetries = 0;
    for (let n = 1; ; n++) {
      const headers: Record<string, string> = { Accept: "application/json", ...input.headers };
      if (retryFor !== null) {
        headers["X-Okta-Retry-For"] = retryFor;
        headers["X-Okta-Retry-Count"] = String(rateRetries);
      }
      // Credentials before a slot: minting a token needs a slot of its own.
      if (input.auth) {
        const auth = await input.auth.headers(input.method, input.url);
        if (!auth.ok) return auth; // the token request did its own retries
        Object.assign(headers, auth.value);
      }
      await o.pacer.acquire(bucket);
      const result = await exchange(input, headers);
      o.pacer.release(bucket, result.ok ? readRateHeaders(result.value.headers) : null);
      const last = n >= o.retry.maxAttempts;

      if (!result.ok) {
        // DNS failures are final; other network errors retry.
        if (result.error.code !== "network") return result;
        if (last) {
          // Never answered at all: the org is not there (refused, unroutable). Answered before: the line is bad.
          if (!answered) return oktaFail("unknown-domain", result.error.message);
          const reason = result.error.message.replace(`Could not reach ${host}: `, "");
          return oktaFail("network", `The connection to ${host} kept failing (${reason}); gave up after ${n} attempts`);
        }
        await o.sleep(backoffDelay(n, o.random, o.retry));
        continue;
      }

      const answer = result.value;
      if (answer.status === 401 && input.auth && !renewed && input.auth.renew(headers)) {
        renewed = true;
        continue;
      }
      if (answer.status < 400) return ok(answer);
      const body = v.safeParse(OktaErrorBodySchema, parseJson(answer.text));
      const oktaCode = body.success ? body.output.errorCode : undefined;
      if (!isRetryableStatus(answer.status, oktaCode) || last) return ok(answer);

      if (answer.status === 429) {
        rateRetries++;
        retryFor = answer.headers.get("x-okta-request-id") ?? "unknown";
        await o.sleep(rateLimitDelay(readRateHeaders(answer.headers), o.now(), o.random, o.retry));
      } else {
        await o.sleep(backoffDelay(n, o.random, o.retry));
      }
    }
  }

  return { origin: base.origin, host, send };
}

/** A GET whose 2xx JSON body is returned parsed; any other answer becomes an error value. */
export async function getJson(
  t: Transport,
  url: string,
  auth: Auth,
): Promise<Result<{ body: unknown; answer: HttpAnswer }, OktaErrorCode>> {
  const sent = await t.send({ method: "GET", url, auth });
  if (!sent.ok) return sent;
  const answer = sent.value;
  const path = new URL(url).pathname;
  if (answer.status < 200 || answer.status >= 300) {
    if (answer.status >= 300 && answer.status < 400) {
      return oktaFail("unknown-domain", `Could not reach ${t.host}: ${path} redirected (${answer.status}) to ${answer.headers.get("location") ?? "?"}; is this the Okta org URL?`, { status: answer.status });
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
