/**
 * OAuth 2.0 service-app credentials: client_credentials at the org authorization server
 * with a `private_key_jwt` assertion, DPoP-bound when Okta answers with a DPoP token.
 *
 * A DPoP proof is always sent (apps created since 2024 require it; Okta ignores the
 * binding otherwise and answers `token_type: "Bearer"`). The first request usually gets
 * 400 `use_dpop_nonce`: resend with the `dpop-nonce` value, a new jti and a new assertion.
 * The token is cached until shortly before expiry and dropped once when an API call gets 401.
 */
import * as v from "valibot";
import { ok, type Result } from "../../shared/result.ts";
import { createDpopKey, type DpopKey, dpopProof } from "./dpop.ts";
import { OAuthErrorBodySchema, type OktaErrorCode, oktaFail, parseJson } from "./errors.ts";
import type { Auth, OktaTransport } from "./http.ts";
import { importSigningKey, type KeyInput, randomId, type SigningKey, signJwt } from "./jwt.ts";

export interface OAuthOptions {
  clientId: string;
  privateKey: KeyInput;
  /** `kid` of the key registered on the app; defaults to the JWK's own `kid`. */
  keyId?: string;
  scopes: string[];
  /** Send DPoP proofs (default true). */
  dpop?: boolean;
  now: () => number;
}

const TokenResponseSchema = v.object({
  token_type: v.string(),
  access_token: v.pipe(v.string(), v.minLength(1)),
  expires_in: v.pipe(v.number(), v.minValue(1)),
  scope: v.optional(v.string()),
});

interface Token {
  type: "DPoP" | "Bearer";
  accessToken: string;
  /** local ms after which we mint a new one */
  renewAt: number;
}

type R<T> = Result<T, OktaErrorCode>;

