/**
 * Servers that are not (well-behaved) Okta: nothing listening, HTML, broken JSON, bodies of
 * the wrong shape, and next links that try to lead the token elsewhere. Each is a clear
 * error value, never a crash and never a partial directory.
 */
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { createOktaClient } from "../../../edge/okta/index.ts";
import { listen, type RunningServer } from "../../support/http-server.ts";
import { virtualClock } from "./fixtures.ts";

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(app: Hono) {
  const s = await listen(app.fetch);
  servers.push(s);
  return s;
}

const client = (baseUrl: string) =>
  createOktaClient({ baseUrl, auth: { kind: "ssws", token: "t" }, now: virtualClock().now, sleep: virtualClock().sleep });

const user = (id: string) => ({
  id,
  status: "ACTIVE",
  lastUpdated: "2024-01-01T00:00:00.000Z",
  profile: { login: id, email: `${id}@x.com` },
});

/** An "Okta" whose users list is `pages` (each a body or a raw string), chained by next links. */
function orgServing(pages: (unknown | string)[], opts: { nextOrigin?: () => string } = {}) {
  const app = new Hono();
  app.get("/api/v1/users", (c) => {
    const i = Number(c.req.query("after") ?? 0);
    if (i + 1 < pages.length) {
      const origin = opts.nextOrigin?.() ?? new URL(c.req.url).origin;
      c.header("Link", `<${origin}/api/v1/users?limit=200>; rel="self"`);
      c.header("Link", `<${origin}/api/v1/users?after=${i + 1}&limit=200>; rel="next"`, { append: true });
    }
    const page = pages[i];
    return typeof page === "string" ? c.body(page, 200, { "Content-Type": "application/json" }) : c.json(page);
  });
  app.get("/api/v1/groups", (c) => c.json([]));
  return app;
}

describe("unreachable orgs", () => {
  it("reports unknown-domain for a closed port on 127.0.0.1, after retrying", async () => {
    const s = await listen(() => new Response("bye"));
    await s.close();
    const clock = virtualClock();
    const c = createOktaClient({ baseUrl: s.url, auth: { kind: "ssws", token: "t" }, now: clock.now, sleep: clock.sleep });
    const r = await c.readDirectory();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("unknown-domain");
      expect(r.error.message).toMatch(new RegExp(`^Could not reach 127\\.0\\.0\\.1:${s.port}: .*ECONNREFUSED`));
    }
    expect(clock.slept()).toBeGreaterThan(0);
  });

  it("reports unknown-domain for a name that does not resolve", async () => {
    const r = await client("https://doorsync-no-such-org.invalid").verify();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("unknown-domain");
      expect(r.error.message).toMatch(/^Could not reach doorsync-no-such-org\.invalid: /);
    }
  });

  it("reports unknown-domain when the host answers 404 without an Okta error (not an Okta org)", async () => {
    const s = await serve(new Hono());
    const r = await client(s.url).verify();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("unknown-domain");
  });

  it.each([
    ["http to a public host", "http://acme.okta.com"],
    ["not a URL", "acme"],
  ])("refuses a base URL that is %s", async (_n, baseUrl) => {
    const r = await client(baseUrl).readDirectory();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("invalid-config");
  });
});

describe("malformed answers", () => {
  it.each([
    ["an HTML page", "<!doctype html><html><body>Sign in</body></html>", /HTML instead of JSON/],
    ["truncated JSON", '[{"id":"00u1","status":"ACT', /not JSON/],
    ["an object instead of a list", { users: [] }, /Invalid users page from \/api\/v1\/users at \(root\)/],
    ["a user without a status", [{ id: "00u1", profile: {} }], /\[0\]\.status/],
    ["an unknown status", [{ ...user("00u1"), status: "ZOMBIE" }], /\[0\]\.status/],
    // shared/validate.ts reports union issues at (root), so only the reason is checked here.
    ["a profile value that is an object", [{ ...user("00u1"), profile: { manager: { id: 1 } } }], /received Object/],
  ])("fails with malformed-response on %s", async (_n, body, message) => {
    const s = await serve(orgServing([body]));
    const r = await client(s.url).readDirectory();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("malformed-response");
      expect(r.error.message).toMatch(message);
    }
  });

  it("fails the whole read when a later page is broken, rather than returning the first pages", async () => {
    const s = await serve(orgServing([[user("00u1"), user("00u2")], "<html>oops</html>"]));
    const c = client(s.url);
    expect((await c.readDirectory()).ok).toBe(false);
    expect((await c.listUsers()).ok).toBe(false);
  });

  it("ignores fields it does not know", async () => {
    const s = await serve(orgServing([[{ ...user("00u1"), brandNew: { x: 1 }, _embedded: {} }]]));
    const r = await client(s.url).listUsers();
    expect(r.ok && r.value.map((u) => u.id)).toEqual(["00u1"]);
  });
});

describe("next links", () => {
  it("refuses to follow a next link to another origin and never sends the token there", async () => {
    let evilHits = 0;
    const evil = new Hono();
    evil.all("*", (c) => {
      evilHits++;
      return c.json([]);
    });
    const e = await serve(evil);
    const s = await serve(orgServing([[user("00u1")], [user("00u2")]], { nextOrigin: () => e.url }));
    const r = await client(s.url).readDirectory();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("cross-origin-link");
      expect(r.error.message).toContain(e.url);
    }
    expect(evilHits).toBe(0);
  });

  it("never follows an HTTP redirect with the token (e.g. a sign-in page elsewhere)", async () => {
    let elsewhere = 0;
    const other = new Hono();
    other.all("*", (c) => {
      elsewhere++;
      return c.json([]);
    });
    const o = await serve(other);
    const app = new Hono();
    app.all("*", (c) => c.redirect(`${o.url}/login`, 302));
    const s = await serve(app);
    const r = await client(s.url).verify();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("unknown-domain");
      expect(r.error.message).toContain("redirected (302)");
    }
    expect(elsewhere).toBe(0);
  });

  it("stops on a next link that points back at a page already read", async () => {
    const app = new Hono();
    app.get("/api/v1/users", (c) => {
      c.header("Link", `<${new URL(c.req.url).origin}/api/v1/users?limit=200>; rel="next"`);
      return c.json([user("00u1")]);
    });
    app.get("/api/v1/groups", (c) => c.json([]));
    const s = await serve(app);
    const r = await client(s.url).listUsers();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/round in a circle/);
  });
});
