/** guardedFetch() as the transport uses it: guarding a guarded fetch again adds no layer. */
import { describe, expect, it } from "vitest";
import { guardedFetch } from "../../../edge/outbound/index.ts";

describe("guardedFetch() over a guarded fetch", () => {
  it("returns a fetch already guarded for the same origin as it is", () => {
    const once = guardedFetch(globalThis.fetch, "https://acme.okta.com", "Okta");
    expect(guardedFetch(once, "https://acme.okta.com/api/v1", "Okta")).toBe(once);
  });

  it("guards it again for another origin, which then refuses both", async () => {
    const once = guardedFetch(globalThis.fetch, "https://acme.okta.com", "Okta");
    const twice = guardedFetch(once, "https://api.sequr.io", "Genea");
    expect(twice).not.toBe(once);
    await expect(twice("https://acme.okta.com/api/v1/users")).rejects.toThrow(/not the configured https:\/\/api\.sequr\.io/);
    await expect(twice("https://api.sequr.io/v2/x")).rejects.toThrow(/not the configured https:\/\/acme\.okta\.com/);
  });
});
