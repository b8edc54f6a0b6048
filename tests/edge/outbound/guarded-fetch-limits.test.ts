/**
 * guardedFetch(): the one fetch every Okta and Genea call goes through, against fake
 * upstreams on real sockets. One origin, no redirects, and every answer capped in bytes
 * (counted while streaming) and in time, with errors that name the host and the limit.
 */
import { afterEach, describe, expect, it } from "vitest";
import { guardedFetch, UPSTREAM_LIMITS } from "../../../edge/outbound/index.ts";
import { type HostileUpstream, hostileUpstream, type UpstreamMode } from "../../support/hostile-upstream.ts";

const MiB = 1024 * 1024;
const upstreams: HostileUpstream[] = [];
afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((u) => u.close()));
});

async function upstream(mode: UpstreamMode, honest?: (req: Request) => Response) {
  const u = await hostileUpstream({ mode, honest, dripMs: 20 });
  upstreams.push(u);
  return u;
}

const hostOf = (u: HostileUpstream) => new URL(u.url).host;

describe("guardedFetch()", () => {
  it("documents a cap of 16 MiB and 90 s per answer", () => {
    expect(UPSTREAM_LIMITS).toEqual({ maxBytes: 16 * MiB, timeoutMs: 90_000 });
  });

  it("passes an answer within the cap through unchanged", async () => {
    const u = await upstream("honest", () => Response.json({ users: ["a", "b"] }, { headers: { "x-rate-limit-remaining": "7" } }));
    const res = await guardedFetch(fetch, u.url, "Okta")(`${u.url}/api/v1/users`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-rate-limit-remaining")).toBe("7");
    expect(await res.json()).toEqual({ users: ["a", "b"] });
  });

  it("passes an answer of exactly the cap", async () => {
    const body = "x".repeat(256 * 1024);
    const u = await upstream("honest", () => new Response(body));
    const res = await guardedFetch(fetch, u.url, "Genea", { maxBytes: body.length, timeoutMs: 10_000 })(`${u.url}/v2/x`);
    expect((await res.text()).length).toBe(body.length);
  });

  it("fails an endless answer at the cap, naming the host and the limit, and hangs up", async () => {
    const u = await upstream("endless");
    const res = await guardedFetch(fetch, u.url, "Okta", { maxBytes: 2 * MiB, timeoutMs: 30_000 })(`${u.url}/api/v1/users`);
    await expect(res.text()).rejects.toThrow(
      `Okta (${hostOf(u)}) answered /api/v1/users with more than 2 MiB, over the limit of 2 MiB per answer`,
    );
    await expect.poll(() => u.hungUp()).toBe(1);
    // What was read stopped near the cap (the rest is socket buffers), not at whatever the upstream had.
    expect(u.sent()).toBeGreaterThan(2 * MiB);
    expect(u.sent()).toBeLessThan(2 * MiB + 16 * MiB);
  });

  it("refuses an answer whose Content-Length is over the cap before reading its body", async () => {
    const u = await upstream("declared");
    const f = guardedFetch(fetch, u.url, "Genea", { maxBytes: 2 * MiB, timeoutMs: 30_000 });
    await expect(f(`${u.url}/v2/customer/x/user`)).rejects.toThrow(
      `Genea (${hostOf(u)}) answered /v2/customer/x/user with 300 MiB (Content-Length), over the limit of 2 MiB per answer`,
    );
    // fetch() itself fails (the body is read later, by text()/json()), and the upstream is hung up on.
    await expect.poll(() => u.hungUp()).toBe(1);
    expect(u.sent()).toBeLessThan(16 * MiB); // socket buffers only, far from the 300 MiB declared
  });

  it("sends no further request after an oversized answer", async () => {
    const u = await upstream("endless");
    const f = guardedFetch(fetch, u.url, "Okta", { maxBytes: MiB, timeoutMs: 30_000 });
    await expect((await f(`${u.url}/api/v1/users`)).text()).rejects.toThrow(/over the limit of 1 MiB/);
    await expect(f(`${u.url}/api/v1/users`)).rejects.toThrow(
      /over the limit of 1 MiB per answer; doorsync sends 127\.0\.0\.1:\d+ no further requests/,
    );
    expect(u.requests()).toBe(1);
  });

  it("fails an answer that does not finish within the time limit, naming the host and the limit", async () => {
    const u = await upstream("drip");
    const res = await guardedFetch(fetch, u.url, "Genea", { maxBytes: MiB, timeoutMs: 300 })(`${u.url}/v2/x`);
    await expect(res.text()).rejects.toThrow(`Genea (${hostOf(u)}) did not finish answering /v2/x within 0.3 s, the limit per answer`);
    await expect.poll(() => u.hungUp()).toBe(1);
  });

  it("keeps the caller's own abort signal working", async () => {
    const u = await upstream("drip");
    const controller = new AbortController();
    const res = await guardedFetch(fetch, u.url, "Okta")(`${u.url}/api/v1/users`, { signal: controller.signal });
    controller.abort(new Error("caller gave up"));
    await expect(res.text()).rejects.toThrow("caller gave up");
  });

  it("refuses another origin and never follows redirects", async () => {
    const u = await upstream("honest", () => new Response(null, { status: 302, headers: { location: "http://169.254.169.254/" } }));
    const f = guardedFetch(fetch, u.url, "Okta");
    await expect(f("http://169.254.169.254/latest")).rejects.toThrow(/not the configured/);
    expect((await f(`${u.url}/api/v1/users`)).status).toBe(302);
  });
});
