/**
 * Credentials against the sandbox: SSWS, and OAuth service apps with private_key_jwt and
 * DPoP (nonce dance, Bearer fallback, scopes, renewal on 401).
 */
import { afterEach, describe, expect, it } from "vitest";
import { createOktaClient, type OktaClientConfig } from "../../../edge/okta/index.ts";
import { oktaGroup, oktaSeed, oktaUsers, serviceApp, type TestServiceApp } from "../../support/okta-seed.ts";
import { expectedDirectory, type ServedSandbox, serveSandbox, sswsClient, virtualClock, withoutTime } from "./fixtures.ts";

let served: ServedSandbox | null = null;
afterEach(async () => {
  await served?.close();
  served = null;
});

async function setup(apps: TestServiceApp[]) {
  const users = oktaUsers(250);
  const group = oktaGroup();
  const seed = oktaSeed({
    users,
    groups: [group],
    memberships: { [group.id]: users.slice(0, 10).map((u) => u.id) },
    serviceApps: apps.map((a) => a.app),
  });
  served = await serveSandbox(seed);
  return seed;
}

function oauthClient(url: string, sa: TestServiceApp, extra: Partial<OktaClientConfig> = {}, auth: Record<string, unknown> = {}) {
  const clock = virtualClock(Date.now());
  return createOktaClient({
    baseUrl: url,
    auth: { kind: "oauth", clientId: sa.app.clientId, privateKey: sa.key.privateKey, keyId: sa.app.kid, ...auth },
    now: clock.now,
    sleep: clock.sleep,
    ...extra,
  });
}

const tokenRequests = (s: ServedSandbox) => s.sandbox.counters.get()["POST /oauth2/v1/token"] ?? 0;

describe("SSWS", () => {
  it("names the org and E0000011 when the token is refused", async () => {
    await setup([]);
    const url = served!.url;
    const client = createOktaClient({ baseUrl: url, auth: { kind: "ssws", token: "wrong" }, sleep: virtualClock().sleep });
    for (const r of [await client.readDirectory(), await client.verify()]) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toMatchObject({ code: "invalid-token", oktaErrorCode: "E0000011", status: 401 });
        expect(r.error.message).toBe(`Okta rejected the API token for ${new URL(url).host} (E0000011)`);
      }
    }
    // A refused token is not retried.
    expect(served!.sandbox.counters.get()["GET /api/v1/users"]).toBeLessThanOrEqual(3);
  });
});

