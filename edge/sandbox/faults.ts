/**
 * Fault injection and per-route request counters shared by the Okta and Genea sandboxes.
 *
 * Register `faults.middleware` first on a sandbox app. Every request is counted under its
 * route key (`"GET /api/v1/groups/:id/users"`), then a seeded PRNG decides (in this order)
 * its latency and whether it is dropped, answered 5xx or answered 429 — so the same seed
 * and the same request sequence always fail the same way. The 5xx/429 bodies come from the
 * sandbox (`respond`), because Okta and Genea shape their errors differently.
 */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { mulberry32 } from "./demo/prng.ts";

export interface FaultOptions {
  /** PRNG seed; the same seed and request order give the same faults. Default 1. */
  seed?: number;
  /** Added latency per request: a fixed value or a uniform [min, max] range. */
  latencyMs?: number | [number, number];
  /** Share (0–1) of requests answered with a 5xx. */
  errorRate?: number;
  /** Share (0–1) of requests answered with a 429. */
  rateLimitRate?: number;
  /** Share (0–1) of requests whose connection breaks mid-body. */
  dropRate?: number;
}

export type FaultKind = "error" | "rateLimit";
/** Builds the sandbox-specific 5xx or 429 response. */
export type FaultResponder = (kind: FaultKind, c: Context) => Response | Promise<Response>;

export interface FaultCounters {
  /** Requests seen per route key (`METHOD /pattern`), faulted ones included. */
  get(): Record<string, number>;
  reset(): void;
}

export interface Faults {
  middleware: MiddlewareHandler;
  counters: FaultCounters;
  /** Replace the options (a new `seed` restarts the PRNG). */
  set(options: FaultOptions): void;
  /** Back to no faults, restart the PRNG; counters are kept. */
  reset(): void;
  options(): Readonly<FaultOptions>;
}

const defaultRespond: FaultResponder = (kind, c) =>
  kind === "error" ? c.json({ error: "injected server error" }, 500) : c.json({ error: "injected rate limit" }, 429);

/** Seeded uniform draws in [0, 1) for fault decisions. */
export const createPrng = mulberry32;

/** `"GET /api/v1/users/:id"`: the pattern of the first route registered for this method. */
export function routeKey(c: Context): string {
  const method = c.req.method;
  const routes = matchedRoutes(c);
  const own = routes.find((r) => r.method === method) ?? routes.find((r) => r.method !== "ALL");
  return `${method} ${own ? own.path : "(unmatched)"}`;
}

/**
 * A response that sends a few bytes and then errors its body stream, with a larger
 * Content-Length: over a socket the server aborts the connection, so the client's fetch
 * rejects or its body read throws; in-process the body read throws.
 */
export function droppedResponse(): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"partial":'));
    },
    pull(controller) {
      controller.error(new Error("sandbox fault: connection dropped"));
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "Content-Type": "application/json", "Content-Length": "4096" },
  });
}

function clampRate(rate: number | undefined): number {
  if (rate === undefined || !Number.isFinite(rate)) return 0;
  return Math.min(1, Math.max(0, rate));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createFaults(
  options: FaultOptions = {},
  respond: FaultResponder = defaultRespond,
  /** Injected so tests can observe latency without waiting on the clock. */
  wait: (ms: number) => Promise<void> = sleep,
): Faults {
  let current: FaultOptions = { ...options };
  let random = createPrng(current.seed ?? 1);
  let counts: Record<string, number> = {};

  const latency = (): number => {
    const l = current.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === "number") return Math.max(0, l);
    const [min, max] = l;
    return Math.max(0, min + random() * (max - min));
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const key = routeKey(c);
    counts[key] = (counts[key] ?? 0) + 1;
    const delay = latency();
    // One draw per request whatever the rates, so changing one rate does not shift the rest.
    const roll = random();
    if (delay > 0) await wait(delay);
    const drop = clampRate(current.dropRate);
    const error = clampRate(current.errorRate);
    const limited = clampRate(current.rateLimitRate);
    if (roll < drop) return droppedResponse();
    if (roll < drop + error) return respond("error", c);
    if (roll < drop + error + limited) return respond("rateLimit", c);
    await next();
  };

  return {
    middleware,
    counters: {
      get: () => ({ ...counts }),
      reset: () => {
        counts = {};
      },
    },
    set(next) {
      current = { ...next };
      random = createPrng(current.seed ?? 1);
    },
    reset() {
      current = {};
      random = createPrng(1);
    },
    options: () => ({ ...current }),
  };
}
