import { describe, expect, it } from "vitest";
import { createOktaSandbox } from "../../../../edge/sandbox/okta/index.ts";
import {
  accessTokenHash,
  dpopProof,
  generateKeyPair,
  oktaGroup,
  oktaSeed,
  oktaUser,
  serviceApp,
  type TestServiceApp,
} from "../../../support/okta-seed.ts";
import { getJson } from "./requests.ts";

const ORIGIN = "http://localhost";
const TOKEN_URL = `${ORIGIN}/oauth2/v1/token`;
const T0 = Date.parse("2024-06-01T12:00:00.000Z");

const keys = { RS256: generateKeyPair("RS256"), ES256: generateKeyPair("ES256") };

async function setup(options: { scopes?: string[]; requireDpop?: boolean; alg?: "RS256" | "ES256" } = {}) {
  const client = await serviceApp({ ...options, key: await keys[options.alg ?? "RS256"] });
  const group = oktaGroup();
  let clock = T0;
  const sandbox = createOktaSandbox(oktaSeed({ users: [oktaUser()], groups: [group], serviceApps: [client.app] }), {
    now: () => clock,
  });
  return { client, sandbox, group, tick: (ms: number) => (clock += ms), now: () => clock };
}

function tokenRequest(
  sandbox: ReturnType<typeof createOktaSandbox>,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return sandbox.app.request("/oauth2/v1/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

const form = (_client: TestServiceApp, assertion: string, scope = "okta.users.read") => ({
  grant_type: "client_credentials",
  scope,
  client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
  client_assertion: assertion,
});

describe("SSWS API tokens", () => {
  it("accepts a seeded token for every route", async () => {
    const { sandbox, group } = await setup();
    for (const path of ["/api/v1/users", `/api/v1/groups/${group.id}/users`, "/api/v1/logs", "/api/v1/eventHooks"]) {
      expect((await getJson(sandbox.app, path)).status).toBe(200);
    }
  });

  it.each([
    { name: "an unknown token", auth: "SSWS nope" },
    { name: "no Authorization header", auth: undefined },
    { name: "an unknown scheme", auth: "Basic abc" },
  ])("answers 401 E0000011 for $name", async ({ auth }) => {
    const { sandbox } = await setup();
    const { status, body } = await getJson(sandbox.app, "/api/v1/users", auth ? { Authorization: auth } : {});
    expect(status).toBe(401);
    expect(body).toMatchObject({ errorCode: "E0000011", errorSummary: "Invalid token provided" });
  });
});

describe("POST /oauth2/v1/token", () => {
  it("mints a Bearer token for a valid client assertion", async () => {
    const { sandbox, client, now } = await setup();
    const res = await tokenRequest(sandbox, form(client, await client.assertion(TOKEN_URL, {}, now()), "okta.users.read okta.groups.read"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "okta.users.read okta.groups.read" });
    expect(typeof body.access_token).toBe("string");
  });

  it("accepts ES256 assertions", async () => {
    const { sandbox, client, now } = await setup({ alg: "ES256" });
    expect((await tokenRequest(sandbox, form(client, await client.assertion(TOKEN_URL, {}, now())))).status).toBe(200);
  });

  it("accepts the org's own https URL as audience", async () => {
    const { sandbox, client, now } = await setup();
    const assertion = await client.assertion("https://test.okta.com/oauth2/v1/token", {}, now());
    expect((await tokenRequest(sandbox, form(client, assertion))).status).toBe(200);
  });

  it.each([
    { name: "a wrong audience", claims: { aud: "http://localhost/oauth2/default/v1/token" } },
    { name: "an expired assertion", claims: { exp: T0 / 1000 - 1 } },
    { name: "an expiry more than 1 h ahead", claims: { exp: T0 / 1000 + 7200 } },
    { name: "sub different from iss", claims: { sub: "someone-else" } },
    { name: "an unknown client", claims: { iss: "0oaUNKNOWN", sub: "0oaUNKNOWN" } },
  ])("refuses $name with 401 invalid_client", async ({ claims }) => {
    const { sandbox, client } = await setup();
    const res = await tokenRequest(sandbox, form(client, await client.assertion(TOKEN_URL, claims, T0)));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_client" });
  });

  it("refuses an assertion signed by another key with 401 invalid_client", async () => {
    const { sandbox, client } = await setup();
    const impostor = await serviceApp({ clientId: client.app.clientId, kid: client.app.kid });
    const res = await tokenRequest(sandbox, form(client, await impostor.assertion(TOKEN_URL, {}, T0)));
    expect(res.status).toBe(401);
    expect((await res.json()).error_description).toMatch(/signature/);
  });

  it("refuses a replayed jti with 401 invalid_client", async () => {
    const { sandbox, client } = await setup();
    const assertion = await client.assertion(TOKEN_URL, { jti: "once" }, T0);
    expect((await tokenRequest(sandbox, form(client, assertion))).status).toBe(200);
    const replay = await tokenRequest(sandbox, form(client, assertion));
    expect(replay.status).toBe(401);
    expect((await replay.json()).error_description).toMatch(/already been used/);
  });

  it("refuses scopes that were not granted with 400 invalid_scope", async () => {
    const { sandbox, client } = await setup({ scopes: ["okta.users.read"] });
    const res = await tokenRequest(sandbox, form(client, await client.assertion(TOKEN_URL, {}, T0), "okta.users.read okta.logs.read"));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_scope" });
  });

  it.each([
    { name: "another grant type", fields: { grant_type: "password" }, status: 400, error: "unsupported_grant_type" },
    { name: "another assertion type", fields: { client_assertion_type: "basic" }, status: 401, error: "invalid_client" },
    { name: "a malformed assertion", fields: { client_assertion: "not.a.jwt" }, status: 401, error: "invalid_client" },
  ])("refuses $name", async ({ fields, status, error }) => {
    const { sandbox, client } = await setup();
    const res = await tokenRequest(sandbox, { ...form(client, await client.assertion(TOKEN_URL, {}, T0)), ...fields });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error });
  });

  it("issues tokens that expire after expires_in", async () => {
    const { sandbox, client, tick } = await setup();
    const res = await tokenRequest(sandbox, form(client, await client.assertion(TOKEN_URL, {}, T0)));
    const { access_token } = await res.json();
    const bearer = { Authorization: `Bearer ${access_token}` };
    tick(3599_000);
    expect((await getJson(sandbox.app, "/api/v1/users", bearer)).status).toBe(200);
    tick(1000);
    const expired = await getJson(sandbox.app, "/api/v1/users", bearer);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ errorCode: "E0000011" });
  });
});

