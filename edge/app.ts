/**
 * createApp(deps): the whole edge as a fetch handler. Everything from the outside world
 * (KV, fetch, clock, config, clients, files) is passed in; this file only wires routes,
 * middleware and the one error handler.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Config } from "./config.ts";
import { guard } from "./auth/guard.ts";
import { createSessions } from "./auth/sessions.ts";
import { createSignInLimiter } from "./auth/rate-limit.ts";
import { securityHeaders } from "./security/headers.ts";
import type { SecretBox } from "./store/secrets.ts";
import { type ClientFactories, createGeneaCache, createUpstreams } from "./upstreams/index.ts";
import { createSnapshotCache } from "./directory/snapshot.ts";
import { createRefresher } from "./directory/refresh.ts";
import { type AppEnv, errorResponse } from "./routes/http.ts";
import { codeForStatus } from "../shared/api/errors.ts";
import type { Services } from "./routes/services.ts";
import { healthRoutes } from "./routes/health.ts";
import { sessionRoutes } from "./routes/session.ts";
import { connectionRoutes } from "./routes/connections.ts";
import { directoryRoutes } from "./routes/directory.ts";
import { geneaRoutes } from "./routes/genea.ts";
import { ruleRoutes } from "./routes/rules.ts";
import { hookRoutes } from "./routes/hooks.ts";
import { syncRoutes } from "./routes/sync.ts";
import { createSyncService } from "./sync/index.ts";
import { staticRoutes } from "./routes/static.ts";
import { createLog, type Log } from "./log.ts";

export interface AppDeps {
  kv: Deno.Kv;
  fetch: typeof fetch;
  now: () => Date;
  config: Config;
  box: SecretBox;
  clients: ClientFactories;
  readAsset?: (path: string) => Promise<Uint8Array | null>;
  demo?: () => boolean;
  log?: Log;
  /** names this process in job leases (default: a random id per createApp) */
  instanceId?: string;
}

export interface App {
  app: Hono<AppEnv>;
  fetch: (req: Request, info?: unknown) => Response | Promise<Response>;
  services: Services;
}

export function createServices(deps: AppDeps): Services {
  const { kv, now, config } = deps;
  const log = deps.log ?? createLog({ write: (line) => console.log(line), now });
  const upstreams = createUpstreams({ kv, box: deps.box, clients: deps.clients, fetch: deps.fetch });
  const snapshots = createSnapshotCache(kv);
  const holder = deps.instanceId ?? `edge-${crypto.randomUUID().slice(0, 8)}`;
  return {
    kv,
    now,
    config,
    log,
    upstreams,
    snapshots,
    fetch: deps.fetch,
    box: deps.box,
    clients: deps.clients,
    sessions: createSessions({ kv, now, ttlSeconds: config.sessionTtlSeconds, maxAgeSeconds: config.sessionMaxAgeSeconds }),
    limiter: createSignInLimiter({ kv, now, max: config.signInMaxAttempts, windowSeconds: config.signInWindowSeconds }),
    refresher: createRefresher({ kv, now, upstreams, snapshots, log, holder, leaseMs: config.jobLeaseSeconds * 1000 }),
    sync: createSyncService({ kv, now, log, upstreams, snapshots, holder, leaseMs: config.jobLeaseSeconds * 1000 }),
    genea: createGeneaCache({ upstreams, now }),
    demo: deps.demo ?? (() => false),
    readAsset: deps.readAsset ?? (() => Promise.resolve(null)),
  };
}

export function createApp(deps: AppDeps): App {
  const s = createServices(deps);
  const app = new Hono<AppEnv>();

  app.use("*", securityHeaders());
  app.use("*", async (c, next) => {
    await next();
    // Method and path only: queries and bodies may carry data that does not belong in logs.
    if (c.req.path.startsWith("/api/")) s.log.info("request", { method: c.req.method, path: c.req.path, status: c.res.status });
  });
  app.use("/api/*", guard(s.sessions));

  for (const routes of [healthRoutes, sessionRoutes, connectionRoutes, directoryRoutes, geneaRoutes, ruleRoutes, syncRoutes, hookRoutes]) {
    app.route("/", routes(s));
  }
  app.route("/", staticRoutes(s));

  app.notFound((c) => errorResponse(c, "not-found", `No route for ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      // A status the framework chose names its code in the shared table; any other is a plain 400.
      return errorResponse(c, codeForStatus(err.status) ?? "invalid", err.message || "Bad request");
    }
    const ref = crypto.randomUUID().slice(0, 8);
    // The name and first stack frames locate the bug; messages of foreign errors can quote
    // data (JSON.parse echoes its input), so they are not logged.
    const where = err instanceof Error ? (err.stack ?? "").split("\n").slice(1, 4).map((l) => l.trim()).join(" | ") : "";
    s.log.error("internal-error", {
      ref,
      method: c.req.method,
      path: c.req.path,
      error: err instanceof Error ? err.name : typeof err,
      where,
    });
    return errorResponse(c, "internal", `Something went wrong on the server (reference ${ref}); the details are in the server log`);
  });

  return { app, fetch: (req, info) => app.fetch(req, info), services: s };
}
