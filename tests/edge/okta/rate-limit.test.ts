import { describe, expect, it } from "vitest";
import { createSemaphore } from "../../../edge/outbound/index.ts";
import { bucketOf, createPacer } from "../../../edge/okta/rate-limit.ts";
import type { RateHeaders } from "../../../edge/okta/retry.ts";

/** A fake clock: `sleep` moves time forward instead of waiting. */
function clock(start = 1_000_000) {
  let t = start;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: (ms: number) => {
      slept.push(ms);
      t += ms;
      return Promise.resolve();
    },
    advance: (ms: number) => {
      t += ms;
    },
    slept,
  };
}

const window = (now: number, limit: number, remaining: number, inSeconds: number): RateHeaders => ({
  limit,
  remaining,
  reset: Math.floor(now / 1000) + inSeconds,
  serverDate: Math.floor(now / 1000) * 1000,
});

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

describe("bucketOf()", () => {
  it.each([
    ["/api/v1/users", "/api/v1/users"],
    ["/api/v1/users/00u1", "/api/v1/users/{id}"],
    ["/api/v1/groups", "/api/v1/groups"],
    ["/api/v1/groups/00g1/users", "/api/v1/groups/{id}"],
    ["/api/v1/apps/0oa1/users", "/api/v1/apps"],
    ["/oauth2/v1/token", "/oauth2"],
    ["/api/v1/logs", "other"],
  ])("%s → %s", (path, bucket) => {
    expect(bucketOf(path)).toBe(bucket);
  });
});

describe("createPacer()", () => {
  it("sends one probe into a bucket it knows nothing about, then fans out", async () => {
    const c = clock();
    const pacer = createPacer({ maxInFlight: 4, now: c.now, sleep: c.sleep, resetMarginMs: 0 });
    await pacer.acquire("/api/v1/users");
    const second = pacer.acquire("/api/v1/users");
    expect(await settled(second)).toBe(false);
    pacer.release("/api/v1/users", window(c.now(), 100, 99, 60));
    expect(await settled(second)).toBe(true);
    await pacer.acquire("/api/v1/users");
    await pacer.acquire("/api/v1/users");
    expect(pacer.peakInFlight()).toBe(3);
  });

  it("keeps buckets apart", async () => {
    const c = clock();
    const pacer = createPacer({ maxInFlight: 4, now: c.now, sleep: c.sleep });
    await pacer.acquire("/api/v1/users");
    expect(await settled(pacer.acquire("/api/v1/groups"))).toBe(true);
  });

  it("caps requests in flight across buckets", async () => {
    const c = clock();
    const pacer = createPacer({ maxInFlight: 2, now: c.now, sleep: c.sleep });
    await pacer.acquire("a");
    await pacer.acquire("b");
    const third = pacer.acquire("c");
    expect(await settled(third)).toBe(false);
    pacer.release("a", null);
    expect(await settled(third)).toBe(true);
  });

  it("stops at the reserve and waits for the reset measured on the server clock", async () => {
    const c = clock();
    const pacer = createPacer({ maxInFlight: 4, now: c.now, sleep: c.sleep, reserveRatio: 0.1, resetMarginMs: 1000 });
    await pacer.acquire("u");
    // limit 20, reserve 2: 3 remaining leaves room for exactly one more request in flight.
    pacer.release("u", window(c.now(), 20, 3, 10));
    await pacer.acquire("u");
    const blocked = pacer.acquire("u");
    expect(await settled(blocked)).toBe(false);
    // The fake sleep has run the clock to the reset; the window is over, so the blocked
    // request becomes the next probe once the one in flight answers.
    pacer.release("u", null);
    await blocked;
    expect(c.slept.length).toBeGreaterThan(0);
    const waited = c.slept.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(10_000);
    expect(waited).toBeLessThanOrEqual(11_000);
  });

  it("lowers remaining on late answers of the same window and ignores older windows", async () => {
    const c = clock();
    const pacer = createPacer({ maxInFlight: 8, now: c.now, sleep: c.sleep, reserveRatio: 0, resetMarginMs: 0 });
    await pacer.acquire("u");
    const w = window(c.now(), 10, 5, 30);
    pacer.release("u", w);
    await pacer.acquire("u");
    pacer.release("u", { ...w, remaining: 2 });
    await pacer.acquire("u");
    pacer.release("u", { ...w, remaining: 4, reset: w.reset! - 60 }); // stale window: ignored
    await pacer.acquire("u");
    await pacer.acquire("u");
    expect(await settled(pacer.acquire("u"))).toBe(false); // 2 remaining, 2 in flight
  });

  it("does not re-arm a window that has ended when a late answer from it arrives", async () => {
    const c = clock();
    const pacer = createPacer({ maxInFlight: 4, now: c.now, sleep: c.sleep, reserveRatio: 0, resetMarginMs: 0 });
    await pacer.acquire("u");
    const old = window(c.now(), 10, 9, 5);
    pacer.release("u", old);
    await pacer.acquire("u"); // sent in the old window, answered late
    c.advance(6_000); // the old window is over
    pacer.release("u", { ...old, remaining: 0 });
    expect(await settled(pacer.acquire("u"))).toBe(true); // a probe, no wait for a stale reset
    expect(c.slept).toEqual([]);
  });

  it("does not treat the concurrency-limit answer (0/0) as an empty window", async () => {
    const c = clock();
    const pacer = createPacer({ maxInFlight: 4, now: c.now, sleep: c.sleep });
    await pacer.acquire("u");
    pacer.release("u", window(c.now(), 100, 90, 60));
    await pacer.acquire("u");
    pacer.release("u", window(c.now(), 0, 0, 60));
    expect(await settled(pacer.acquire("u"))).toBe(true);
    expect(c.slept).toEqual([]);
  });
});

describe("createSemaphore()", () => {
  it("hands slots out in arrival order", async () => {
    const s = createSemaphore(1);
    const order: number[] = [];
    await s.acquire();
    const a = s.acquire().then(() => order.push(1));
    const b = s.acquire().then(() => order.push(2));
    s.release();
    await a;
    s.release();
    await b;
    expect(order).toEqual([1, 2]);
  });
});
