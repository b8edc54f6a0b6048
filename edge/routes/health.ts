/** Liveness for load balancers and the SPA's first call; public. */
import { Hono } from "hono";
import { API } from "../../shared/api/table.ts";
import type { Health } from "../../shared/api/schemas.ts";
import { type AppEnv, on } from "./http.ts";
import type { Services } from "./services.ts";

export const EDGE_VERSION = "0.1.0";

export function healthRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  on(app, API.health, (c) => c.json({ ok: true, demo: s.demo(), version: EDGE_VERSION } satisfies Health));
  return app;
}
