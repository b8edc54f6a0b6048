/**
 * Small OktaSeed builders for tests: users, groups, memberships, apps, API tokens and
 * OAuth service apps with freshly generated key pairs (plus helpers that sign the client
 * assertions and DPoP proofs a real client would send). Ids are deterministic per call order.
 */
import type { OktaAppRecord, OktaGroupRecord, OktaSeed, OktaUserRecord } from "../../edge/sandbox/demo/types.ts";

const counters: Record<string, number> = {};

/** A 20-character Okta-style id, e.g. `00u0000000000000001a`. */
export function oktaId(prefix: "00u" | "00g" | "0oa" | "who" | "oty", n?: number): string {
  const next = n ?? (counters[prefix] = (counters[prefix] ?? 0) + 1);
  return `${prefix}${String(next).padStart(16, "0")}x`;
}

export const SEED_TIME = "2024-01-31T18:25:03.000Z";

export function oktaUser(
  overrides: Partial<Omit<OktaUserRecord, "profile">> & { profile?: Record<string, string | null> } = {},
): OktaUserRecord {
  const id = overrides.id ?? oktaId("00u");
  const n = id.slice(3, 19).replace(/^0+/, "") || "0";
  const login = `user${n}@example.com`;
  return {
    id,
    status: "ACTIVE",
    created: SEED_TIME,
    activated: SEED_TIME,
    statusChanged: null,
    lastLogin: null,
    lastUpdated: SEED_TIME,
    passwordChanged: null,
    type: { id: "oty00000000000000001" },
    ...overrides,
    profile: {
      login,
      email: login,
      firstName: `First${n}`,
      lastName: `Last${n}`,
      mobilePhone: null,
      ...overrides.profile,
    },
  };
}

export function oktaGroup(
  overrides: Partial<Omit<OktaGroupRecord, "profile">> & { profile?: Partial<OktaGroupRecord["profile"]> } = {},
): OktaGroupRecord {
  const id = overrides.id ?? oktaId("00g");
  return {
    id,
    created: SEED_TIME,
    lastUpdated: SEED_TIME,
    lastMembershipUpdated: SEED_TIME,
    objectClass: ["okta:user_group"],
    type: "OKTA_GROUP",
    ...overrides,
    profile: { name: `Group ${id}`, description: null, ...overrides.profile },
  };
}

export function oktaApp(overrides: Partial<OktaAppRecord> = {}): OktaAppRecord {
  const id = overrides.id ?? oktaId("0oa");
  return { id, name: "doorsync", label: `App ${id}`, userIds: [], groupIds: [], ...overrides };
}

export const TEST_API_TOKEN = "00-test-ssws-token";

/** A seed; `memberships` defaults to empty groups and `apiTokens` to TEST_API_TOKEN. */
export function oktaSeed(parts: Partial<OktaSeed> = {}): OktaSeed {
  const groups = parts.groups ?? [];
  const memberships: Record<string, string[]> = {};
  for (const g of groups) memberships[g.id] = [];
  return {
    orgName: "test.okta.com",
    users: [],
    apps: [],
    apiTokens: [TEST_API_TOKEN],
    serviceApps: [],
    ...parts,
    groups,
    memberships: { ...memberships, ...parts.memberships },
  };
}

/** `n` users with distinct, sortable ids and logins. */
export function oktaUsers(n: number, overrides: Parameters<typeof oktaUser>[0] = {}): OktaUserRecord[] {
  return Array.from({ length: n }, () => oktaUser({ ...overrides }));
}

// ---------- JWTs: service apps, client assertions, DPoP proofs ----------

export type JwtAlg = "RS256" | "ES256";

const ALGS: Record<JwtAlg, RsaHashedKeyGenParams | EcKeyGenParams> = {
  RS256: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
  ES256: { name: "ECDSA", namedCurve: "P-256" },
};

export function base64url(bytes: Uint8Array | string): string {
  const raw = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  let bin = "";
  for (const b of raw) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export interface KeyPair {
  alg: JwtAlg;
  privateKey: CryptoKey;
  publicJwk: JsonWebKey;
}

export async function generateKeyPair(alg: JwtAlg = "RS256"): Promise<KeyPair> {
  const pair = (await crypto.subtle.generateKey(ALGS[alg], true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
  const { kty, n, e, crv, x, y } = jwk;
  const publicJwk = alg === "RS256" ? { kty, n, e } : { kty, crv, x, y };
  return { alg, privateKey: pair.privateKey, publicJwk };
}

export async function signJwt(
  key: KeyPair,
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
): Promise<string> {
  const input = `${base64url(JSON.stringify({ alg: key.alg, ...header }))}.${base64url(JSON.stringify(claims))}`;
  const params = key.alg === "RS256" ? { name: "RSASSA-PKCS1-v1_5" } : { name: "ECDSA", hash: "SHA-256" };
  const sig = await crypto.subtle.sign(params, key.privateKey, new TextEncoder().encode(input));
  return `${input}.${base64url(new Uint8Array(sig))}`;
}

let jtiCounter = 0;
export const newJti = () => `jti-${++jtiCounter}-${Math.random().toString(36).slice(2)}`;

export interface TestServiceApp {
  app: OktaSeed["serviceApps"][number];
  key: KeyPair;
  /** A client assertion for `tokenUrl`; claims override the defaults (exp now+5 min, fresh jti). */
  assertion(tokenUrl: string, claims?: Record<string, unknown>, nowMs?: number): Promise<string>;
}

export async function serviceApp(
  options: { clientId?: string; scopes?: string[]; requireDpop?: boolean; alg?: JwtAlg; kid?: string; key?: KeyPair } = {},
): Promise<TestServiceApp> {
  // Pass `key` to reuse one: RSA key generation is slow enough to matter across many tests.
  const key = options.key ?? (await generateKeyPair(options.alg ?? "RS256"));
  const clientId = options.clientId ?? oktaId("0oa");
  const kid = options.kid ?? `kid-${clientId}`;
  const app = {
    clientId,
    publicJwk: key.publicJwk,
    kid,
    scopes: options.scopes ?? ["okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read"],
    requireDpop: options.requireDpop ?? false,
  };
  return {
    app,
    key,
    assertion: (tokenUrl, claims = {}, nowMs = Date.now()) => {
      const now = Math.floor(nowMs / 1000);
      return signJwt(key, { kid, typ: "JWT" }, {
        iss: clientId,
        sub: clientId,
        aud: tokenUrl,
        iat: now,
        exp: now + 300,
        jti: newJti(),
        ...claims,
      });
    },
  };
}

/** `base64url(SHA-256(accessToken))`, the DPoP `ath` claim. */
export async function accessTokenHash(accessToken: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(accessToken));
  return base64url(new Uint8Array(digest));
}

/** A DPoP proof JWT (RFC 9449) signed by `key`, embedding its public JWK. */
export function dpopProof(
  key: KeyPair,
  claims: { htm: string; htu: string; nonce?: string; ath?: string; iat?: number; jti?: string },
  nowMs = Date.now(),
): Promise<string> {
  return signJwt(key, { typ: "dpop+jwt", jwk: key.publicJwk }, { iat: Math.floor(nowMs / 1000), jti: newJti(), ...claims });
}
