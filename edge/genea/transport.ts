/**
 * One Genea request, done properly: Bearer key, JSON in and out, the `{ meta, data }`
 * envelope validated, 5xx/429/network failures retried with capped exponential backoff and
 * jitter (Retry-After honoured), other 4xx never retried, requests in flight capped.
 */
import { validate } from "../../shared/validate.ts";
import { ok, type Result } from "../../shared/result.ts";
import { describeBody, geneaError, keyHint, type GeneaErrorCode } from "./errors.ts";
import { createLimiter } from "./limiter.ts";
import { EnvelopeSchema, ErrorBodySchema, type Envelope } from "./schemas.ts";

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  maxInFlight: number;
  /** tries per request, the first included */
  maxAttempts: number;
  timeoutMs: number;
  now: () => Date;
}

export interface RequestInit {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /**
   * false for a create Genea cannot deduplicate (a mobile key): only a 429, which Genea did
   * not act on, is retried; a 5xx or a lost answer may have created it, so the caller decides.
   */
  idempotent?: boolean;
}

export type GeneaResult<T> = Result<T, GeneaErrorCode>;

export interface Transport {
  host: string;
  request(method: string, path: string, init?: RequestInit): Promise<GeneaResult<Envelope>>;
  /** HTTP requests sent so far, retries included */
  requestCount(): number;
}

const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 10_000;
const MAX_RETRY_AFTER_MS = 60_000;

type Attempt =
  | { kind: "response"; status: number; text: string; contentType: string | null; retryAfter: string | null }
  | { kind: "network"; cause: string };

function causeOf(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return `no answer within ${timeoutMs / 1000} s`;
  const cause = error.cause;
  if (cause instanceof Error) return cause.message;
  if (cause && typeof cause === "object" && "code" in cause) return String(cause.code);
  return error.message;
}

export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - nowMs;
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS) : null;
}

export function createTransport(o: TransportOptions): Transport {
  const base = o.baseUrl.replace(/\/+$/, "");
  const host = new URL(base).host;
  const limiter = createLimiter(o.maxInFlight);
  let count = 0;

  const once = (method: string, url: string, body: unknown): Promise<Attempt> =>
    limiter.run(async () => {
      count++;
      try {
        const res = await o.fetch(url, {
          method,
          headers: { Authorization: `Bearer ${o.apiKey}`, Accept: "application/json", "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(o.timeoutMs),
        });
        const text = await res.text();
        return { kind: "response", status: res.status, text, contentType: res.headers.get("content-type"), retryAfter: res.headers.get("retry-after") };
      } catch (error) {
        return { kind: "network", cause: causeOf(error, o.timeoutMs) };
      }
    });

  async function request(method: string, path: string, init: RequestInit = {}): Promise<GeneaResult<Envelope>> {
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const what = `${method} ${path}`;
    let attempt: Attempt;
    for (let n = 1; ; n++) {
      attempt = await once(method, url.href, init.body);
      const limited = attempt.kind === "response" && attempt.status === 429;
      const transient = limited || (init.idempotent !== false && (attempt.kind === "network" || attempt.status >= 500));
      if (!transient || n >= o.maxAttempts) return finish(attempt, what, n);
      const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (n - 1));
      const jittered = backoff / 2 + o.random() * (backoff / 2);
      const hinted = attempt.kind === "response" ? retryAfterMs(attempt.retryAfter, o.now().getTime()) : null;
      await o.sleep(hinted ?? jittered);
    }
  }

  function finish(attempt: Attempt, what: string, attempts: number): GeneaResult<Envelope> {
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    if (attempt.kind === "network") return geneaError("unreachable", `Could not reach ${host}: ${attempt.cause} (${what}${tries})`, { attempts });
    const { status, text } = attempt;
    // A 204 (or an empty 2xx) carries no envelope; callers that expect data will say so.
    if (status >= 200 && status < 300 && text.trim() === "") return ok({ meta: {}, data: null });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return geneaError("not-json", `Genea answered with something that is not JSON (${describeBody(text, attempt.contentType)}) to ${what}, HTTP ${status}; is ${base} the Genea API?`, { status, attempts });
    }
    if (status >= 200 && status < 300) {
      const envelope = validate(EnvelopeSchema, json, `Genea response to ${what}`);
      return envelope.ok ? ok(envelope.value) : geneaError("invalid-response", envelope.error.message, { status });
    }
    const parsed = validate(ErrorBodySchema, json, "error body");
    const said = parsed.ok ? (parsed.value.meta?.message ?? parsed.value.error?.message ?? parsed.value.message) : undefined;
    const geneaCode = parsed.ok ? parsed.value.error?.code : undefined;
    const extra = { status, geneaCode, attempts };
    const detail = said ? `: ${said}` : "";
    if (status === 401) return geneaError("unauthorized", `Genea rejected the API key ending ${keyHint(o.apiKey)} (401)${detail}`, extra);
    if (status === 403) return geneaError("forbidden", `Genea refused ${what} for the API key ending ${keyHint(o.apiKey)} (403)${detail}`, extra);
    const code: GeneaErrorCode =
      status === 404 ? "not-found" : status === 409 ? "conflict" : status === 429 ? "rate-limited" : status >= 500 ? "server-error" : "rejected";
    return geneaError(code, `Genea answered ${status} to ${what}${tries}${detail}`, extra);
  }

  return { host, request, requestCount: () => count };
}
