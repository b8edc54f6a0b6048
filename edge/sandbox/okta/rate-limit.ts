/**
 * Okta's per-minute rate-limit buckets (Workforce defaults from the last published table) and
 * the org-wide concurrency limit. Every answer carries X-Rate-Limit-Limit/Remaining/Reset
 * (epoch seconds); over the limit is 429 E0000047; over the concurrency limit is 429 with
 * 0/0 headers. Windows start at a bucket's first request, as Okta's aren't clock-aligned.
 */
import type { MiddlewareHandler } from "hono";
import { oktaError } from "./errors.ts";

export const BUCKETS = ["users", "user", "groups", "group", "apps", "logs", "other"] as const;
export type Bucket = (typeof BUCKETS)[number];

export const DEFAULT_RATE_LIMITS: Record<Bucket, number> = {
  users: 600, // GET|POST /api/v1/users
  user: 2000, // /api/v1/users/{idOrLogin} (and, unpublished, /users/{id}/groups)
  groups: 500, // /api/v1/groups
  group: 1000, // /api/v1/groups/{id} (and, unpublished, /groups/{id}/users)
  apps: 100, // /api/v1/apps*
  logs: 120, // /api/v1/logs
  other: 1200, // every other /api/v1 path and /oauth2/v1/token
};

export function bucketOf(path: string): Bucket {
  if (path === "/api/v1/users") return "users";
  if (path.startsWith("/api/v1/users/")) return "user";
  if (path === "/api/v1/groups") return "groups";
  if (path.startsWith("/api/v1/groups/")) return "group";
  if (path === "/api/v1/apps" || path.startsWith("/api/v1/apps/")) return "apps";
  if (path === "/api/v1/logs") return "logs";
  return "other";
}

export interface RateLimiterOptions {
  limits: Record<Bucket, number>;
  windowMs: number;
  concurrencyLimit: number;
  now: () => number;
}

export interface RateLimiter {
  /** Register before the faults middleware: admits or refuses by concurrency on arrival, so
   * injected latency counts as time in flight and refused requests are still counted. */
  admit: MiddlewareHandler;
  /** Register after it: answers refused requests, then applies the per-bucket windows. */
  middleware: MiddlewareHandler;
  reset(): void;
  inFlight(): number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  let windows = new Map<Bucket, { start: number; count: number }>();
  let inFlight = 0;
  const refused = new WeakSet<Request>();

  const admit: MiddlewareHandler = async (c, next) => {
    if (inFlight >= options.concurrencyLimit) {
      refused.add(c.req.raw);
      return next();
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const now = options.now();
    if (refused.has(c.req.raw)) {
      c.header("X-Rate-Limit-Limit", "0");
      c.header("X-Rate-Limit-Remaining", "0");
      c.header("X-Rate-Limit-Reset", String(Math.ceil(now / 1000) + 1));
      return oktaError(c, "E0000047");
    }
    const bucket = bucketOf(c.req.path);
    const limit = options.limits[bucket];
    let window = windows.get(bucket);
    if (!window || now >= window.start + options.windowMs) windows.set(bucket, window = { start: now, count: 0 });
    window.count++;
    c.header("X-Rate-Limit-Limit", String(limit));
    c.header("X-Rate-Limit-Remaining", String(Math.max(0, limit - window.count)));
    c.header("X-Rate-Limit-Reset", String(Math.ceil((window.start + options.windowMs) / 1000)));
    if (window.count > limit) return oktaError(c, "E0000047");
    await next();
  };

  return {
    admit,
    middleware,
    reset: () => {
      windows = new Map();
    },
    inFlight: () => inFlight,
  };
}
