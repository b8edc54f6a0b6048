import { describe, expect, it } from "vitest";
import { createDpopKey, dpopProof, htuOf } from "../../../edge/okta/dpop.ts";
import { base64url, base64urlDecode, importSigningKey, signJwt } from "../../../edge/okta/jwt.ts";

type Alg = "RS256" | "ES256";
const PARAMS = {
  RS256: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
  ES256: { name: "ECDSA", namedCurve: "P-256" },
} as const;
const VERIFY = { RS256: { name: "RSASSA-PKCS1-v1_5" }, ES256: { name: "ECDSA", hash: "SHA-256" } } as const;

async function pair(alg: Alg) {
  return (await crypto.subtle.generateKey(PARAMS[alg], true, ["sign", "verify"])) as CryptoKeyPair;
}

function pem(der: ArrayBuffer, label = "PRIVATE KEY") {
  const b64 = btoa(String.fromCharCode(...new Uint8Array(der)));
  return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, "$1\n")}\n-----END ${label}-----\n`;
}

async function verifies(jwt: string, alg: Alg, publicKey: CryptoKey) {
  const [h, c, s] = jwt.split(".");
  return crypto.subtle.verify(VERIFY[alg], publicKey, base64urlDecode(s), new TextEncoder().encode(`${h}.${c}`));
}
const decode = (part: string) => JSON.parse(new TextDecoder().decode(base64urlDecode(part)));

describe("base64url", () => {
  it("round-trips bytes without padding or +/", () => {
    const bytes = new Uint8Array([251, 255, 191, 0, 1]);
    expect(base64url(bytes)).toBe("-_-_AAE");
    expect([...base64urlDecode(base64url(bytes))]).toEqual([...bytes]);
  });
});

describe("importSigningKey() and signJwt()", () => {
  it.each(["RS256", "ES256"] as const)("signs verifiable %s JWTs from a JWK, its JSON text, a PKCS#8 PEM and a CryptoKey", async (alg) => {
    const keys = await pair(alg);
    const jwk = { ...(await crypto.subtle.exportKey("jwk", keys.privateKey)), kid: "k1" };
    const inputs = [jwk, JSON.stringify(jwk), pem(await crypto.subtle.exportKey("pkcs8", keys.privateKey)), keys.privateKey];
    for (const input of inputs) {
      const key = await importSigningKey(input);
      if (!key.ok) throw new Error(key.error.message);
      expect(key.value.alg).toBe(alg);
      const jwt = await signJwt({ kid: "k1" }, { sub: "x" }, key.value);
      expect(decode(jwt.split(".")[0])).toEqual({ kid: "k1", alg });
      expect(await verifies(jwt, alg, keys.publicKey)).toBe(true);
    }
  });

  it("keeps the JWK's kid", async () => {
    const keys = await pair("ES256");
    const key = await importSigningKey({ ...(await crypto.subtle.exportKey("jwk", keys.privateKey)), kid: "mine" });
    expect(key.ok && key.value.kid).toBe("mine");
  });

  it.each([
    ["a public JWK", { kty: "EC", crv: "P-256", x: "AA", y: "AA" }, /no private part/],
    ["JSON that is not JSON", "{nope", /does not parse/],
    ["a PKCS#1 PEM", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", /PKCS#8/],
    ["random text", "hunter2", /neither a JWK nor a PKCS#8 PEM/],
    ["an unsupported curve", { kty: "EC", crv: "P-521", d: "AA", x: "AA", y: "AA" }, /Unsupported JWK/],
    ["a PEM of garbage", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", /neither an RSA nor an EC/],
  ])("refuses %s with a clear error", async (_n, input, message) => {
    const key = await importSigningKey(input as never);
    expect(key.ok).toBe(false);
    if (!key.ok) {
      expect(key.error.code).toBe("invalid-key");
      expect(key.error.message).toMatch(message);
    }
  });
});

describe("dpopProof()", () => {
  it("binds method, URL without query, time, nonce and the token hash, with a fresh jti", async () => {
    const key = await createDpopKey();
    const input = {
      method: "get",
      url: "https://acme.okta.com/api/v1/users?after=x&limit=200#f",
      nowSeconds: 1700000000,
      nonce: "n1",
      accessToken: "at",
    };
    const a = await dpopProof(key, input);
    const b = await dpopProof(key, input);
    const [h, c] = a.split(".");
    expect(decode(h)).toEqual({ typ: "dpop+jwt", jwk: key.publicJwk, alg: "ES256" });
    const claims = decode(c);
    const ath = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode("at")));
    expect(claims).toMatchObject({ htm: "GET", htu: "https://acme.okta.com/api/v1/users", iat: 1700000000, nonce: "n1", ath });
    expect(decode(b.split(".")[1]).jti).not.toBe(claims.jti);
    const publicKey = await crypto.subtle.importKey("jwk", key.publicJwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    expect(await verifies(a, "ES256", publicKey)).toBe(true);
  });

  it("leaves the query and fragment out of htu", () => {
    expect(htuOf("http://127.0.0.1:8080/oauth2/v1/token?x=1#y")).toBe("http://127.0.0.1:8080/oauth2/v1/token");
  });
});
