import { execFile } from "node:child_process";
import { request as httpRequest } from "node:http";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { childEnv } from "../../../support/child-env.ts";
import { denoBin } from "../../../support/edge-process.ts";
import { createOktaSandbox } from "../../../../edge/sandbox/okta/index.ts";
import { listen, type RunningServer } from "../../../support/http-server.ts";
import { oktaGroup, oktaSeed, oktaUsers, serviceApp } from "../../../support/okta-seed.ts";
import { getJson, postJson, SSWS } from "./requests.ts";

const users = oktaUsers(5);
const group = oktaGroup();
const setup = (options: Parameters<typeof createOktaSandbox>[1] = {}) =>
  createOktaSandbox(oktaSeed({ users, groups: [group], memberships: { [group.id]: [users[0].id] } }), options);

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("unknown paths and methods", () => {
  it.each([
    { method: "GET", path: "/api/v1/nowhere", status: 404, code: "E0000008" },
    { method: "GET", path: "/api/v1/users/x/roles", status: 404, code: "E0000008" },
    { method: "DELETE", path: "/api/v1/users", status: 405, code: "E0000022" },
    { method: "PUT", path: `/api/v1/groups/${group.id}/users`, status: 405, code: "E0000022" },
    { method: "GET", path: "/oauth2/v1/token", status: 405, code: "E0000022" },
  ])("$method $path → $status $code", async ({ method, path, status, code }) => {
    const res = await setup().app.request(path, { method, headers: SSWS });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ errorCode: code, errorLink: code });
  });
});

describe("counters", () => {
  it("counts requests per method and route pattern, served at /sandbox/counters", async () => {
    const sandbox = setup();
    await getJson(sandbox.app, "/api/v1/users");
    await getJson(sandbox.app, "/api/v1/users?limit=1");
    await getJson(sandbox.app, `/api/v1/groups/${group.id}/users`);
    await getJson(sandbox.app, `/api/v1/users/${users[1].id}`);
    expect((await getJson(sandbox.app, "/sandbox/counters")).body).toEqual({
      "GET /api/v1/users": 2,
      "GET /api/v1/groups/:id/users": 1,
      "GET /api/v1/users/:idOrLogin": 1,
    });
    expect((await sandbox.app.request("/sandbox/counters/reset", { method: "POST" })).status).toBe(204);
    expect(sandbox.counters.get()).toEqual({});
  });
});

describe("fault injection", () => {
  it("answers injected 5xx with Okta's E0000009 body", async () => {
    const { status, body } = await getJson(setup({ faults: { errorRate: 1 } }).app, "/api/v1/users");
    expect(status).toBe(500);
    expect(body).toMatchObject({ errorCode: "E0000009", errorLink: "E0000009" });
  });

  it("answers injected 429 with E0000047 and rate-limit headers", async () => {
    const now = Date.parse("2024-06-01T12:00:00.000Z");
    const { status, body, res } = await getJson(setup({ faults: { rateLimitRate: 1 }, now: () => now }).app, "/api/v1/users");
    expect(status).toBe(429);
    expect(body).toMatchObject({ errorCode: "E0000047" });
    expect(res.headers.get("X-Rate-Limit-Limit")).toBe("600");
    expect(res.headers.get("X-Rate-Limit-Remaining")).toBe("0");
    expect(res.headers.get("X-Rate-Limit-Reset")).toBe(String(now / 1000 + 60));
  });

  it("takes new fault options at POST /sandbox/faults, with the same seed giving the same sequence", async () => {
    const sandbox = setup();
    const run = async () => {
      await postJson(sandbox.app, "/sandbox/faults", { seed: 9, errorRate: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await sandbox.app.request("/api/v1/users", { headers: SSWS })).status);
      return statuses;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([200, 500]));
    expect(await run()).toEqual(first);
    const bad = await postJson(sandbox.app, "/sandbox/faults", { errorRate: 2 });
    expect(bad.status).toBe(400);
  });

  it("reads and clears fault options at GET and DELETE /sandbox/faults", async () => {
    const sandbox = setup({ faults: { errorRate: 1 } });
    expect((await getJson(sandbox.app, "/sandbox/faults")).body).toEqual({ errorRate: 1 });
    expect((await sandbox.app.request("/sandbox/faults", { method: "DELETE" })).status).toBe(200);
    expect((await sandbox.app.request("/api/v1/users", { headers: SSWS })).status).toBe(200);
  });

  it("never injects faults into the /sandbox control routes", async () => {
    const sandbox = setup({ faults: { errorRate: 1 } });
    expect((await postJson(sandbox.app, "/sandbox/faults", {})).status).toBe(200);
    expect((await sandbox.app.request("/api/v1/users", { headers: SSWS })).status).toBe(200);
  });
});

