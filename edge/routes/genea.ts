/** Genea catalog and state, read through the Genea client (validated, briefly cached). */
import { Hono } from "hono";
import { API } from "../../shared/api/table.ts";
import type { Failure } from "../../shared/result.ts";
import { type AppEnv, on } from "./http.ts";
import type { Services } from "./services.ts";

/** What the browser hears when Genea could not be read: not connected, or an upstream failure. */
function geneaFailure({ code, message }: Failure): Failure<"not-connected" | "upstream"> {
  if (code === "not-connected") return { code, message };
  if (code === "invalid") return { code: "upstream", message: `Genea sent data doorsync cannot read: ${message}` };
  return { code: "upstream", message };
}

export function geneaRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  on(app, API.catalog, async (c, refuse) => {
    const res = await s.genea.catalog();
    return res.ok ? c.json(res.value) : refuse(geneaFailure(res.error));
  });
  on(app, API.geneaState, async (c, refuse) => {
    const res = await s.genea.state();
    return res.ok ? c.json(res.value) : refuse(geneaFailure(res.error));
  });
  return app;
}
