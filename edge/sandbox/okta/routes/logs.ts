/**
 * GET /api/v1/logs. Polling (no `until`): events in persistence order after the cursor, and
 * a `next` link always, even on an empty page. Bounded (`until`): events published in
 * [since, until) in `published` order, `next` only while more remain. `after` can't be
 * combined with `since`; `since` older than 180 days is 400 E0000053.
 */
import { type Context, Hono } from "hono";
import type { Sandbox } from "../context.ts";
import { oktaError, type OktaFailure } from "../errors.ts";
import { logCursor, parseLogCursor, type StoredEvent } from "../logs.ts";
import { isFailure, readLimit, setLinks } from "../paging.ts";
import { compile, logFilter } from "../queries.ts";

const DAY = 24 * 3600_000;
const fail = (c: Context, f: OktaFailure) => oktaError(c, f.code, f.summary, f.causes);

function readDate(c: Context, name: string): number | undefined | OktaFailure {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms)
    ? { code: "E0000001", summary: `Api validation failed: ${name}`, causes: [`${name}: not a valid ISO 8601 date`] }
    : ms;
}

export function logRoutes(sb: Sandbox): Hono {
  const app = new Hono();
  app.get("/api/v1/logs", (c) => {
    const now = sb.now();
    const limit = readLimit(c, { default: 100, max: 1000, min: 0 });
    if (isFailure(limit)) return fail(c, limit);
    const since = readDate(c, "since");
    const until = readDate(c, "until");
    if (isFailure(since)) return fail(c, since);
    if (isFailure(until)) return fail(c, until);
    const after = c.req.query("after");
    if (after !== undefined && since !== undefined) {
      return fail(c, { code: "E0000001", summary: "Api validation failed: after", causes: ["after: cannot be used together with since"] });
    }
    if (since !== undefined && since < now - 180 * DAY) return fail(c, { code: "E0000053" });
    if (c.req.query("sortOrder") === "DESCENDING") {
      return fail(c, {
        code: "E0000001",
        summary: "Api validation failed: sortOrder",
        causes: ["sortOrder: the sandbox supports ASCENDING only"],
      });
    }
    const filter = c.req.query("filter");
    let test: (e: StoredEvent) => boolean = () => true;
    if (filter !== undefined) {
      const q = compile(logFilter, filter);
      if (!q.ok) return fail(c, q.failure);
      test = (e) => q.test(e.event as unknown as Record<string, unknown>);
    }
    const keywords = (c.req.query("q") ?? "").toLowerCase().split(" ").filter(Boolean);
    const matches = (e: StoredEvent) => test(e) && keywords.every((k) => JSON.stringify(e.event).toLowerCase().includes(k));
    const from = since ?? (until ?? now) - 7 * DAY;

    if (until === undefined) {
      const afterSeq = after === undefined ? 0 : parseLogCursor(after);
      if (afterSeq === undefined) return fail(c, { code: "E0000029", causes: ["after: not a cursor this server issued"] });
      const page: StoredEvent[] = [];
      let cursor = after;
      // The cursor moves past every event scanned, matching or not, so the next poll resumes here.
      for (const e of sb.logs.events) {
        if (e.seq <= afterSeq) continue;
        if (page.length >= limit) break;
        cursor = logCursor(e);
        if (e.at >= from && matches(e)) page.push(e);
      }
      setLinks(c, cursor ?? `${now}_0`, ["since"]);
      return c.json(page.map((e) => e.event));
    }

    const bounded = sb.logs.events.filter((e) => e.at >= from && e.at < until && matches(e)).sort((a, b) => a.at - b.at || a.seq - b.seq);
    let start = 0;
    if (after !== undefined) {
      const seq = parseLogCursor(after);
      if (seq === undefined) return fail(c, { code: "E0000029", causes: ["after: not a cursor this server issued"] });
      start = bounded.findIndex((e) => e.seq === seq) + 1;
    }
    const page = bounded.slice(start, start + limit);
    setLinks(c, start + limit < bounded.length && page.length > 0 ? logCursor(page[page.length - 1]) : undefined, ["since"]);
    return c.json(page.map((e) => e.event));
  });
  return app;
}
