/**
 * DPoP (RFC 9449): an ephemeral ES256 key pair per client, and a fresh proof JWT per
 * request binding method, URL (without query or fragment), time and, for API calls, the
 * access token's hash (`ath`).
 */
import { base64url, randomId, sha256, type SigningKey, signJwt } from "./jwt.ts";

export interface DpopKey {
  signing: SigningKey;
  publicJwk: JsonWebKey;
}

export async function createDpopKey(): Promise<DpopKey> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
  // Only the members a public EC JWK needs (RFC 7638 order irrelevant here).
  const publicJwk: JsonWebKey = { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y };
  return { signing: { alg: "ES256", key: pair.privateKey }, publicJwk };
}

/** `htu`: the target URL without query and fragment. */
export function htuOf(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

export async function dpopProof(
  key: DpopKey,
  input: { method: string; url: string; nowSeconds: number; nonce?: string; accessToken?: string },
): Promise<string> {
  const claims: Record<string, unknown> = {
    htm: input.method.toUpperCase(),
    htu: htuOf(input.url),
    iat: input.nowSeconds,
    jti: randomId(),
  };
  if (input.nonce) claims.nonce = input.nonce;
  if (input.accessToken) claims.ath = base64url(await sha256(input.accessToken));
  return signJwt({ typ: "dpop+jwt", jwk: key.publicJwk }, claims, key.signing);
}