describe("scope checks", () => {
  async function bearer(scopes: string[]) {
    const s = await setup({ scopes });
    const res = await tokenRequest(s.sandbox, form(s.client, await s.client.assertion(TOKEN_URL, {}, T0), scopes.join(" ")));
    return { ...s, headers: { Authorization: `Bearer ${(await res.json()).access_token}` } };
  }

  it.each([
    { scopes: ["okta.users.read"], path: "/api/v1/users", ok: true },
    { scopes: ["okta.users.read"], path: "/api/v1/groups", ok: false, need: "okta.groups.read" },
    { scopes: ["okta.groups.read"], path: "/api/v1/users", ok: false, need: "okta.users.read" },
    { scopes: ["okta.groups.read"], path: "/api/v1/groups", ok: true },
    { scopes: ["okta.users.read"], path: "/api/v1/logs", ok: false, need: "okta.logs.read" },
    { scopes: ["okta.logs.read"], path: "/api/v1/logs", ok: true },
    { scopes: ["okta.eventHooks.read"], path: "/api/v1/eventHooks", ok: true },
    { scopes: ["okta.eventHooks.manage"], path: "/api/v1/eventHooks", ok: true },
    { scopes: ["okta.users.read"], path: "/api/v1/eventHooks", ok: false, need: "okta.eventHooks.read" },
    { scopes: ["okta.users.read"], path: "/api/v1/apps/0oa1/users", ok: false, need: "okta.apps.read" },
  ])("$path with $scopes → ok: $ok", async ({ scopes, path, ok, need }) => {
    const { sandbox, headers } = await bearer(scopes);
    const res = await sandbox.app.request(path, { headers });
    if (ok) {
      expect(res.status).toBe(200);
      return;
    }
    expect(res.status).toBe(403);
    expect(await res.text()).toBe("");
    const challenge = res.headers.get("WWW-Authenticate")!;
    expect(challenge).toMatch(
      /^Bearer authorization_uri="https:\/\/test\.okta\.com\/oauth2\/v1\/authorize", realm="https:\/\/test\.okta\.com"/,
    );
    expect(challenge).toContain(`scope="${need}"`);
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain(`resource="${path}"`);
  });

  it("needs okta.eventHooks.manage to create a hook", async () => {
    const { sandbox, headers } = await bearer(["okta.eventHooks.read"]);
    const res = await sandbox.app.request("/api/v1/eventHooks", { method: "POST", headers, body: "{}" });
    expect(res.status).toBe(403);
    expect(res.headers.get("WWW-Authenticate")).toContain('scope="okta.eventHooks.manage"');
  });
});

