/**
 * The directory snapshot for the browser (compact compressed bytes with a strong ETag),
 * whole or one byte range at a time so a large download can resume, and the refresh jobs
 * that renew it.
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { API } from "../../shared/api/table.ts";
import { ifRangeHolds, matchesEtag, parseRange, sliceStream } from "./byte-range.ts";
import { type AppEnv, on } from "./http.ts";
import type { Services } from "./services.ts";

export function directoryRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  // Preconditions in RFC 9110 §13.2.2's order: If-Match (412: the chunks a browser holds
  // belong to a snapshot that has since changed), If-None-Match (304), then Range with
  // If-Range (a changed snapshot answers 200 with the whole new one). The body streams views
  // of the one cached copy: a range never copies the snapshot.
  on(app, API.directory, async (c, refuse) => {
    const snapshot = await s.snapshots.current();
    if (!snapshot) {
      return refuse("not-found", "There is no directory snapshot yet: refresh the directory from Okta first");
    }
    const { bytes, meta } = snapshot;
    const etag = `"${meta.etag}"`;
    const headers: Record<string, string> = {
      ETag: etag,
      "Accept-Ranges": "bytes",
      "Cache-Control": "private, no-cache",
      "X-Directory-Fetched-At": meta.fetchedAt,
      "X-Directory-Users": String(meta.users),
    };
    const ifMatch = c.req.header("if-match");
    if (ifMatch !== undefined && !matchesEtag(ifMatch, etag, "strong")) {
      return refuse(
        "precondition-failed",
        "The directory snapshot has changed since this download began: download it again from the start",
        headers,
      );
    }
    if (matchesEtag(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
    const range = ifRangeHolds(c.req.header("if-range"), etag)
      ? parseRange(c.req.header("range"), bytes.length)
      : { kind: "whole" as const };
    if (range.kind === "unsatisfiable") {
      return refuse(
        "range-not-satisfiable",
        `The directory snapshot is ${bytes.length} bytes: the range asked for starts past its end`,
        { ...headers, "Content-Range": `bytes */${bytes.length}` },
      );
    }
    const [start, end] = range.kind === "range" ? [range.start, range.end + 1] : [0, bytes.length];
    const body = { ...headers, "Content-Type": "application/octet-stream", "Content-Length": String(end - start) };
    if (range.kind === "whole") return c.body(sliceStream(bytes, start, end), 200, body);
    return c.body(sliceStream(bytes, start, end), 206, { ...body, "Content-Range": `bytes ${start}-${end - 1}/${bytes.length}` });
  });

  on(app, API.startRefresh, async (c, refuse) => {
    const started = await s.refresher.start();
    if (!started.ok) return refuse(started.error);
    return c.json(started.value.job, started.value.started ? 202 : 200);
  });

  on(app, API.refreshJob, async (c, refuse) => {
    const job = await s.refresher.get(c.req.param("id") ?? "");
    return job ? c.json(job) : refuse("not-found", "No such refresh job (jobs are kept for a day)");
  });

  // The same job as server-sent events ("progress" every half second until it ends), for
  // pages that would rather not poll.
  on(app, API.refreshEvents, async (c, refuse) => {
    const id = c.req.param("id") ?? "";
    if (!(await s.refresher.get(id))) return refuse("not-found", "No such refresh job (jobs are kept for a day)");
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