describe("OAuth service app", () => {
  it.each(["RS256", "ES256"] as const)("reads the directory with DPoP-bound tokens after the nonce dance (%s assertion)", async (alg) => {
    const sa = await serviceApp({ requireDpop: true, alg });
    const seed = await setup([sa]);
    const client = oauthClient(served!.url, sa);
    const r = await client.readDirectory();
    if (!r.ok) throw new Error(r.error.message);
    expect(withoutTime(r.value)).toEqual(expectedDirectory(seed));
    // use_dpop_nonce, then the token; one token serves the whole read.
    expect(tokenRequests(served!)).toBe(2);
    const api = served!.seen.filter((s) => s.path.startsWith("/api/"));
    expect(api.every((s) => s.headers.get("authorization")?.startsWith("DPoP ") && s.headers.get("dpop"))).toBe(true);
    expect(new Set(api.map((s) => s.headers.get("dpop"))).size).toBe(api.length); // a fresh proof each time
  });

  it("accepts the private key as a JWK or as JSON text, kid taken from the JWK", async () => {
    const sa = await serviceApp({ requireDpop: true });
    await setup([sa]);
    const jwk = { ...(await crypto.subtle.exportKey("jwk", sa.key.privateKey)), kid: sa.app.kid };
    for (const privateKey of [jwk, JSON.stringify(jwk)]) {
      const r = await createOktaClient({ baseUrl: served!.url, auth: { kind: "oauth", clientId: sa.app.clientId, privateKey } }).verify();
      expect(r.ok).toBe(true);
    }
  });

  it("uses a Bearer token when DPoP is off and the app does not require it", async () => {
    const sa = await serviceApp({ requireDpop: false });
    await setup([sa]);
    const r = await oauthClient(served!.url, sa, {}, { dpop: false }).verify();
    expect(r.ok).toBe(true);
    expect(tokenRequests(served!)).toBe(1);
    const api = served!.seen.filter((s) => s.path.startsWith("/api/"));
    expect(api.every((s) => s.headers.get("authorization")?.startsWith("Bearer ") && !s.headers.has("dpop"))).toBe(true);
  });

  it("reports the app's DPoP requirement as an oauth error when DPoP is off", async () => {
    const sa = await serviceApp({ requireDpop: true });
    await setup([sa]);
    const r = await oauthClient(served!.url, sa, {}, { dpop: false }).verify();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: "oauth", oktaErrorCode: "invalid_dpop_proof" });
      expect(r.error.message).toContain("The DPoP proof JWT header is missing.");
    }
  });

  it("fails early with missing-scope when the app was not granted okta.groups.read", async () => {
    const sa = await serviceApp({ requireDpop: true, scopes: ["okta.users.read"] });
    await setup([sa]);
    const r = await oauthClient(served!.url, sa).readDirectory();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("missing-scope");
      expect(r.error.message).toContain("okta.groups.read");
    }
    expect(served!.sandbox.counters.get()["GET /api/v1/users"] ?? 0).toBe(0);
  });

  it("names the scope when an API call is refused for it (403 insufficient_scope)", async () => {
    const sa = await serviceApp({ requireDpop: true, scopes: ["okta.users.read"] });
    await setup([sa]);
    const r = await oauthClient(served!.url, sa, {}, { scopes: ["okta.users.read"] }).readDirectory();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: "missing-scope", scope: "okta.groups.read", status: 403 });
      expect(r.error.message).toContain("lacks the scope okta.groups.read");
    }
  });

  it("reports invalid_client with Okta's description when the key is not the registered one", async () => {
    const [sa, stranger] = [await serviceApp({ requireDpop: true }), await serviceApp()];
    await setup([sa]);
    const r = await oauthClient(served!.url, { ...sa, key: stranger.key }).verify();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: "oauth", oktaErrorCode: "invalid_client", status: 401 });
      expect(r.error.message).toContain("The client_assertion signature is invalid.");
    }
  });

  it("renews a token the server already considers expired once on 401, and carries on", async () => {
    const sa = await serviceApp({ requireDpop: true });
    await setup([sa]);
    const clock = virtualClock(Date.now());
    const client = oauthClient(served!.url, sa, { now: clock.now, sleep: clock.sleep });
    expect((await client.verify()).ok).toBe(true);
    const before = tokenRequests(served!);
    // Our clock runs 3 minutes behind Okta's: we think the token has 2 minutes left, Okta says it expired.
    await clock.sleep(58 * 60_000);
    served!.sandbox.advance(61 * 60_000);
    const r = await client.verify();
    if (!r.ok) throw new Error(r.error.message);
    expect(served!.statuses.get(401)).toBe(1);
    expect(tokenRequests(served!)).toBe(before + 1); // the nonce is still good: one request
  });

  it("fails with invalid-token when the renewed token is refused too", async () => {
    const sa = await serviceApp({ requireDpop: true });
    await setup([sa]);
    // A network that mangles access tokens on the way to the API: every API call is a 401.
    const mangle: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      if (String(input).includes("/api/")) headers.set("Authorization", "DPoP not-a-token");
      return fetch(input, { ...init, headers });
    };
    const r = await oauthClient(served!.url, sa, { fetch: mangle }).verify();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: "invalid-token", status: 401 });
    expect(served!.sandbox.counters.get()["GET /api/v1/users"]).toBe(2);
    expect(tokenRequests(served!)).toBe(3); // nonce + token, then one renewal
  });

  it("reads a little ahead of expiry: a token about to expire is replaced before use", async () => {
    const sa = await serviceApp({ requireDpop: true });
    await setup([sa]);
    const clock = virtualClock(Date.now());
    const client = createOktaClient({
      baseUrl: served!.url,
      auth: { kind: "oauth", clientId: sa.app.clientId, privateKey: sa.key.privateKey, keyId: sa.app.kid },
      now: clock.now,
      sleep: clock.sleep,
    });
    expect((await client.verify()).ok).toBe(true);
    const before = tokenRequests(served!);
    await clock.sleep(3600_000 - 30_000); // 30 s before expiry: inside the renewal margin
    served!.sandbox.advance(3600_000 - 30_000);
    expect((await client.verify()).ok).toBe(true);
    expect(tokenRequests(served!)).toBe(before + 1);
    expect(served!.statuses.get(401) ?? 0).toBe(0);
  });
});

describe("SSWS client on the virtual clock", () => {
  it("is the baseline the other suites use", async () => {
    const seed = await setup([]);
    const r = await sswsClient(served!.url, virtualClock()).readDirectory();
    expect(r.ok && withoutTime(r.value)).toEqual(expectedDirectory(seed));
  });
});
