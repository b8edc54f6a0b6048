/**
 * Okta event hook: Okta calls this with its own shared secret (no session, no CSRF). A
 * verification GET echoes the challenge; each delivery starts a directory refresh (at most
 * one runs at a time, so a burst of events costs one read). Wrong secrets are throttled per
 * client IP: an attempt is reserved before the compare, a right secret gives it back, and
 * after HOOK_MAX_FAILURES wrong ones in the window that IP gets 429 without a compare. Other
 * IPs' failures never count against a caller, so Okta is not throttled by a guesser elsewhere.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { ROUTES } from "../../shared/api/routes.ts";
import { constantTimeEqual } from "../store/encoding.ts";
import { keys } from "../store/keys.ts";
import { createAttemptCounter } from "../auth/attempts.ts";
import { clientIp } from "./session.ts";
import { apiError, errorResponse, readJson, type AppEnv } from "./http.ts";
import type { Services } from "./services.ts";

/** Okta's envelope carries more fields than these; only the events are read. */
const DeliverySchema = v.object({
  data: v.object({ events: v.pipe(v.array(v.object({ eventType: v.string() })), v.maxLength(1000)) }),
});

export const HOOK_MAX_FAILURES = 10;
export const HOOK_WINDOW_SECONDS = 900;

export function hookRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const attempts = createAttemptCounter({ kv: s.kv, now: s.now, max: HOOK_MAX_FAILURES, windowSeconds: HOOK_WINDOW_SECONDS });
  const notConfigured = "The Okta event hook is not configured (set DOORSYNC_OKTA_HOOK_SECRET)";

  app.get(ROUTES.oktaHook, (c) => {
    if (!s.config.oktaHookSecret) return apiError(c, 404, "not-found", notConfigured);
    const challenge = c.req.header("x-okta-verification-challenge");
    if (!challenge || challenge.length > 200) return apiError(c, 400, "invalid", "Missing x-okta-verification-challenge header");
    return c.json({ verification: challenge });
  });

  app.post(ROUTES.oktaHook, async (c) => {
    const secret = s.config.oktaHookSecret;
    if (!secret) return apiError(c, 404, "not-found", notConfigured);
    const ip = clientIp(c);
    const spent = [keys.hookAttempts(ip)];
    const reserved = await attempts.reserve(spent);
    if (!reserved.reserved) {
      c.header("Retry-After", String(reserved.retryAfterSeconds));
      return apiError(c, 429, "rate-limited", "Too many wrong event hook secrets from this address: try again later");
    }
    if (!constantTimeEqual(c.req.header("authorization") ?? "", secret)) {
      s.log.warn("hook-refused", { hook: "okta", ip, reason: "wrong or missing secret" });
      return apiError(c, 401, "unauthorized", "Wrong or missing event hook secret");
    }
    await attempts.release(spent);
    const body = await readJson(c, DeliverySchema, "Okta event delivery");
    if (!body.ok) return errorResponse(c, body.error);
    const started = await s.refresher.start();
    s.log.info("hook-received", { hook: "okta", events: body.value.data.events.length, refresh: started.ok ? started.value.job.id : null });
    return c.json({ received: body.value.data.events.length });
  });

  return app;
}
