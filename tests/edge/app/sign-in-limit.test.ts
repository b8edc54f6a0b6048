/**
 * The sign-in limit under concurrency, over HTTP against the real edge (limit 5 per 15
 * minutes). Clients come from several loopback addresses (127.0.0.x) to be different IPs.
 * Attempts are reserved before any password is checked, so a parallel burst checks at most
 * the limit; strangers can use up an account's allowance, but not a known device's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import { type Answer, type EdgeClient, type EdgeProcess, startEdge } from "../../support/edge-process.ts";
import { leaks } from "../../support/edge-rules.ts";

const PASSWORD = "harbor-violet-compass-19";
const LIMIT = 5;
let edge: EdgeProcess;
/** the browser that set the admin up: a known device from then on */
let admin: EdgeClient;

beforeAll(async () => {
  edge = await startEdge({
    env: { DOORSYNC_DEMO: "0", DOORSYNC_SIGNIN_MAX_ATTEMPTS: String(LIMIT), DOORSYNC_SIGNIN_WINDOW_SECONDS: "900" },
  });
  admin = edge.client();
  expect((await admin.call("POST", ROUTES.setup, { username: "admin", password: PASSWORD })).status).toBe(200);
});
afterAll(async () => {
  await edge?.stop();
});

const signIn = (c: EdgeClient, password: string, username = "admin") => c.call("POST", ROUTES.signIn, { username, password });

function tally(answers: Answer[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const a of answers) out[a.status] = (out[a.status] ?? 0) + 1;
  return out;
}

function expectRetryAfter(a: Answer<{ error: { code: string } }>) {
  expect(a.body.error.code).toBe("rate-limited");
  const retry = Number(a.headers.get("retry-after"));
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(900);
}

describe("a burst of parallel sign-ins", () => {
  it("checks at most the limit of passwords: 100 wrong ones at once get 5 × 401 and 95 × 429", async () => {
    const from = "127.0.0.2";
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signIn(edge.client({ from }), `wrong-password-${i}`, "nobody")),
    );
    expect(tally(answers)).toEqual({ 401: LIMIT, 429: 100 - LIMIT });
    for (const a of answers.filter((a) => a.status === 429)) expectRetryAfter(a);
  });

  it("checks at most the limit of wrong passwords when the right one hides among 100", async () => {
    const from = "127.0.0.3";
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signIn(edge.client({ from }), i === 50 ? PASSWORD : `wrong-password-${i}`)),
    );
    const t = tally(answers);
    // A right password gives its attempt back, so it may have been checked too; no wrong one beyond the limit was.
    expect(t[401] ?? 0).toBeLessThanOrEqual(LIMIT);
    expect(t[200] ?? 0).toBeLessThanOrEqual(1);
    expect((t[401] ?? 0) + (t[429] ?? 0) + (t[200] ?? 0)).toBe(100);
    expect(t[429]).toBeGreaterThanOrEqual(100 - LIMIT - 1);
  });

  it("does not let the right password in once the account's attempts are used up", async () => {
    // Fill the account's allowance from one more stranger address (the burst above may have left one).
    for (let i = 0; i <= LIMIT; i++) {
      if ((await signIn(edge.client({ from: "127.0.0.4" }), `wrong-again-${i}`)).status === 429) break;
    }
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn(edge.client({ from: "127.0.0.5" }), i % 2 === 0 ? PASSWORD : `wrong-later-${i}`)),
    );
    expect(tally(answers)).toEqual({ 429: 10 });
    for (const a of answers) expectRetryAfter(a);
  });
});

describe("a known device (a browser that signed in before)", () => {
  it("still signs in while strangers have used up the account's attempts", async () => {
    expect((await signIn(edge.client(), PASSWORD)).status).toBe(429); // a new browser on the same IP waits
    const res = await signIn(admin, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.username).toBe("admin");
  });

  it("is not held back by its IP either (an office behind one address with the attacker)", async () => {
    const elsewhere = edge.client({ from: "127.0.0.2" }); // this IP used up its attempts in the first burst
    elsewhere.cookies.set("doorsync_device", admin.cookies.get("doorsync_device")!);
    expect((await signIn(elsewhere, PASSWORD)).status).toBe(200);
  });

  it("gets an HttpOnly, SameSite=Strict device cookie that only the sign-in route receives", async () => {
    const res = await signIn(admin, PASSWORD);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("doorsync_device="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/session\/sign-in/);
    expect(cookie).toMatch(/Max-Age=15552000/);
  });

  it("counts only wrong passwords: a right one gives its attempt back", async () => {
    for (let i = 0; i < 3 * LIMIT; i++) expect((await signIn(admin, PASSWORD)).status).toBe(200);
  });

  it.each([
    ["a tampered signature", (t: string) => t.slice(0, -2) + (t.endsWith("AA") ? "BB" : "AA")],
    ["another device id", (t: string) => "A".repeat(22) + t.slice(22)],
    ["an earlier issue time", (t: string) => t.replace(/\.(\d+)\./, (_m, n) => `.${Number(n) - 1}.`)],
    ["garbage", () => "not-a-device-token"],
  ])("is not recognised from a cookie with %s (the strangers' limits apply)", async (_what, forge) => {
    const forger = edge.client({ from: "127.0.0.6" });
    forger.cookies.set("doorsync_device", forge(admin.cookies.get("doorsync_device")!));
    expect((await signIn(forger, PASSWORD)).status).toBe(429);
  });

  it("is recognised for its own account only", async () => {
    const c = edge.client({ from: "127.0.0.7" });
    c.cookies.set("doorsync_device", admin.cookies.get("doorsync_device")!);
    for (let i = 0; i < LIMIT; i++) expect((await signIn(c, `wrong-password-${i}`, "somebody-else")).status).toBe(401);
    expect((await signIn(c, "wrong-password-x", "somebody-else")).status).toBe(429);
  });

  it("has an allowance of its own: after the limit of wrong passwords even the right one waits", async () => {
    for (let i = 0; i < LIMIT; i++) expect((await signIn(admin, `wrong-password-${i}`)).status).toBe(401);
    const blocked = await signIn(admin, PASSWORD);
    expect(blocked.status).toBe(429);
    expectRetryAfter(blocked);
  });
});

describe("secrets", () => {
  it("never appear in a response body or log line", () => {
    expect(leaks([...edge.bodies, edge.logs()], [PASSWORD, edge.env.DOORSYNC_SECRET_KEY])).toEqual([]);
  });
});
