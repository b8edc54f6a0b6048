/** Session routes: who am I, first-run setup, sign in, sign out, sign out everywhere. */
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import * as v from "valibot";
import { ROUTES, SESSION_COOKIE } from "../../shared/api/routes.ts";
import type { SessionInfo } from "../../shared/api/schemas.ts";
import { API } from "../../shared/api/table.ts";
import { burnTime, hashPassword, verifyPassword } from "../auth/password.ts";
import { DEVICE_COOKIE, DEVICE_MAX_AGE_SECONDS } from "../auth/known-device.ts";
import type { SignInAttempt } from "../auth/rate-limit.ts";
import { createFirstAdmin, hasAdmin, readAdmin } from "../store/admins.ts";
import { type AppEnv, on, onBody } from "./http.ts";
import type { Services } from "./services.ts";

const ConnInfoSchema = v.object({ remoteAddr: v.object({ hostname: v.string() }) });

/** The peer address Deno.serve saw (not X-Forwarded-For, which any client can write). */
export function clientIp(c: Context): string {
  const info = v.safeParse(ConnInfoSchema, c.env);
  return info.success ? info.output.remoteAddr.hostname : "unknown";
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
}

export function sessionRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const setupOpen = async () => s.config.adminPasswordHash === null && !(await hasAdmin(s.kv));

  const signedIn = async (c: Context<AppEnv>, username: string, attempt: SignInAttempt | null) => {
    const { token, session } = await s.sessions.create(username);
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/", secure: isHttps(c) });
    // Only the sign-in route reads it: it picks the known-device attempt allowance.
    setCookie(c, DEVICE_COOKIE, await s.limiter.rememberDevice(username, attempt), {
      httpOnly: true,
      sameSite: "Strict",
      path: ROUTES.signIn,
      secure: isHttps(c),
      maxAge: DEVICE_MAX_AGE_SECONDS,
    });
    const info: SessionInfo = { state: "signed-in", username, csrfToken: session.csrfToken, demo: s.demo() };
    return c.json(info);
  };

  on(app, API.session, async (c) => {
    const session = c.get("session");
    const info: SessionInfo = session
      ? { state: "signed-in", username: session.username, csrfToken: session.csrfToken, demo: s.demo() }
      : { state: (await setupOpen()) ? "setup-required" : "signed-out", demo: s.demo() };
    return c.json(info);
  });

  onBody(app, API.setup, { what: "setup request" }, async (c, body, refuse) => {
    if (!(await setupOpen())) return refuse("already-set-up", "An admin account already exists: sign in instead");
    const { username, password } = body;
    const created = await createFirstAdmin(s.kv, {
      username,
      passwordHash: await hashPassword(password),
      createdAt: s.now().toISOString(),
    });
    if (!created) return refuse("already-set-up", "An admin account already exists: sign in instead");
    s.log.info("admin-created", { username });
    return signedIn(c, username, null);
  });

  onBody(app, API.signIn, { what: "sign-in request" }, async (c, body, refuse) => {
    const { username, password } = body;
    const ip = clientIp(c);
    // Reserved before the password is checked, so a burst cannot check more than the limit.
    const reserved = await s.limiter.reserve({ ip, username, deviceToken: getCookie(c, DEVICE_COOKIE) ?? null });
    if (!reserved.ok) {
      const wait = reserved.retryAfterSeconds;
      c.header("Retry-After", String(wait));
      return refuse("rate-limited", `Too many failed sign-in attempts: try again in ${Math.ceil(wait / 60)} minute(s)`);
    }
    const fromEnv = s.config.adminPasswordHash !== null && username.toLowerCase() === s.config.adminUsername.toLowerCase();
    const stored = fromEnv ? null : await readAdmin(s.kv, username);
    const hash = fromEnv ? s.config.adminPasswordHash : stored?.passwordHash ?? null;
    const good = hash ? await verifyPassword(password, hash) : await burnTime(password);
    if (!good) {
      // The reserved attempt stays spent. Not the user name: people paste passwords into the wrong field.
      s.log.info("sign-in-failed", { ip, lane: reserved.attempt.deviceId ? "known-device" : "stranger" });
      return refuse("unauthorized", "Wrong user name or password");
    }
    await s.limiter.release(reserved.attempt);
    return signedIn(c, fromEnv ? s.config.adminUsername : stored!.username, reserved.attempt);
  });

  on(app, API.signOut, async (c) => {
    const token = c.get("sessionToken");
    if (token) await s.sessions.destroy(token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    const info: SessionInfo = { state: "signed-out", demo: s.demo() };
    return c.json(info);
  });

  // Every session of the account ends, this one included (a lost laptop, a shared screen).
  on(app, API.signOutEverywhere, async (c) => {
    const session = c.get("session")!;
    await s.sessions.endAll(session.username);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    s.log.info("signed-out-everywhere", { username: session.username });
    const info: SessionInfo = { state: "signed-out", demo: s.demo() };
    return c.json(info);
  });

  return app;
}
