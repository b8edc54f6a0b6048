/**
 * Okta failures as values. Every code is a literal the edge and the web can branch on; every
 * message names the org, e.g. `Okta rejected the API token for acme.okta.com (E0000011)`.
 */
import * as v from "valibot";
import { fail, type Failure } from "../../shared/result.ts";

export const OKTA_ERROR_CODES = [
  "invalid-token", // 401 E0000011 (also 403 E0000005 from a malformed SSWS header)
  "missing-scope", // 403 insufficient_scope, or a token granted fewer scopes than asked
  "forbidden", // 403 E0000006: the admin role does not cover the resource
  "unknown-domain", // DNS failure, refused connection or 404 on the org itself
  "network", // connection errors that outlived the retries
  "malformed-response", // non-JSON, HTML, or JSON that does not match the schema
  "cross-origin-link", // a `next` link pointing away from the configured org
  "rate-limited", // still 429 after the retries
  "oauth", // token endpoint refused (invalid_client, invalid_scope, invalid_dpop_proof…)
  "invalid-key", // the OAuth private key could not be imported or used
  "not-found", // 404 with an Okta error body (e.g. E0000007 for an app id)
  "bad-request", // any other 4xx: never retried
  "server-error", // 5xx that outlived the retries
  "unsupported", // a combination the client cannot read correctly (incremental + app scope)
  "invalid-config", // base URL not an https Okta URL
  "interrupted", // the caller stopped the read: a sync run that lost its lease must not write its pages
] as const;
export type OktaErrorCode = (typeof OKTA_ERROR_CODES)[number];

export interface OktaError extends Failure<OktaErrorCode> {
  /** Okta's own `errorCode` (E0000011…) or OAuth `error` (invalid_client…) when there was one. */
  oktaErrorCode?: string;
  status?: number;
}

export type OktaFailure = { ok: false; error: OktaError & Record<string, unknown> };

export function oktaFail(
  code: OktaErrorCode,
  message: string,
  extra: { oktaErrorCode?: string; status?: number; scope?: string } = {},
): OktaFailure {
  const clean: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(extra)) if (val !== undefined) clean[k] = val;
  return fail(code, message, clean);
}

/** Okta's error body; only `errorCode` is branched on (summaries change). */
export const OktaErrorBodySchema = v.object({
  errorCode: v.string(),
  errorSummary: v.optional(v.string()),
});

/** OAuth error body from /oauth2/v1/token. */
export const OAuthErrorBodySchema = v.object({
  error: v.string(),
  error_description: v.optional(v.string()),
});

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `WWW-Authenticate: Bearer realm="…", scope="okta.groups.read", error="insufficient_scope"` → params. */
export function parseAuthenticate(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const m of header.matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

/**
 * Map a non-retryable (or finally failed) HTTP answer to an error value. `path` is the
 * request path, for messages; `host` the org (acme.okta.com).
 */
export function errorFromResponse(host: string, path: string, status: number, headers: Headers, text: string): OktaFailure {
  const body = v.safeParse(OktaErrorBodySchema, parseJson(text));
  const code = body.success ? body.output.errorCode : undefined;
  const summary = body.success && body.output.errorSummary ? `: ${body.output.errorSummary}` : "";
  const auth = parseAuthenticate(headers.get("www-authenticate"));
  const extra = { oktaErrorCode: code ?? auth.error, status };

  if (status === 403 && auth.error === "insufficient_scope") {
    const scope = auth.scope ?? "(unnamed)";
    return oktaFail(
      "missing-scope",
      `Okta refused ${path} on ${host}: the access token lacks the scope ${scope}; grant it to the service app (Okta API Scopes)`,
      { ...extra, scope },
    );
  }
  if (code === "E0000011" || (status === 401 && !code)) {
    const detail = auth.error_description ? `: ${auth.error_description}` : "";
    return oktaFail("invalid-token", `Okta rejected the API token for ${host} (${code ?? auth.error ?? "401"})${detail}`, extra);
  }
  if (code === "E0000005") {
    return oktaFail(
      "invalid-token",
      `Okta rejected the API token for ${host} (E0000005 invalid session; check the Authorization header)`,
      extra,
    );
  }
  if (code === "E0000006") {
    return oktaFail("forbidden", `Okta denied ${path} on ${host} (E0000006): the token's admin role does not allow this read`, extra);
  }
  if (status === 401) return oktaFail("invalid-token", `Okta rejected the credentials for ${host} (${code})${summary}`, extra);
  if (status === 404 && !code) {
    return oktaFail("unknown-domain", `Could not reach ${host}: ${path} answered 404 (is this an Okta org?)`, extra);
  }
  if (status === 404) return oktaFail("not-found", `Okta found nothing at ${path} on ${host} (${code})${summary}`, extra);
  if (status === 429) {
    return oktaFail("rate-limited", `Okta kept rate-limiting ${path} on ${host} (${code ?? "429"}); gave up after retries`, extra);
  }
  if (status >= 500) {
    return oktaFail("server-error", `Okta answered ${status} for ${path} on ${host} (${code ?? "no error code"})${summary}`, extra);
  }
  return oktaFail("bad-request", `Okta refused ${path} on ${host} with ${status} (${code ?? "no error code"})${summary}`, extra);
}