export function oauthAuth(t: OktaTransport, o: OAuthOptions): Auth {
  const tokenUrl = `${t.origin}/oauth2/v1/token`;
  let key: Promise<R<SigningKey>> | null = null;
  let dpopKey: Promise<DpopKey> | null = null;
  let nonce: string | undefined;
  let token: Token | null = null;
  let pending: Promise<R<Token>> | null = null;
  const seconds = () => Math.floor(o.now() / 1000);

  async function assertion(k: SigningKey): Promise<string> {
    const iat = seconds();
    const kid = o.keyId ?? k.kid;
    const header: Record<string, unknown> = { typ: "JWT" };
    if (kid) header.kid = kid;
    const claims = { iss: o.clientId, sub: o.clientId, aud: tokenUrl, iat, exp: iat + 300, jti: randomId() };
    return signJwt(header, claims, k);
  }

  async function mint(): Promise<R<Token>> {
    key ??= importSigningKey(o.privateKey);
    const k = await key;
    if (!k.ok) return oktaFail("invalid-key", k.error.message);
    const useDpop = o.dpop !== false;
    if (useDpop) dpopKey ??= createDpopKey();
    // Up to two nonce hand-offs: the first request, and one rotation in between.
    for (let round = 0; round < 3; round++) {
      const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
      if (useDpop && dpopKey) {
        headers.DPoP = await dpopProof(await dpopKey, { method: "POST", url: tokenUrl, nowSeconds: seconds(), nonce });
      }
      const body = new URLSearchParams({
        grant_type: "client_credentials",
        scope: o.scopes.join(" "),
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: await assertion(k.value),
      }).toString();
      const sent = await t.send({ method: "POST", url: tokenUrl, headers, body });
      if (!sent.ok) return sent;
      const { status, text, headers: answerHeaders } = sent.value;
      const json = parseJson(text);
      if (status >= 200 && status < 300) return accept(json);
      const err = v.safeParse(OAuthErrorBodySchema, json);
      const fresh = answerHeaders.get("dpop-nonce");
      if (err.success && err.output.error === "use_dpop_nonce" && fresh && useDpop) {
        nonce = fresh;
        continue;
      }
      return tokenError(status, err.success ? err.output : null, text);
    }
    return oktaFail("oauth", `Okta kept asking ${t.host} for a new DPoP nonce; gave up`, { oktaErrorCode: "use_dpop_nonce" });
  }

  function accept(json: unknown): R<Token> {
    const parsed = v.safeParse(TokenResponseSchema, json);
    if (!parsed.success) return oktaFail("malformed-response", `${t.host} answered the token request with an unexpected body`);
    const { token_type, access_token, expires_in, scope } = parsed.output;
    const type = token_type.toLowerCase() === "dpop" ? "DPoP" : token_type.toLowerCase() === "bearer" ? "Bearer" : null;
    if (!type) return oktaFail("malformed-response", `${t.host} issued an unknown token type ${token_type}`);
    if (type === "DPoP" && o.dpop === false) return oktaFail("oauth", `${t.host} issued a DPoP token although DPoP is off`);
    // The grant may be a subset of what was asked: fail now, not on the first 403 mid-read.
    if (scope !== undefined) {
      const granted = new Set(scope.split(/\s+/).filter(Boolean));
      const missing = o.scopes.filter((s) => !granted.has(s));
      if (missing.length > 0) {
        return oktaFail(
          "missing-scope",
          `Okta did not grant ${missing.join(", ")} to the service app ${o.clientId} on ${t.host}; grant it under Okta API Scopes`,
          { scope: missing.join(" ") },
        );
      }
    }
    const lifetime = expires_in * 1000;
    const margin = Math.min(60_000, lifetime / 10);
    return ok({ type, accessToken: access_token, renewAt: o.now() + lifetime - margin });
  }

  function tokenError(status: number, err: { error: string; error_description?: string } | null, text: string): R<Token> {
    if (!err) {
      if (status === 429) return oktaFail("rate-limited", `Okta kept rate-limiting the token endpoint of ${t.host}`, { status });
      if (status >= 500) return oktaFail("server-error", `Okta answered ${status} to the token request on ${t.host}`, { status });
      if (status === 404) {
        return oktaFail("unknown-domain", `Could not reach ${t.host}: /oauth2/v1/token answered 404 (is this an Okta org?)`, { status });
      }
      const what = /^\s*</.test(text) ? "HTML" : "a body that is not an OAuth error";
      return oktaFail("malformed-response", `${t.host} answered the token request with ${status} and ${what}`, { status });
    }
    const detail = err.error_description ? `: ${err.error_description}` : "";
    const extra = { oktaErrorCode: err.error, status };
    if (err.error === "invalid_scope") {
      return oktaFail(
        "missing-scope",
        `Okta refused the scopes ${o.scopes.join(" ")} for ${o.clientId} on ${t.host} (invalid_scope)${detail}`,
        extra,
      );
    }
    return oktaFail("oauth", `Okta refused the token request for ${o.clientId} on ${t.host} (${err.error})${detail}`, extra);
  }

  async function current(): Promise<R<Token>> {
    if (token && o.now() < token.renewAt) return ok(token);
    pending ??= mint().then((r) => {
      pending = null;
      if (r.ok) token = r.value;
      return r;
    });
    return pending;
  }

  return {
    async headers(method, url) {
      const tk = await current();
      if (!tk.ok) return tk;
      const { type, accessToken } = tk.value;
      if (type === "Bearer") return ok({ Authorization: `Bearer ${accessToken}` });
      const proof = await dpopProof(await dpopKey!, { method, url, nowSeconds: seconds(), accessToken });
      return ok({ Authorization: `DPoP ${accessToken}`, DPoP: proof });
    },
    renew(used) {
      // Only drop the token that was refused: parallel 401s must not discard a fresh one.
      if (token && used.Authorization === `${token.type} ${token.accessToken}`) token = null;
      return true;
    },
  };
}
