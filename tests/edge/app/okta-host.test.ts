/** checkOktaDomain(): which Okta domains a connection may name (pure, no network). */
import { describe, expect, it } from "vitest";
import { checkOktaDomain } from "../../../edge/security/okta-host.ts";
import { HOSTILE_OKTA_DOMAINS } from "../../support/hostile-domains.ts";

const strict = { allowedHosts: [], allowLocal: false };

describe("checkOktaDomain()", () => {
  it.each([
    ["acme.okta.com", "https://acme.okta.com"],
    ["https://acme.oktapreview.com", "https://acme.oktapreview.com"],
    ["https://acme.okta-emea.com/", "https://acme.okta-emea.com"],
    ["ACME.OKTA.COM", "https://acme.okta.com"],
    ["acme.okta.com:443", "https://acme.okta.com"],
    [" acme.okta.com ", "https://acme.okta.com"],
  ])("accepts %j as %s", (domain, baseUrl) => {
    expect(checkOktaDomain(domain, strict)).toEqual({ ok: true, value: { baseUrl, host: new URL(baseUrl).host } });
  });

  it.each(HOSTILE_OKTA_DOMAINS)("refuses %j", (domain) => {
    const res = checkOktaDomain(domain, strict);
    expect(res.ok).toBe(false);
  });

  it("accepts a custom domain only when the operator allow-lists it", () => {
    expect(checkOktaDomain("login.acme.example", strict).ok).toBe(false);
    expect(checkOktaDomain("login.acme.example", { allowedHosts: ["login.acme.example"], allowLocal: false })).toEqual({
      ok: true,
      value: { baseUrl: "https://login.acme.example", host: "login.acme.example" },
    });
  });

  it("still refuses http, IPs and ports for an allow-listed host unless local upstreams are on", () => {
    const listed = { allowedHosts: ["127.0.0.1:8080"], allowLocal: false };
    expect(checkOktaDomain("http://127.0.0.1:8080", listed).ok).toBe(false);
    expect(checkOktaDomain("http://127.0.0.1:8080", { ...listed, allowLocal: true })).toEqual({
      ok: true,
      value: { baseUrl: "http://127.0.0.1:8080", host: "127.0.0.1:8080" },
    });
    expect(checkOktaDomain("http://127.0.0.1:8081", { ...listed, allowLocal: true }).ok).toBe(false);
  });

  it("names the domain and the reason in its message", () => {
    const res = checkOktaDomain("10.0.0.1", strict);
    expect(!res.ok && res.error.message).toMatch(/"10\.0\.0\.1" is not allowed: IP addresses are not allowed/);
  });
});
