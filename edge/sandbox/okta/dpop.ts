/**
 * DPoP proofs (RFC 9449) as Okta checks them: `typ: dpop+jwt`, an embedded public `jwk`
 * that verifies the signature, `htm` = method, `htu` = origin + *decoded* path (no query),
 * `iat` within 5 minutes, single-use `jti`, and `ath` = SHA-256 of the access token on
 * resource calls. Nonces rotate every 24 h; an old one stays valid for 3 days.
 */
import { randomToken } from "./ids.ts";
import { decodeJwt, isJwk, jwkThumbprint, sha256b64url, SUPPORTED_ALGS, verifyJwt } from "./jwt.ts";

const PROOF_MAX_AGE_MS = 5 * 60_000;
const CLOCK_SKEW_MS = 60_000;
const NONCE_ROTATE_MS = 24 * 3600_000;
const NONCE_VALID_MS = 3 * 24 * 3600_000;

export type ProofCheck =
  | { ok: true; jkt: string; jti: string; nonce: string | undefined }
  | { ok: false; description: string };

export interface ProofExpectations {
  method: string;
  /** origins the sandbox answers as (its own, and https://{orgName}) */
  origins: string[];
  /** decoded request path */
  path: string;
  accessToken?: string;
}

export interface DpopState {
  check(proof: string, expect: ProofExpectations): Promise<ProofCheck>;
  /** Mark a proof's jti used (after the whole request was accepted). */
  consume(jti: string): void;
  nonce(): string;
  nonceValid(nonce: string | undefined): boolean;
}

export function createDpopState(now: () => number): DpopState {
  const used = new Map<string, number>(); // jti → when it may be forgotten
  const nonces: { value: string; issuedAt: number }[] = [];

  const nonce = () => {
    const latest = nonces[nonces.length - 1];
    if (latest && now() - latest.issuedAt < NONCE_ROTATE_MS) return latest.value;
    const fresh = { value: randomToken(32), issuedAt: now() };
    nonces.push(fresh);
    return fresh.value;
  };

  return {
    nonce,
    nonceValid: (value) => value !== undefined && nonces.some((n) => n.value === value && now() - n.issuedAt < NONCE_VALID_MS),
    consume(jti) {
      const t = now();
      for (const [k, until] of used) if (until < t) used.delete(k);
      used.set(jti, t + PROOF_MAX_AGE_MS + CLOCK_SKEW_MS);
    },
    async check(proof, expect) {
      const jwt = decodeJwt(proof);
      if (!jwt) return { ok: false, description: "The DPoP proof JWT is malformed." };
      const { header, claims } = jwt;
      if (header.typ !== "dpop+jwt") return { ok: false, description: "The DPoP proof JWT header 'typ' must be 'dpop+jwt'." };
      if (typeof header.alg !== "string" || !SUPPORTED_ALGS.includes(header.alg)) {
        return { ok: false, description: "The DPoP proof JWT 'alg' is not supported." };
      }
      if (!isJwk(header.jwk)) return { ok: false, description: "The DPoP proof JWT header 'jwk' must be a public key." };
      if (!(await verifyJwt(jwt, header.jwk))) return { ok: false, description: "The DPoP proof JWT signature is invalid." };
      if (claims.htm !== expect.method) return { ok: false, description: "The DPoP proof 'htm' does not match the request method." };
      const htu = typeof claims.htu === "string" ? claims.htu.split(/[?#]/)[0] : undefined;
      if (!htu || !expect.origins.some((o) => htu === o + expect.path)) {
        return { ok: false, description: "The DPoP proof 'htu' does not match the request URL." };
      }
      const iat = typeof claims.iat === "number" ? claims.iat * 1000 : NaN;
      if (!(now() - iat <= PROOF_MAX_AGE_MS && iat - now() <= CLOCK_SKEW_MS)) {
        return { ok: false, description: "The DPoP proof 'iat' is missing, too old or in the future." };
      }
      const jti = claims.jti;
      if (typeof jti !== "string" || jti === "") return { ok: false, description: "The DPoP proof 'jti' is missing." };
      if ((used.get(jti) ?? -Infinity) >= now()) return { ok: false, description: "The DPoP proof 'jti' has already been used." };
      if (expect.accessToken !== undefined && claims.ath !== (await sha256b64url(expect.accessToken))) {
        return { ok: false, description: "The DPoP proof 'ath' does not match the access token." };
      }
      const nonceClaim = typeof claims.nonce === "string" ? claims.nonce : undefined;
      return { ok: true, jkt: await jwkThumbprint(header.jwk), jti, nonce: nonceClaim };
    },
  };
}
