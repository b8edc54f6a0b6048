/**
 * Rate limits and failures: pacing against small buckets on the real clock, recovery from
 * the sandbox's seeded 429s, 5xx and dropped connections, and giving up cleanly.
 */
import { afterEach, describe, expect, it } from "vitest";
import { recordsOf } from "../../../shared/directory/table.ts";
import { oktaGroup, oktaSeed, oktaUsers } from "../../support/okta-seed.ts";
import type { OktaSeed } from "../../../edge/sandbox/demo/types.ts";
import { createOktaClient } from "../../../edge/okta/index.ts";
import { TEST_API_TOKEN } from "../../support/okta-seed.ts";
import { type ServedSandbox, serveSandbox, sswsClient, totalRequests, virtualClock, withoutTime } from "./fixtures.ts";

let served: ServedSandbox | null = null;
afterEach(async () => {
  await served?.close();
  served = null;
});

function seedWithGroups(users: number, groups: number): OktaSeed {
  const us = oktaUsers(users);
  const gs = Array.from({ length: groups }, () => oktaGroup());
  const memberships: Record<string, string[]> = {};
  gs.forEach((g, i) => (memberships[g.id] = us.filter((_, j) => j % groups === i || j < 250).map((u) => u.id)));
  return oktaSeed({ users: [...us, ...oktaUsers(5, { status: "DEPROVISIONED" })], groups: gs, memberships });
}

describe("rate-limit pacing (real clock, small buckets)", () => {
  it("reads everything without a single 429 when buckets allow only a few requests per window", async () => {
    const seed = seedWithGroups(650, 4);
    // Per 1 s window: 3 user requests, 6 group-member requests. The read needs 5 user pages
    // (4 plain, 1 DEPROVISIONED), 1 group page and 8 member pages (4 groups of ~350).
    served = await serveSandbox(seed, {
      rateLimits: { users: 3, groups: 3, group: 6 },
      rateLimitWindowMs: 1000,
    });
    const client = createOktaClient({ baseUrl: served.url, auth: { kind: "ssws", token: TEST_API_TOKEN }, maxInFlight: 4 });
    const r = await client.readDirectory();
    if (!r.ok) throw new Error(r.error.message);
    expect(recordsOf(r.value).users).toHaveLength(655);
    expect(served.statuses.get(429) ?? 0).toBe(0);
    expect(client.stats().requests).toBe(totalRequests(served.sandbox)); // nothing was retried
    expect(totalRequests(served.sandbox)).toBe(14);
  }, 60_000);
});

describe("recovery from injected faults", () => {
  it.each([
    ["429s", { rateLimitRate: 0.25 }],
    ["5xx answers", { errorRate: 0.25 }],
    ["dropped connections", { dropRate: 0.25 }],
    ["all of them at once", { rateLimitRate: 0.1, errorRate: 0.1, dropRate: 0.1 }],
  ])("returns exactly the fault-free directory despite %s", async (_name, faults) => {
    const seed = seedWithGroups(900, 6);
    served = await serveSandbox(seed);
    const clean = await sswsClient(served.url, virtualClock()).readDirectory();
    if (!clean.ok) throw new Error(clean.error.message);
    const cleanRequests = totalRequests(served.sandbox);
    await served.close();

    served = await serveSandbox(seed, { faults: { seed: 7, ...faults } });
    const clock = virtualClock();
    const r = await sswsClient(served.url, clock).readDirectory();
    if (!r.ok) throw new Error(r.error.message);
    expect(withoutTime(r.value)).toEqual(withoutTime(clean.value));
    expect(totalRequests(served.sandbox)).toBeGreaterThan(cleanRequests); // faults did happen
    expect(clock.slept()).toBeGreaterThan(0); // and were waited out
  });

  it("marks retries of a 429 with X-Okta-Retry-For and X-Okta-Retry-Count", async () => {
    served = await serveSandbox(seedWithGroups(10, 1), { faults: { seed: 3, rateLimitRate: 0.3 } });
    const r = await sswsClient(served.url, virtualClock()).readDirectory();
    if (!r.ok) throw new Error(r.error.message);
    const retries = served.seen.filter((s) => s.headers.has("x-okta-retry-for"));
    expect(retries.length).toBeGreaterThan(0);
    for (const s of retries) {
      expect(s.headers.get("x-okta-retry-for")).toMatch(/^\w{10,}$/);
      expect(Number(s.headers.get("x-okta-retry-count"))).toBeGreaterThanOrEqual(1);
    }
  });

  it("waits out a 429 until the reset the server announced", async () => {
    const clock = virtualClock();
    // The sandbox runs on the client's clock: its 429s announce a reset a full window ahead.
    served = await serveSandbox(seedWithGroups(10, 1), {
      faults: { seed: 3, rateLimitRate: 0.3 },
      rateLimitWindowMs: 60_000,
      now: clock.now,
    });
    const r = await sswsClient(served.url, clock).readDirectory();
    if (!r.ok) throw new Error(r.error.message);
    expect(served.statuses.get(429)).toBeGreaterThan(0);
    expect(clock.slept()).toBeGreaterThanOrEqual(60_000);
  });

  it("gives up after the retries with server-error, never a partial directory", async () => {
    served = await serveSandbox(seedWithGroups(500, 2), { faults: { errorRate: 1 } });
    const clock = virtualClock();
    const r = await sswsClient(served.url, clock).readDirectory();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("server-error");
      expect(r.error.message).toContain("answered 500");
      expect(r.error.oktaErrorCode).toBe("E0000009");
    }
  });

  it("gives up on a bucket that stays rate-limited with rate-limited", async () => {
    served = await serveSandbox(seedWithGroups(10, 1), { faults: { rateLimitRate: 1 } });
    const r = await sswsClient(served.url, virtualClock(), { retry: { maxAttempts: 3 } }).readDirectory();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("rate-limited");
    // 2 user lists + the group list, 3 attempts each at most.
    expect(totalRequests(served.sandbox)).toBeLessThanOrEqual(9);
  });

  it("fails the whole read when connections keep dropping mid-body", async () => {
    served = await serveSandbox(seedWithGroups(10, 1), { faults: { dropRate: 1 } });
    const r = await sswsClient(served.url, virtualClock()).readDirectory();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("network");
      expect(r.error.message).toMatch(/^The connection to 127\.0\.0\.1:\d+ kept failing \(.+\); gave up after 6 attempts$/);
    }
  });
});
