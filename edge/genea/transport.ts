/**
 * One Genea request through the outbound transport, with Genea's policy around it: Bearer
 * key, JSON in and out, the `{ meta, data }` envelope validated, 5xx/429/network failures
 * retried (Retry-After honoured, else capped exponential backoff with jitter), other 4xx
 * never retried, and a request Genea cannot deduplicate retried only on 429.
 */
import { type Attempt, type AttemptPolicy, createTransport, inFlightCap, RETRY_AFTER_CAP_MS } from "../outbound/index.ts";
import { validate } from "../../shared/validate.ts";
import { ok, type Result } from "../../shared/result.ts";
import { describeBody, geneaError, type GeneaErrorCode, keyHint } from "./errors.ts";
import { type Envelope, EnvelopeSchema, ErrorBodySchema } from "./schemas.ts";

export interface GeneaTransportOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  maxInFlight: number;
  /** tries per request, the first included */
  maxAttempts: number;
  timeoutMs: number;
  /** epoch ms */
  now: () => number;
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

export interface GeneaTransport {
  host: string;
  request(method: string, path: string, init?: RequestInit): Promise<GeneaResult<Envelope>>;
  /** HTTP requests sent so far, retries included */
  requestCount(): number;
}

const RETRY = { baseDelayMs: 250, maxDelayMs: 10_000 };

function causeOf(attempt: Extract<Attempt, { kind: "network" }>, timeoutMs: number): string {
  const { error } = attempt;
  if (attempt.timedOut) return `no answer within ${timeoutMs / 1000} s`;
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) return cause.message;
  if (cause && typeof cause === "object" && "code" in cause) return String(cause.code);
  return error.message;
}

/** Which attempts are worth another try. */
function policy(idempotent: boolean): AttemptPolicy<GeneaErrorCode> {
  return {
    judge(attempt) {
      if (attempt.kind === "answer" && attempt.answer.status === 429) return "retry";
      const failed = attempt.kind === "network" || attempt.answer.status >= 500;
      return idempotent && failed ? "retry" : "final";
    },
  };
}

export function createGeneaTransport(o: GeneaTransportOptions): GeneaTransport {
  const base = o.baseUrl.replace(/\/+$/, "");
  const transport = createTransport({
    baseUrl: base,
    name: "Genea",
    fetch: o.fetch,
    now: o.now,
    sleep: o.sleep,
    random: o.random,
    throttle: inFlightCap(o.maxInFlight),
    retry: { ...RETRY, maxAttempts: o.maxAttempts },
    retryAfterCapMs: RETRY_AFTER_CAP_MS,
    timeoutMs: o.timeoutMs,
  });
  const host = transport.host;
  const headers = { Authorization: `Bearer ${o.apiKey}`, Accept: "application/json", "Content-Type": "application/json" };

  async function request(method: string, path: string, init: RequestInit = {}): Promise<GeneaResult<Envelope>> {
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const sent = await transport.send({ method, url: url.href, headers, body }, policy(init.idempotent !== false));
    if (!sent.ok) return sent;
    return finish(sent.value.attempt, `${method} ${path}`, sent.value.attempts);
  }

  function finish(attempt: Attempt, what: string, attempts: number): GeneaResult<Envelope> {
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    if (attempt.kind === "network") {
      return geneaError("unreachable", `Could not reach ${host}: ${causeOf(attempt, o.timeoutMs)} (${what}${tries})`, { attempts });
    }
    const { status, text } = attempt.answer;
    // A 204 (or an empty 2xx) carries no envelope; callers that expect data will say so.
    if (status >= 200 && status < 300 && text.trim() === "") return ok({ meta: {}, data: null });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const looks = describeBody(text, attempt.answer.headers.get("content-type"));
      const message = `Genea answered with something that is not JSON (${looks}) to ${what}, HTTP ${status}; is ${base} the Genea API?`;
      return geneaError("not-json", message, { status, attempts });
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
    if (status === 403) {
      return geneaError("forbidden", `Genea refused ${what} for the API key ending ${keyHint(o.apiKey)} (403)${detail}`, extra);
    }
    const code: GeneaErrorCode = status === 404
      ? "not-found"
      : status === 409
      ? "conflict"
      : status === 429
      ? "rate-limited"
      : status >= 500
      ? "server-error"
      : "rejected";
    return geneaError(code, `Genea answered ${status} to ${what}${tries}${detail}`, extra);
  }

  return { host, request, requestCount: () => transport.requestCount() };
}
