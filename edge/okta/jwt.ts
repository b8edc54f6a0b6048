/**
 * Compact JWS signing with WebCrypto (Node ≥ 20 and Deno alike): RS256 and ES256, keys
 * given as a JWK (object or JSON text), a PKCS#8 PEM or a CryptoKey.
 */
import { fail, ok, type Result } from "../../shared/result.ts";

export type JwsAlg = "RS256" | "ES256";
export interface SigningKey {
  alg: JwsAlg;
  key: CryptoKey;
  /** `kid` from the JWK when it carried one */
  kid?: string;
}

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
const EC = { name: "ECDSA", namedCurve: "P-256" } as const;

export function base64url(bytes: Uint8Array | ArrayBuffer): string {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export const base64urlText = (text: string): string => base64url(new TextEncoder().encode(text));

export function base64urlDecode(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function randomId(bytes = 16): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

export async function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: SigningKey): Promise<string> {
  const input = `${base64urlText(JSON.stringify({ ...header, alg: key.alg }))}.${base64urlText(JSON.stringify(claims))}`;
  const algorithm = key.alg === "RS256" ? RSA : { name: "ECDSA", hash: "SHA-256" };
  // WebCrypto's ECDSA signature is already the raw r||s form JWS wants.
  const sig = await crypto.subtle.sign(algorithm, key.key, new TextEncoder().encode(input));
  return `${input}.${base64url(sig)}`;
}

export type KeyInput = (JsonWebKey & { kid?: string }) | CryptoKey | string;

function isCryptoKey(k: unknown): k is CryptoKey {
  return typeof CryptoKey !== "undefined" && k instanceof CryptoKey;
}

/** Import the service app's private key; failures name what is wrong, never the key. */
export async function importSigningKey(input: KeyInput): Promise<Result<SigningKey, "invalid-key">> {
  try {
    if (isCryptoKey(input)) {
      const name = input.algorithm.name;
      if (name === "RSASSA-PKCS1-v1_5") return ok({ alg: "RS256", key: input });
      if (name === "ECDSA") return ok({ alg: "ES256", key: input });
      return fail("invalid-key", `Unsupported private key algorithm ${name}: use RSA (RS256) or EC P-256 (ES256)`);
    }
    if (typeof input === "string") {
      const text = input.trim();
      if (text.startsWith("{")) {
        let jwk: unknown;
        try {
          jwk = JSON.parse(text);
        } catch {
          return fail("invalid-key", "The private key looks like JSON but does not parse as a JWK");
        }
        return importJwk(jwk as JsonWebKey);
      }
      return importPem(text);
    }
    return importJwk(input);
  } catch (e) {
    return fail("invalid-key", `The private key could not be imported: ${(e as Error).message}`);
  }
}

async function importJwk(jwk: JsonWebKey & { kid?: string }): Promise<Result<SigningKey, "invalid-key">> {
  if (typeof jwk !== "object" || jwk === null) return fail("invalid-key", "The private key is not a JWK object");
  if (!jwk.d) return fail("invalid-key", "The JWK has no private part (`d`): paste the private key, not the public one");
  const { kid, alg: _alg, use: _use, key_ops: _ops, ...material } = jwk as JsonWebKey & { kid?: string };
  if (jwk.kty === "RSA") {
    const key = await crypto.subtle.importKey("jwk", material, RSA, false, ["sign"]);
    return ok({ alg: "RS256", key, kid });
  }
  if (jwk.kty === "EC" && jwk.crv === "P-256") {
    const key = await crypto.subtle.importKey("jwk", material, EC, false, ["sign"]);
    return ok({ alg: "ES256", key, kid });
  }
  return fail("invalid-key", `Unsupported JWK (kty ${jwk.kty}${jwk.crv ? `, crv ${jwk.crv}` : ""}): use RSA or EC P-256`);
}

async function importPem(pem: string): Promise<Result<SigningKey, "invalid-key">> {
  if (/BEGIN (RSA|EC) PRIVATE KEY/.test(pem)) {
    return fail(
      "invalid-key",
      "The PEM is PKCS#1/SEC1; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt) so it begins with BEGIN PRIVATE KEY",
    );
  }
  const m = pem.match(/-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/);
  if (!m) return fail("invalid-key", "The private key is neither a JWK nor a PKCS#8 PEM (BEGIN PRIVATE KEY)");
  const der = base64urlDecode(m[1].replace(/\s+/g, "").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
  try {
    return ok({ alg: "RS256", key: await crypto.subtle.importKey("pkcs8", der, RSA, false, ["sign"]) });
  } catch {
    try {
      return ok({ alg: "ES256", key: await crypto.subtle.importKey("pkcs8", der, EC, false, ["sign"]) });
    } catch {
      return fail("invalid-key", "The PKCS#8 PEM holds neither an RSA nor an EC P-256 private key");
    }
  }
}
