import { describe, expect, it } from "vitest";
import { createOktaSandbox, DEFAULT_RATE_LIMITS } from "../../../../edge/sandbox/okta/index.ts";
import { oktaGroup, oktaSeed, oktaUsers } from "../../../support/okta-seed.ts";
import { getJson, SSWS } from "./requests.ts";

const T0 = Date.parse("2024-06-01T12:00:00.000Z");
const group = oktaGroup();
const users = oktaUsers(3);

function setup(options: Parameters<typeof createOktaSandbox>[1] = {}) {
  let clock = T0;
  const sandbox = createOktaSandbox(oktaSeed({ users, groups: [group] }), { now: () => clock, ...options });
  return { sandbox, tick: (ms: number) => (clock += ms) };
}

describe("rate-limit headers", () => {
  it.each([
    { path: "/api/v1/users", limit: DEFAULT_RATE_LIMITS.users },
    { path: `/api/v1/users/${users[0].id}`, limit: DEFAULT_RATE_LIMITS.user },
    { path: `/api/v1/users/${users[0].id}/groups`, limit: DEFAULT_RATE_LIMITS.user },
    { path: "/api/v1/groups", limit: DEFAULT_RATE_LIMITS.groups },
    { path: `/api/v1/groups/${group.id}`, limit: DEFAULT_RATE_LIMITS.group },
    { path: `/api/v1/groups/${group.id}/users`, limit: DEFAULT_RATE_LIMITS.group },
    { path: "/api/v1/apps/0oa1/users", limit: DEFAULT_RATE_LIMITS.apps },
    { path: "/api/v1/logs", limit: DEFAULT_RATE_LIMITS.logs },
    { path: "/api/v1/eventHooks", limit: DEFAULT_RATE_LIMITS.other },
  ])("puts $path in the bucket of $limit per minute", async ({ path, limit }) => {
    const { sandbox } = setup();
    const res = await sandbox.app.request(path, { headers: SSWS });
    expect(res.headers.get("X-Rate-Limit-Limit")).toBe(String(limit));
    expect(res.headers.get("X-Rate-Limit-Remaining")).toBe(String(limit - 1));
    expect(res.headers.get("X-Rate-Limit-Reset")).toBe(String(T0 / 1000 + 60));
  });

  it("uses the Workforce defaults", () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({ users: 600, user: 2000, groups: 500, group: 1000, apps: 100, logs: 120, other: 1200 });
  });

  it("carries X-Okta-Request-Id, Date and a JSON content type on every answer, errors included", async () => {
    const { sandbox } = setup();
    for (const [path, status] of [["/api/v1/users", 200], ["/api/v1/users/nobody", 404], ["/api/v1/nowhere", 404]] as const) {
      const res = await sandbox.app.request(path, { headers: SSWS });
      expect(res.status).toBe(status);
      expect(res.headers.get("X-Okta-Request-Id")).toMatch(/^\w{20,}$/);
      expect(res.headers.get("Date")).toBe(new Date(T0).toUTCString());
      expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    }
  });
});

describe("rate limiting", () => {
  it("answers 429 E0000047 once a bucket is spent, and counts down Remaining", async () => {
    const { sandbox } = setup({ rateLimits: { users: 3 } });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      remaining.push((await sandbox.app.request("/api/v1/users", { headers: SSWS })).headers.get("X-Rate-Limit-Remaining"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const { status, body, res } = await getJson(sandbox.app, "/api/v1/users");
    expect(status).toBe(429);
    expect(body).toMatchObject({
      errorCode: "E0000047",
      errorSummary: "API call exceeded rate limit due to too many requests.",
      errorLink: "E0000047",
      errorCauses: [],
    });
    expect(res.headers.get("X-Rate-Limit-Remaining")).toBe("0");
  });

  it("keeps buckets apart", async () => {
    const { sandbox } = setup({ rateLimits: { users: 1 } });
    await sandbox.app.request("/api/v1/users", { headers: SSWS });
    expect((await sandbox.app.request("/api/v1/users", { headers: SSWS })).status).toBe(429);
    expect((await sandbox.app.request(`/api/v1/users/${users[0].id}`, { headers: SSWS })).status).toBe(200);
    expect((await sandbox.app.request("/api/v1/groups", { headers: SSWS })).status).toBe(200);
  });

  it("opens a new window after rateLimitWindowMs", async () => {
    const { sandbox, tick } = setup({ rateLimits: { logs: 2 }, rateLimitWindowMs: 1000 });
    for (let i = 0; i < 2; i++) await sandbox.app.request("/api/v1/logs", { headers: SSWS });
    const limited = await sandbox.app.request("/api/v1/logs", { headers: SSWS });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("X-Rate-Limit-Reset")).toBe(String(T0 / 1000 + 1));
    tick(1000);
    const next = await sandbox.app.request("/api/v1/logs", { headers: SSWS });
    expect(next.status).toBe(200);
    expect(next.headers.get("X-Rate-Limit-Remaining")).toBe("1");
  });

  it("answers 429 with 0/0 headers over the concurrency limit", async () => {
    const { sandbox } = setup({ concurrencyLimit: 2, faults: { latencyMs: 30 } });
    const results = await Promise.all(Array.from({ length: 4 }, () => sandbox.app.request("/api/v1/users", { headers: SSWS })));
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(limited).toHaveLength(2);
    for (const r of limited) {
      expect(r.headers.get("X-Rate-Limit-Limit")).toBe("0");
      expect(r.headers.get("X-Rate-Limit-Remaining")).toBe("0");
      expect(Number(r.headers.get("X-Rate-Limit-Reset"))).toBeGreaterThan(T0 / 1000);
      expect(await r.json()).toMatchObject({ errorCode: "E0000047" });
    }
  });
});