describe("DPoP", () => {
  async function dpopToken() {
    const s = await setup({ requireDpop: true });
    const key = await keys.ES256;
    const first = await tokenRequest(s.sandbox, form(s.client, await s.client.assertion(TOKEN_URL, {}, T0)), {
      DPoP: await dpopProof(key, { htm: "POST", htu: TOKEN_URL }, T0),
    });
    const nonce = first.headers.get("dpop-nonce")!;
    const second = await tokenRequest(s.sandbox, form(s.client, await s.client.assertion(TOKEN_URL, {}, T0)), {
      DPoP: await dpopProof(key, { htm: "POST", htu: TOKEN_URL, nonce }, T0),
    });
    return { ...s, key, first, second, token: (await second.json()).access_token as string };
  }

  const resourceProof = async (key: Awaited<ReturnType<typeof generateKeyPair>>, token: string, claims: Record<string, unknown> = {}) =>
    dpopProof(key, { htm: "GET", htu: `${ORIGIN}/api/v1/users`, ath: await accessTokenHash(token), ...claims }, T0);

  it("requires a DPoP header when the app demands it", async () => {
    const { sandbox, client } = await setup({ requireDpop: true });
    const res = await tokenRequest(sandbox, form(client, await client.assertion(TOKEN_URL, {}, T0)));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "invalid_dpop_proof", error_description: "The DPoP proof JWT header is missing." });
  });

  it("asks for a nonce first, then mints a DPoP token", async () => {
    const { first, second } = await dpopToken();
    expect(first.status).toBe(400);
    expect(await first.json()).toMatchObject({ error: "use_dpop_nonce" });
    expect(first.headers.get("dpop-nonce")).toMatch(/.{16,}/);
    expect(second.status).toBe(200);
  });

  it("returns token_type DPoP", async () => {
    const s = await setup({ requireDpop: true });
    const key = await keys.RS256;
    const first = await tokenRequest(s.sandbox, form(s.client, await s.client.assertion(TOKEN_URL, {}, T0)), {
      DPoP: await dpopProof(key, { htm: "POST", htu: TOKEN_URL }, T0),
    });
    const res = await tokenRequest(s.sandbox, form(s.client, await s.client.assertion(TOKEN_URL, {}, T0)), {
      DPoP: await dpopProof(key, { htm: "POST", htu: TOKEN_URL, nonce: first.headers.get("dpop-nonce")! }, T0),
    });
    expect(await res.json()).toMatchObject({ token_type: "DPoP", expires_in: 3600 });
  });

  it.each([
    { name: "a wrong htm", claims: { htm: "GET" } },
    { name: "a wrong htu", claims: { htu: `${ORIGIN}/oauth2/default/v1/token` } },
    { name: "an old iat", claims: { iat: T0 / 1000 - 301 } },
  ])("refuses a token-request proof with $name", async ({ claims }) => {
    const { sandbox, client } = await setup({ requireDpop: true });
    const key = await generateKeyPair("ES256");
    const res = await tokenRequest(sandbox, form(client, await client.assertion(TOKEN_URL, {}, T0)), {
      DPoP: await dpopProof(key, { htm: "POST", htu: TOKEN_URL, ...claims }, T0),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_dpop_proof" });
  });

  it("serves a resource call with a fresh proof bound to the token", async () => {
    const { sandbox, key, token } = await dpopToken();
    const res = await sandbox.app.request("/api/v1/users?limit=1", {
      headers: { Authorization: `DPoP ${token}`, DPoP: await resourceProof(key, token) },
    });
    expect(res.status).toBe(200);
  });

  it.each([
    { name: "htu with the query", claims: { htu: `${ORIGIN}/api/v1/users?limit=1` }, ok: true },
    { name: "a wrong htm", claims: { htm: "POST" }, ok: false },
    { name: "a wrong htu path", claims: { htu: `${ORIGIN}/api/v1/groups` }, ok: false },
    { name: "a wrong ath", claims: { ath: "AAAA" }, ok: false },
    { name: "an iat older than 5 minutes", claims: { iat: T0 / 1000 - 301 }, ok: false },
  ])("checks the resource proof: $name → ok: $ok", async ({ claims, ok }) => {
    const { sandbox, key, token } = await dpopToken();
    const res = await sandbox.app.request("/api/v1/users?limit=1", {
      headers: { Authorization: `DPoP ${token}`, DPoP: await resourceProof(key, token, claims) },
    });
    if (ok) return expect(res.status).toBe(200);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_dpop_proof" });
    expect(res.headers.get("WWW-Authenticate")).toMatch(/^DPoP algs="RS256 RS384 RS512 ES256 ES384 ES512"/);
  });

  it("compares htu with the decoded path", async () => {
    const { sandbox, key, token } = await dpopToken();
    const call = async (htu: string) =>
      sandbox.app.request("/api/v1/users/a%40b.com", {
        headers: { Authorization: `DPoP ${token}`, DPoP: await resourceProof(key, token, { htu }) },
      });
    expect((await call(`${ORIGIN}/api/v1/users/a%40b.com`)).status).toBe(400);
    expect((await call(`${ORIGIN}/api/v1/users/a@b.com`)).status).toBe(404);
  });

  it("refuses a replayed proof", async () => {
    const { sandbox, key, token } = await dpopToken();
    const proof = await resourceProof(key, token);
    const headers = { Authorization: `DPoP ${token}`, DPoP: proof };
    expect((await sandbox.app.request("/api/v1/users", { headers })).status).toBe(200);
    const replay = await sandbox.app.request("/api/v1/users", { headers });
    expect(replay.status).toBe(400);
    expect((await replay.json()).error_description).toMatch(/jti/);
  });

  it("refuses a proof signed by another key", async () => {
    const { sandbox, token } = await dpopToken();
    const other = await generateKeyPair("ES256");
    const res = await sandbox.app.request("/api/v1/users", {
      headers: { Authorization: `DPoP ${token}`, DPoP: await resourceProof(other, token) },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_dpop_proof" });
  });

  it.each([
    { name: "a DPoP token sent as Bearer", scheme: "Bearer", proof: true, status: 400, error: "invalid_request" },
    { name: "a DPoP token without a proof", scheme: "DPoP", proof: false, status: 400, error: "invalid_request" },
  ])("refuses $name", async ({ scheme, proof, status, error }) => {
    const { sandbox, key, token } = await dpopToken();
    const headers: Record<string, string> = { Authorization: `${scheme} ${token}` };
    if (proof) headers.DPoP = await resourceProof(key, token);
    const res = await sandbox.app.request("/api/v1/users", { headers });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error });
  });

  it("refuses a Bearer token sent with the DPoP scheme with 401 invalid_token", async () => {
    const { sandbox, client } = await setup();
    const minted = await tokenRequest(sandbox, form(client, await client.assertion(TOKEN_URL, {}, T0)));
    const token = (await minted.json()).access_token;
    const key = await generateKeyPair("ES256");
    const res = await sandbox.app.request("/api/v1/users", {
      headers: { Authorization: `DPoP ${token}`, DPoP: await resourceProof(key, token) },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_token" });
  });

  it("answers a missing scope with a DPoP challenge", async () => {
    const { sandbox, key, token } = await dpopToken();
    const res = await sandbox.app.request("/api/v1/eventHooks", {
      headers: {
        Authorization: `DPoP ${token}`,
        DPoP: await dpopProof(key, { htm: "GET", htu: `${ORIGIN}/api/v1/eventHooks`, ath: await accessTokenHash(token) }, T0),
      },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("WWW-Authenticate")).toMatch(/^DPoP algs="[^"]+", authorization_uri=.*error="insufficient_scope"/);
  });
});
