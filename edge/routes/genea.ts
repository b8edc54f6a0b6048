/** Genea catalog and state, read through the Genea client (validated, briefly cached). */
import { Hono } from "hono";
import { ROUTES } from "../../shared/api/routes.ts";
import type { Result } from "../../shared/result.ts";
import { apiError, type AppContext, type AppEnv } from "./http.ts";
import type { Services } from "./services.ts";

function answer<T>(c: AppContext, res: Result<T>) {
  if (res.ok) return c.json(res.value as object);
  if (res.error.code === "not-connected") return apiError(c, 422, "not-connected", res.error.message);
  if (res.error.code === "invalid") return apiError(c, 502, "upstream", `Genea sent data doorsync cannot read: ${res.error.message}`);
  return apiError(c, 502, "upstream", res.error.message);
}

export function geneaRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.get(ROUTES.catalog, async (c) => answer(c, await s.genea.catalog()));
  app.get(ROUTES.geneaState, async (c) => answer(c, await s.genea.state()));
  return app;
}
