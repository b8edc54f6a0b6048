/**
 * createGeneaSandbox: an in-memory Genea v2 API (Hono) seeded from a demo organisation,
 * with seeded fault injection and per-route counters on /v2/*, plus /sandbox/* test routes
 * (counters, faults, state dump, mobile key activation). Bind it to 127.0.0.1 only.
 */
import { type Context, Hono } from "hono";
import { createFaults, type FaultKind, type FaultOptions, type Faults } from "../faults.ts";
import type { GeneaSeed } from "../demo/types.ts";
import { body, data, errorResponse } from "./http.ts";
import { FaultsInputSchema } from "./requests.ts";
import { genea, phone } from "./routes.ts";
import { createStore, type GeneaStore } from "./store.ts";

export interface GeneaSandboxOptions {
  /** a shared Faults instance, or options for a new one (default: no faults) */
  faults?: Faults | FaultOptions;
  now?: () => Date;
  /** largest page_size honoured; larger requests are capped (default 100) */
  pageSizeMax?: number;
}

export interface GeneaSandbox {
  app: Hono;
  state: GeneaStore;
  faults: Faults;
  counters: Faults["counters"];
}

const isFaults = (f: Faults | FaultOptions): f is Faults => "middleware" in f;

function respondToFault(kind: FaultKind, c: Context): Response {
  if (kind === "error") return errorResponse(c, 503, "service_unavailable", "Service temporarily unavailable (injected)");
  c.header("Retry-After", "1");
  return errorResponse(c, 429, "rate_limited", "Too many requests (injected)");
}

export function createGeneaSandbox(seed: GeneaSeed, options: GeneaSandboxOptions = {}): GeneaSandbox {
  const state = createStore(seed, options.now ?? (() => new Date()));
  const faults = options.faults && isFaults(options.faults) ? options.faults : createFaults(options.faults ?? {}, respondToFault);
  const app = new Hono();
  app.use("/v2/*", faults.middleware);
  genea(app, state, options.pageSizeMax ?? 100);
  phone(app, state);

  app.get("/sandbox/counters", (c) => c.json(faults.counters.get()));
  app.post("/sandbox/counters/reset", (c) => {
    faults.counters.reset();
    return c.json({ ok: true });
  });
  app.get("/sandbox/faults", (c) => c.json(faults.options()));
  app.put("/sandbox/faults", async (c) => {
    const input = await body(c, FaultsInputSchema);
    if (input instanceof Response) return input;
    if (!input.ok) return errorResponse(c, 422, "validation_error", input.error.message);
    faults.set(input.value);
    return c.json(faults.options());
  });
  app.delete("/sandbox/faults", (c) => {
    faults.reset();
    return c.json(faults.options());
  });
  app.get("/sandbox/state", (c) => data(c, state.dump()));

  app.notFound((c) => errorResponse(c, 404, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((err, c) => errorResponse(c, 500, "internal_error", `Sandbox bug: ${err.message}`));
  return { app, state, faults, counters: faults.counters };
}
