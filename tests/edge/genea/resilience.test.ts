import { type Context, Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { createGeneaClient } from "../../../edge/genea/index.ts";
import { retryAfterMs } from "../../../edge/outbound/index.ts";
import { createGeneaSandbox } from "../../../edge/sandbox/genea/index.ts";
import { listen, type RunningServer } from "../../support/http-server.ts";
import { CUSTOMER, geneaSeed, TEST_KEY } from "../../support/genea-seed.ts";

const NOW = new Date("2025-05-01T12:00:00.000Z");
const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(fetch: (req: Request) => Response | Promise<Response>) {
  const s = await listen(fetch);
  servers.push(s);
  return s;
}

function clientFor(url: string, extra: { maxAttempts?: number; maxInFlight?: number; random?: () => number } = {}) {
  const sleeps: number[] = [];
  const client = createGeneaClient({
    baseUrl: url,
    apiKey: TEST_KEY,
    now: () => NOW,
    random: extra.random ?? (() => 0.5),
    sleep: async (ms) => void sleeps.push(ms),
    maxAttempts: extra.maxAttempts,
    maxInFlight: extra.maxInFlight,
  });
  return { client, sleeps };
}

/** A Genea-like app whose verify works and whose user list is served by `users`. */
function fakeGenea(users: (page: number, pageSize: number, read: number) => { rowCount: number; rows: number; start?: number }) {
  const app = new Hono();
  let reads = 0;
  app.post("/v2/api_key/verify", (c) => c.json({ meta: { message: "ok" }, data: { customer_uuid: CUSTOMER } }));
  app.get(`/v2/customer/${CUSTOMER}/user`, (c) => {
    const page = Number(c.req.query("page"));
    const size = Number(c.req.query("page_size"));
    if (page === 1) reads++;
    const { rowCount, rows, start = (page - 1) * size } = users(page, size, reads);
    const data = Array.from(
      { length: rows },
      (_, i) => ({ uuid: `u-${start + i}`, name: `U ${start + i}`, email: null, user_locations: [] }),
    );
    return c.json({
      meta: { message: "ok", pagination: { page, page_size: size, row_count: rowCount, page_count: Math.ceil(rowCount / size) } },
      data,
    });
  });
  app.get(
    `/v2/customer/${CUSTOMER}/card`,
    (c) => c.json({ meta: { pagination: { page: 1, page_size: 100, row_count: 0, page_count: 0 } }, data: [] }),
  );
  return app;
}

describe("Genea client writes that cannot be deduplicated", () => {
  it("does not retry a mobile key create on a 5xx (a second POST could issue a second key), but does on a 429", async () => {
    const sandbox = createGeneaSandbox(geneaSeed({ users: 2 }), { now: () => NOW });
    const { url } = await serve(sandbox.app.fetch);
    const { client } = clientFor(url, { maxAttempts: 5 });
    expect((await client.verify()).ok).toBe(true);
    sandbox.faults.set({ errorRate: 1 });
    sandbox.counters.reset();
    expect(await client.issueMobileKey("user-0001")).toMatchObject({ ok: false, error: { code: "server-error" } });
    expect(sandbox.counters.get()).toEqual({ "POST /v2/customer/:customer/card/mobile": 1 });
    sandbox.faults.set({ errorRate: 1 });
    expect(await client.revokeMobileKey("card-x")).toMatchObject({ ok: false, error: { code: "server-error", attempts: 5 } });
    sandbox.faults.set({ rateLimitRate: 1 });
    sandbox.counters.reset();
    expect(await client.issueMobileKey("user-0001")).toMatchObject({ ok: false, error: { code: "rate-limited", attempts: 5 } });
    expect(sandbox.counters.get()).toEqual({ "POST /v2/customer/:customer/card/mobile": 5 });
  });
});

describe("Genea client under injected faults", () => {
  it("recovers from 5xx, 429 and dropped connections with results identical to a clean read", async () => {
    const sandbox = createGeneaSandbox(geneaSeed({ users: 1050 }), { now: () => NOW });
    const { url } = await serve(sandbox.app.fetch);
    const clean = await clientFor(url).client.readState();
    expect(clean.ok).toBe(true);
    sandbox.faults.set({ seed: 42, errorRate: 0.15, rateLimitRate: 0.1, dropRate: 0.1 });
    sandbox.counters.reset();
    const { client, sleeps } = clientFor(url, { maxAttempts: 10 });
    const faulty = await client.readState();
    expect(faulty).toEqual(clean);
    expect(sleeps.length).toBeGreaterThan(0);
    expect(client.requestCount()).toBe(Object.values(sandbox.counters.get()).reduce((a, b) => a + b, 0));
    expect(client.requestCount()).toBeGreaterThan(1 + 11 + 1);
  });

  it("completes mutations through faults exactly once", async () => {
    const sandbox = createGeneaSandbox(geneaSeed({ users: 2 }), { now: () => NOW, faults: { seed: 7, errorRate: 0.3, dropRate: 0.2 } });
    const { url } = await serve(sandbox.app.fetch);
    const { client } = clientFor(url, { maxAttempts: 12 });
    for (let i = 0; i < 5; i++) {
      const r = await client.createUser({
        name: `N ${i}`,
        email: `n${i}@example.com`,
        mobilePhone: null,
        department: null,
        employeeNumber: null,
        costCenter: null,
      });
      expect(r.ok).toBe(true);
    }
    expect(sandbox.state.userList.map((u) => u.email)).toEqual([
      "user0001@example.com",
      "user0002@example.com",
      "n0@example.com",
      "n1@example.com",
      "n2@example.com",
      "n3@example.com",
      "n4@example.com",
    ]);
  });

  it("gives up after maxAttempts on a server that keeps failing, with growing capped backoff", async () => {
    const sandbox = createGeneaSandbox(geneaSeed(), { faults: { errorRate: 1 } });
    const { url } = await serve(sandbox.app.fetch);
    const { client, sleeps } = clientFor(url, { maxAttempts: 9 });
    const result = await client.verify();
    expect(result).toMatchObject({ ok: false, error: { code: "server-error", status: 503, attempts: 9 } });
    if (!result.ok) expect(result.error.message).toMatch(/^Genea answered 503 to POST \/v2\/api_key\/verify after 9 attempts/);
    expect(client.requestCount()).toBe(9);
    // random() = 0.5 → three quarters of min(10 s, 250 ms · 2^n)
    expect(sleeps).toEqual([187.5, 375, 750, 1500, 3000, 6000, 7500, 7500]);
  });

  it("waits as long as Retry-After says on 429", async () => {
    const sandbox = createGeneaSandbox(geneaSeed(), { faults: { rateLimitRate: 1 } });
    const { url } = await serve(sandbox.app.fetch);
    const { client, sleeps } = clientFor(url, { maxAttempts: 3 });
    expect(await client.verify()).toMatchObject({ ok: false, error: { code: "rate-limited", status: 429 } });
    expect(sleeps).toEqual([1000, 1000]);
  });

  it.each([
    ["401", "gk_bad"],
    ["422", TEST_KEY],
  ])("never retries a %s", async (status, key) => {
    const sandbox = createGeneaSandbox(geneaSeed({ users: 1 }));
    const { url } = await serve(sandbox.app.fetch);
    const client = createGeneaClient({ baseUrl: url, apiKey: key, sleep: async () => {} });
    const result = status === "401"
      ? await client.verify()
      : await client.addUserLocations("user-0001", [{ locationUuid: "nowhere", roleUuid: "r", accessGroupUuids: [] }]);
    expect(result.ok).toBe(false);
    expect(client.requestCount()).toBe(status === "401" ? 1 : 2);
  });
});

describe("Genea client against answers that are not Genea's", () => {
  it.each([
    ["an HTML page", (c: Context) => c.html("<!doctype html><html><body>Welcome to nginx</body></html>"), /not JSON \(HTML page\)/],
    [
      "an HTML 502 from a proxy, after retries",
      (c: Context) => c.html("<html><body>Bad Gateway</body></html>", 502),
      /not JSON \(HTML page\) to POST \/v2\/api_key\/verify, HTTP 502/,
    ],
    ["truncated JSON", (c: Context) => c.body('{"meta": {"mess'), /not JSON \(text starting "\{"meta": \{"mess"\)/],
    ["an empty 500", (c: Context) => c.body("", 500), /not JSON \(empty body\)/],
  ])("explains %s", async (_, answer, pattern) => {
    const app = new Hono();
    app.all("*", answer);
    const { url } = await serve(app.fetch);
    const result = await clientFor(url, { maxAttempts: 2 }).client.verify();
    expect(result).toMatchObject({ ok: false, error: { code: "not-json" } });
    if (!result.ok) expect(result.error.message).toMatch(pattern);
  });

  it("accepts a 204 with no body for a mutation", async () => {
    const app = new Hono();
    app.post("/v2/api_key/verify", (c) => c.json({ meta: { message: "ok" }, data: { customer_uuid: CUSTOMER } }));
    app.delete("/v2/card/:uuid", (c) => c.body(null, 204));
    app.delete(`/v2/customer/${CUSTOMER}/user/:uuid`, (c) => c.body(null, 204));
    const { url } = await serve(app.fetch);
    const { client } = clientFor(url);
    expect(await client.revokeMobileKey("card-1")).toEqual({ ok: true, value: undefined });
    expect(await client.deactivateUser("user-1")).toEqual({ ok: true, value: undefined });
  });

  it("refuses JSON of the wrong shape, naming the path", async () => {
    const app = new Hono();
    app.post("/v2/api_key/verify", (c) => c.json({ meta: { message: "ok" }, data: { customer: "x" } }));
    const { url } = await serve(app.fetch);
    const result = await clientFor(url).client.verify();
    expect(result).toMatchObject({ ok: false, error: { code: "invalid-response" } });
    if (!result.ok) expect(result.error.message).toMatch(/customer_uuid/);
  });

  it("names the host it could not resolve", async () => {
    const result = await clientFor("http://doorsync-no-such-host.invalid", { maxAttempts: 2 }).client.verify();
    expect(result).toMatchObject({ ok: false, error: { code: "unreachable" } });
    if (!result.ok) expect(result.error.message).toMatch(/^Could not reach doorsync-no-such-host\.invalid: /);
  });

  it("names the closed port it could not connect to", async () => {
    const s = await listen(new Hono().fetch);
    await s.close();
    const result = await clientFor(s.url, { maxAttempts: 2 }).client.verify();
    expect(result).toMatchObject({ ok: false, error: { code: "unreachable", attempts: 2 } });
    if (!result.ok) expect(result.error.message).toMatch(new RegExp(`^Could not reach 127\\.0\\.0\\.1:${s.port}: .*ECONNREFUSED`));
  });
});

describe("Genea client paging", () => {
  it("re-reads a list whose row_count changed mid-read, and returns the consistent read", async () => {
    // first whole read: a user was added before page 2, shifting it by one; the second read is stable
    const app = fakeGenea((page, _size, read) =>
      read === 1 && page === 2 ? { rowCount: 251, rows: 100, start: 99 } : { rowCount: 250, rows: page < 3 ? 100 : 50 }
    );
    const { url } = await serve(app.fetch);
    const state = await clientFor(url).client.readState();
    expect(state.ok && state.value.users.map((u) => u.uuid)).toEqual(Array.from({ length: 250 }, (_, i) => `u-${i}`));
  });

  it.each([
    [
      "row_count keeps growing",
      (page: number, _s: number, read: number) => ({ rowCount: 250 + (page === 1 ? 0 : read), rows: page < 3 ? 100 : 50 }),
    ],
    ["a page comes back short", (page: number) => ({ rowCount: 250, rows: page === 2 ? 99 : page < 3 ? 100 : 50 })],
  ])("fails as inconsistent when %s, never returning a partial list", async (_, users) => {
    const { url } = await serve(fakeGenea(users).fetch);
    const result = await clientFor(url).client.readState();
    expect(result).toMatchObject({ ok: false, error: { code: "inconsistent" } });
    if (!result.ok) expect(result.error.message).toMatch(/^Genea's users list kept changing while it was read 3 times/);
  });

  it("keeps at most maxInFlight requests open", async () => {
    let open = 0;
    let peak = 0;
    const inner = fakeGenea(() => ({ rowCount: 1000, rows: 100 }));
    const { url } = await serve(async (req) => {
      peak = Math.max(peak, ++open);
      await new Promise((r) => setTimeout(r, 5));
      open--;
      return inner.fetch(req);
    });
    const { client } = clientFor(url, { maxInFlight: 2 });
    expect((await client.readState()).ok).toBe(true);
    expect(peak).toBe(2);
  });
});

describe("Genea client createUser() after a lost answer", () => {
  it("returns the user its first, unanswered try created instead of a duplicate-email conflict", async () => {
    const sandbox = createGeneaSandbox(geneaSeed(), { now: () => NOW });
    let lost = false;
    const { url } = await serve(async (req) => {
      const res = await sandbox.app.fetch(req);
      if (req.method === "POST" && new URL(req.url).pathname.endsWith("/user") && !lost) {
        lost = true; // the user was created, but the answer never arrives
        return new Response("upstream timeout", { status: 504 });
      }
      return res;
    });
    const { client } = clientFor(url);
    const result = await client.createUser({
      name: "Once",
      email: "once@example.com",
      mobilePhone: null,
      department: null,
      employeeNumber: null,
      costCenter: null,
    });
    expect(result).toMatchObject({ ok: true, value: { email: "once@example.com" } });
    expect(sandbox.state.userList.filter((u) => u.email === "once@example.com")).toHaveLength(1);
  });
});

describe("retryAfterMs()", () => {
  const now = Date.parse("2025-05-01T12:00:00.000Z");
  it.each([
    [null, null],
    ["3", 3000],
    ["0", 0],
    ["Thu, 01 May 2025 12:00:05 GMT", 5000],
    ["Thu, 01 May 2025 11:00:00 GMT", 0],
    ["3600", 60_000],
    ["soon", null],
  ])("reads Retry-After %j as %j ms", (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms);
  });
});
