/** readConfig(): the environment the edge runs with, refused early and without echoing values. */
import { describe, expect, it } from "vitest";
import { readConfig } from "../../../edge/config.ts";

describe("readConfig()", () => {
  it("has safe local defaults", () => {
    const c = readConfig({});
    expect(c.ok && c.value).toMatchObject({
      port: 8000,
      kvPath: "./data/doorsync.kv",
      secretKey: null,
      secretKeyPath: "./data/secret.key",
      adminUsername: "admin",
      adminPasswordHash: null,
      oktaAllowedHosts: [],
      sessionTtlSeconds: 43_200,
      sessionMaxAgeSeconds: 604_800,
      allowLocalUpstreams: false,
      geneaBaseUrl: "https://api.sequr.io",
      oktaHookSecret: null,
      demo: true,
      signInMaxAttempts: 5,
      signInWindowSeconds: 900,
    });
  });

  it("reads lists and switches", () => {
    const c = readConfig({
      DOORSYNC_OKTA_ALLOWED_HOSTS: " Login.Acme.com , ,sso.acme.com",
      DOORSYNC_DEMO: "0",
      DOORSYNC_KV_PATH: "/var/lib/doorsync/kv",
    });
    expect(c.ok && c.value).toMatchObject({
      oktaAllowedHosts: ["login.acme.com", "sso.acme.com"],
      demo: false,
      secretKeyPath: "/var/lib/doorsync/secret.key",
    });
  });

  it.each([
    ["PORT", "eighty", /^PORT must be a whole number$/],
    ["PORT", "70000", /^PORT /],
    ["DOORSYNC_SECRET_KEY", "c2VjcmV0LXZhbHVlLXRoYXQtaXMtdG9vLXNob3J0", /^DOORSYNC_SECRET_KEY must be 32 bytes in base64$/],
    ["DOORSYNC_ADMIN_PASSWORD_HASH", "pbkdf2-sha256$1000$c2FsdA==$aGFzaA==", /iterations ≥ 210000/],
    ["DOORSYNC_ADMIN_PASSWORD_HASH", "plain-text-password", /^DOORSYNC_ADMIN_PASSWORD_HASH must be/],
    ["DOORSYNC_SESSION_TTL_SECONDS", "0", /^DOORSYNC_SESSION_TTL_SECONDS /],
    ["DOORSYNC_SESSION_MAX_AGE_SECONDS", "forever", /^DOORSYNC_SESSION_MAX_AGE_SECONDS must be a whole number$/],
    ["DOORSYNC_ALLOW_LOCAL_UPSTREAMS", "yes", /^DOORSYNC_ALLOW_LOCAL_UPSTREAMS /],
    ["DOORSYNC_OKTA_HOOK_SECRET", "short", /at least 16 characters/],
  ])("refuses %s=%j without echoing the value", (name, value, message) => {
    const c = readConfig({ [name]: value });
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.error.message).toMatch(message);
      expect(c.error.message).not.toContain(value);
    }
  });
});

describe("readConfig() demo size", () => {
  it.each([["1", 1], ["100000", 100_000]])("takes DOORSYNC_DEMO_USERS=%s", (raw, n) => {
    const c = readConfig({ DOORSYNC_DEMO_USERS: raw });
    expect(c.ok && c.value.demoUsers).toBe(n);
  });
  it("defaults to 2,000 people", () =>
    expect(readConfig({}).ok && (readConfig({}) as { value: { demoUsers: number } }).value.demoUsers).toBe(2000));
  it.each(["0", "100001", "lots"])("refuses DOORSYNC_DEMO_USERS=%s naming the variable", (raw) => {
    const c = readConfig({ DOORSYNC_DEMO_USERS: raw });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error.message).toMatch(/^DOORSYNC_DEMO_USERS /);
  });
});
