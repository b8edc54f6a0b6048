/**
 * Okta event hook: Okta calls this with its own shared secret (no session, no CSRF). A
 * verification GET echoes the challenge. A delivery is persisted (each event once, by uuid)
 * and answered at once; the users it names become hints for a targeted sync run that re-reads
 * them from Okta before acting (events are hints, never the truth), bursts coalescing into one
 * run. A KV failure is a 5xx, never a 4xx, so Okta retries. Wrong secrets are throttled per
 * client IP: an attempt is reserved before the compare, a right secret gives it back, and
 * after HOOK_MAX_FAILURES wrong ones in the window that IP gets 429 without a compare. Other
 * IPs' failures never count against a caller, so Okta is not throttled by a guesser elsewhere.
 */
import { Hono } from "hono";
import { API } from "../../shared/api/table.ts";
import { recordEvents } from "../store/hints.ts";
import { constantTimeEqual } from "../security/tokens.ts";
import { keys } from "../store/keys.ts";
import { createAttemptCounter } from "../auth/attempts.ts";
import { clientIp } from "./session.ts";
import { type AppEnv, on, readJson } from "./http.ts";
import type { Services } from "./services.ts";

export const HOOK_MAX_FAILURES = 10;
export const HOOK_WINDOW_SECONDS = 900;

export function hookRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const attempts = createAttemptCounter({ kv: s.kv, now: s.now, max: HOOK_MAX_FAILURES, windowSeconds: HOOK_WINDOW_SECONDS });
  const notConfigured = "The Okta event hook is not configured (set DOORSYNC_OKTA_HOOK_SECRET)";

  on(app, API.oktaHookVerify, (c, refuse) => {
    if (!s.config.oktaHookSecret) return refuse("not-found", notConfigured);
    const challenge = c.req.header("x-okta-verification-challenge");
    if (!challenge || challenge.length > 200) return refuse("invalid", "Missing x-okta-verification-challenge header");
    return c.json({ verification: challenge });
  });

  // The secret is checked before the body is read, so the body is read here, not by onBody.
  on(app, API.oktaHook, async (c, refuse) => {
    const secret = s.config.oktaHookSecret;
    if (!secret) return refuse("not-found", notConfigured);
    const ip = clientIp(c);
    const spent = [keys.hookAttempts(ip)];
    const reserved = await attempts.reserve(spent);
    if (!reserved.reserved) {
      c.header("Retry-After", String(reserved.retryAfterSeconds));
      return refuse("rate-limited", "Too many wrong event hook secrets from this address: try again later");
    }
    if (!constantTimeEqual(c.req.header("authorization") ?? "", secret)) {
      s.log.warn("hook-refused", { hook: "okta", ip, reason: "wrong or missing secret" });
      return refuse("unauthorized", "Wrong or missing event hook secret");
    }
    await attempts.release(spent);
    const body = await readJson(c, API.oktaHook.input, "Okta event delivery");
    if (!body.ok) return refuse(body.error);
    const events = body.value.data.events;
    const recorded = await recordEvents(s.kv, events, s.now().toISOString());
    s.log.info("hook-received", { hook: "okta", events: events.length, fresh: recorded.fresh.length, duplicates: recorded.duplicates });
    if (recorded.fresh.length > 0) s.sync.hinted();
    return c.json({ received: events.length, fresh: recorded.fresh.length, duplicates: recorded.duplicates });
  });

  return app;
}
