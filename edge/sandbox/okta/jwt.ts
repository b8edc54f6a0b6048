/**
 * Just enough JWS for client assertions and DPoP proofs: decode compact JWTs, verify
 * RS256/384/512 and ES256/384/512 signatures with WebCrypto, and RFC 7638 JWK thumbprints.
 */
import { base64urlDecode, base64urlEncode, fromUtf8, utf8 } from "./ids.ts";

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts.map(base64urlDecode);
  if (!h || !p || !s) return undefined;
  try {
    const header: unknown = JSON.parse(fromUtf8(h));
    const claims: unknown = JSON.parse(fromUtf8(p));
    if (!isRecord(header) || !isRecord(claims)) return undefined;
    return { header, claims, signingInput: utf8(`${parts[0]}.${parts[1]}`), signature: s };
  } catch {
    return undefined;
  }
}

type Params = { key: RsaHashedImportParams | EcKeyImportParams; verify: AlgorithmIdentifier | EcdsaParams };
const ALGS: Record<string, Params> = {
  RS256: { key: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, verify: { name: "RSASSA-PKCS1-v1_5" } },
  RS384: { key: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-384" }, verify: { name: "RSASSA-PKCS1-v1_5" } },
  RS512: { key: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-512" }, verify: { name: "RSASSA-PKCS1-v1_5" } },
  ES256: { key: { name: "ECDSA", namedCurve: "P-256" }, verify: { name: "ECDSA", hash: "SHA-256" } },
  ES384: { key: { name: "ECDSA", namedCurve: "P-384" }, verify: { name: "ECDSA", hash: "SHA-384" } },
  ES512: { key: { name: "ECDSA", namedCurve: "P-521" }, verify: { name: "ECDSA", hash: "SHA-512" } },
};
export const SUPPORTED_ALGS = Object.keys(ALGS);

/** True only when `alg` is supported, the key imports for it and the signature checks out. */
export async function verifyJwt(jwt: DecodedJwt, jwk: JsonWebKey): Promise<boolean> {
  const alg = typeof jwt.header.alg === "string" ? ALGS[jwt.header.alg] : undefined;
  if (!alg) return false;
  try {
    const { kty, n, e, crv, x, y } = jwk;
    const publicOnly: JsonWebKey = kty === "RSA" ? { kty, n, e } : { kty, crv, x, y };
    const key = await crypto.subtle.importKey("jwk", publicOnly, alg.key, false, ["verify"]);
    return await crypto.subtle.verify(alg.verify, key, jwt.signature as BufferSource, jwt.signingInput as BufferSource);
  } catch {
    return false;
  }
}

/** RFC 7638 thumbprint (SHA-256) of a public RSA or EC JWK. */
export async function jwkThumbprint(jwk: JsonWebKey): Promise<string> {
  const members = jwk.kty === "RSA" ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  const digest = await crypto.subtle.digest("SHA-256", utf8(JSON.stringify(members)) as BufferSource);
  return base64urlEncode(new Uint8Array(digest));
}

export async function sha256b64url(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", utf8(text) as BufferSource);
  return base64urlEncode(new Uint8Array(digest));
}

export function isJwk(x: unknown): x is JsonWebKey {
  return isRecord(x) && (x.kty === "RSA" || x.kty === "EC") && !("d" in x);
}