describe("POST /sandbox/clock/advance", () => {
  it("moves the sandbox clock, which Date headers and timestamps follow", async () => {
    const t0 = Date.parse("2024-06-01T12:00:00.000Z");
    const sandbox = setup({ now: () => t0 });
    const res = await postJson(sandbox.app, "/sandbox/clock/advance", { ms: 90_000 });
    expect(await res.json()).toEqual({ now: "2024-06-01T12:01:30.000Z" });
    expect((await sandbox.app.request("/api/v1/users", { headers: SSWS })).headers.get("Date")).toBe(new Date(t0 + 90_000).toUTCString());
    const created = await (await postJson(sandbox.app, "/sandbox/users", { profile: { login: "later@example.com" } })).json();
    expect(created.created).toBe("2024-06-01T12:01:30.000Z");
  });
});

describe("over a real socket (Node)", () => {
  // The sandbox appends one `link` value per relation; Fetch's Headers (Node and Deno alike)
  // then send them as one comma-separated field, which RFC 9110 §5.3 makes equivalent.
  it("sends self then next as link values on the wire", async () => {
    const server = await listen(setup().app.fetch);
    servers.push(server);
    const raw = await new Promise<string[]>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/v1/users?limit=2`, { headers: SSWS }, (res: { rawHeaders: string[]; resume(): void }) => {
        res.resume();
        resolve(res.rawHeaders);
      });
      req.on("error", reject);
      req.end();
    });
    const values = raw
      .filter((_, i) => i % 2 === 1 && raw[i - 1].toLowerCase() === "link")
      .flatMap((line) => line.split(/,\s*(?=<)/));
    expect(values).toHaveLength(2);
    expect(values[0]).toBe(`<${server.url}/api/v1/users?limit=2>; rel="self"`);
    expect(values[1]).toMatch(new RegExp(`^<${server.url}/api/v1/users\\?limit=2&after=[\\w-]+>; rel="next"$`));
  });

  it("serves a token and pages with the socket's own origin as audience", async () => {
    const client = await serviceApp();
    const sandbox = createOktaSandbox(oktaSeed({ users, serviceApps: [client.app] }));
    const server = await listen(sandbox.app.fetch);
    servers.push(server);
    const tokenRes = await fetch(`${server.url}/oauth2/v1/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        scope: "okta.users.read",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: await client.assertion(`${server.url}/oauth2/v1/token`),
      }),
    });
    expect(tokenRes.status).toBe(200);
    const { access_token } = await tokenRes.json();
    const res = await fetch(`${server.url}/api/v1/users?limit=2`, { headers: { Authorization: `Bearer ${access_token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveLength(2);
  });

  it("breaks the connection for a dropped response", async () => {
    const server = await listen(setup({ faults: { dropRate: 1 } }).app.fetch);
    servers.push(server);
    const read = async () => (await fetch(`${server.url}/api/v1/users`, { headers: SSWS })).text();
    await expect(read()).rejects.toThrow();
  });
});

describe("under Deno (Deno.serve)", () => {
  it("mints a token, pages users and drops connections", async () => {
    const { stdout } = await promisify(execFile)(
      denoBin,
      ["run", "-A", "tests/edge/sandbox/okta/sandbox-deno.ts"],
      { cwd: process.cwd(), env: childEnv() },
    );
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({ token: 200, users: 200, pageSize: 2, next: true, dropped: true });
  }, 60_000);
});
