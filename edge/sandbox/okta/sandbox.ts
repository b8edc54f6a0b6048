/**
 * createOktaSandbox(seed, options): a local Okta Management API served at the root
 * (`/api/v1/…`, `/oauth2/v1/token`) so any Okta client can point at it, plus test-only
 * `/sandbox/…` routes. Middleware order: common headers → concurrency admission → faults
 * (counters, latency, injected failures) → rate limits → auth → routes.
 */
import { Hono, type MiddlewareHandler } from "hono";
import type { OktaSeed } from "../demo/types.ts";
import { createFaults, type FaultCounters, type FaultOptions, type Faults } from "../faults.ts";
import { authMiddleware } from "./auth.ts";
import type { Sandbox } from "./context.ts";
import { createDpopState } from "./dpop.ts";
import { errorBody, oktaError } from "./errors.ts";
import type { HookChaos } from "./event-hook.ts";
import { createHookDispatcher, type HookDispatcher } from "./hooks.ts";
import { randomToken } from "./ids.ts";
import { createLogStore, type LogStore } from "./logs.ts";
import { createMutations, type Mutations } from "./mutations.ts";
import { type Bucket, bucketOf, createRateLimiter, DEFAULT_RATE_LIMITS } from "./rate-limit.ts";
import { appRoutes } from "./routes/apps.ts";
import { eventHookRoutes } from "./routes/event-hooks.ts";
import { groupRoutes } from "./routes/groups.ts";
import { logRoutes } from "./routes/logs.ts";
import { sandboxRoutes } from "./routes/sandbox.ts";
import { tokenRoutes } from "./routes/token.ts";
import { userRoutes } from "./routes/users.ts";
import { createStore, type OktaStore } from "./store.ts";
import { createTokenStore, type TokenStore } from "./tokens.ts";

export interface OktaSandboxOptions {
  faults?: FaultOptions;
  /** per-minute (per window) limits per bucket; defaults: Okta Workforce */
  rateLimits?: Partial<Record<Bucket, number>>;
  /** default 60 000 */
  rateLimitWindowMs?: number;
  /** requests in flight before 429 with 0/0 headers; default 75 */
  concurrencyLimit?: number;
  /** the sandbox clock (ms); `advance()` adds to it */
  now?: () => number;
  /** used for hook verification and delivery; default globalThis.fetch */
  hookFetch?: typeof fetch;
  /** how long `search` lags behind changes; default 0 */
  consistencyLagMs?: number;
  /** hook verify/delivery timeout; default 3000 (Okta's) */
  hookTimeoutMs?: number;
  /** delay before queued hook events are sent (they share POSTs); default 0 */
  hookBatchMs?: number;
  /** duplicate envelopes / reorder events (seeded), for receivers' dedupe tests */
  hookChaos?: HookChaos;
}

export interface OktaSandbox {
  app: Hono;
  /** the mutable directory */
  state: OktaStore;
  logs: LogStore;
  hooks: HookDispatcher;
  tokens: TokenStore;
  /** directory changes that log events, as the /sandbox routes make them */
  mutations: Mutations;
  faults: Faults;
  counters: FaultCounters;
  now(): number;
  /** move the sandbox clock forward; returns the new now */
  advance(ms: number): number;
  /** deliver queued hook events now and wait for every delivery (with its retry) to settle */
  flushHooks(): Promise<void>;
}

const KNOWN_PATHS = [
  /^\/oauth2\/v1\/token$/,
  /^\/api\/v1\/users(\/[^/]+(\/groups)?)?$/,
  /^\/api\/v1\/groups(\/[^/]+(\/users)?)?$/,
  /^\/api\/v1\/apps\/[^/]+\/(users|groups)$/,
  /^\/api\/v1\/logs$/,
  /^\/api\/v1\/eventHooks(\/[^/]+(\/lifecycle\/(activate|deactivate|verify))?)?$/,
];

export function createOktaSandbox(seed: OktaSeed, options: OktaSandboxOptions = {}): OktaSandbox {
  let offset = 0;
  const base = options.now ?? Date.now;
  const now = () => base() + offset;
  const advance = (ms: number) => {
    offset += ms;
    return now();
  };
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const windowMs = options.rateLimitWindowMs ?? 60_000;

  const store = createStore(seed);
  const logs = createLogStore(now);
  const hooks = createHookDispatcher(logs, {
    fetch: options.hookFetch ?? ((input, init) => fetch(input, init)),
    orgName: seed.orgName,
    timeoutMs: options.hookTimeoutMs ?? 3000,
    batchMs: options.hookBatchMs ?? 0,
    maxBatch: 50,
    chaos: options.hookChaos,
  });
  const sb: Sandbox = {
    seed,
    store,
    tokens: createTokenStore(now),
    dpop: createDpopState(now),
    logs,
    hooks,
    mutations: createMutations(store, logs, now, options.consistencyLagMs ?? 0),
    now,
  };
  const faults = createFaults(options.faults, (kind, c) => {
    if (kind === "error") return c.json(errorBody("E0000009"), 500);
    c.header("X-Rate-Limit-Limit", String(limits[bucketOf(c.req.path)]));
    c.header("X-Rate-Limit-Remaining", "0");
    c.header("X-Rate-Limit-Reset", String(Math.ceil((now() + windowMs) / 1000)));
    return c.json(errorBody("E0000047"), 429);
  });
  const limiter = createRateLimiter({ limits, windowMs, concurrencyLimit: options.concurrencyLimit ?? 75, now });

  const common: MiddlewareHandler = async (c, next) => {
    await next();
    c.res.headers.set("X-Okta-Request-Id", randomToken(27));
    c.res.headers.set("Date", new Date(now()).toUTCString());
    if (c.res.status !== 204 && !c.res.headers.has("Content-Type")) c.res.headers.set("Content-Type", "application/json");
  };

  const app = new Hono();
  app.use("*", common);
  // Faults and counters cover the Okta paths only, so /sandbox control routes stay reliable.
  for (const path of ["/api/*", "/oauth2/*"]) app.use(path, limiter.admit, faults.middleware);
  app.use("/api/*", limiter.middleware);
  app.use("/oauth2/*", limiter.middleware);
  app.use("/api/v1/*", authMiddleware(sb));
  for (const routes of [tokenRoutes, userRoutes, groupRoutes, appRoutes, logRoutes, eventHookRoutes]) app.route("/", routes(sb));
  app.route("/", sandboxRoutes(sb, faults, { advance }));
  app.notFound((c) => (KNOWN_PATHS.some((p) => p.test(c.req.path)) ? oktaError(c, "E0000022") : oktaError(c, "E0000008")));
  app.onError((error, c) => {
    console.error("okta sandbox: unexpected error", error);
    return oktaError(c, "E0000009");
  });

  return {
    app,
    state: store,
    logs,
    hooks,
    tokens: sb.tokens,
    mutations: sb.mutations,
    faults,
    counters: faults.counters,
    now,
    advance,
    flushHooks: () => hooks.flush(),
  };
}
