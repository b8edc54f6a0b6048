/**
 * The directory snapshot for the browser (compact compressed bytes with a strong ETag) and
 * the refresh jobs that renew it.
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { ROUTES } from "../../shared/api/routes.ts";
import { apiError, errorResponse, type AppEnv } from "./http.ts";
import type { Services } from "./services.ts";

/** RFC 9110 If-None-Match: a list of entity tags (weak ones compare weakly) or "*". */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

export function directoryRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.get(ROUTES.directory, async (c) => {
    const snapshot = await s.snapshots.current();
    if (!snapshot) {
      return apiError(c, 404, "not-found", "There is no directory snapshot yet: refresh the directory from Okta first");
    }
    const etag = `"${snapshot.meta.etag}"`;
    const headers = {
      ETag: etag,
      "Cache-Control": "private, no-cache",
      "X-Directory-Fetched-At": snapshot.meta.fetchedAt,
      "X-Directory-Users": String(snapshot.meta.users),
    };
    if (matchesEtag(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
    return c.body(snapshot.bytes.slice().buffer, 200, { ...headers, "Content-Type": "application/octet-stream" });
  });

  app.post(ROUTES.directoryRefresh, async (c) => {
    const started = await s.refresher.start();
    if (!started.ok) return errorResponse(c, started.error);
    return c.json(started.value.job, started.value.started ? 202 : 200);
  });

  app.get(`${ROUTES.directoryRefresh}/:id`, async (c) => {
    const job = await s.refresher.get(c.req.param("id"));
    return job ? c.json(job) : apiError(c, 404, "not-found", "No such refresh job (jobs are kept for a day)");
  });

  // The same job as server-sent events ("progress" every half second until it ends), for
  // pages that would rather not poll.
  app.get(`${ROUTES.directoryRefresh}/:id/events`, async (c) => {
    const id = c.req.param("id");
    if (!(await s.refresher.get(id))) return apiError(c, 404, "not-found", "No such refresh job (jobs are kept for a day)");
    return streamSSE(c, async (stream) => {
      for (let n = 0; !stream.aborted; n++) {
        const job = await s.refresher.get(id);
        if (!job) return;
        await stream.writeSSE({ event: "progress", id: String(n), data: JSON.stringify(job) });
        if (job.state !== "running") return;
        await stream.sleep(500);
      }
    });
  });

  return app;
}
