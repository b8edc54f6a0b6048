/**
 * The sync API (session + CSRF like every /api route): status, starting runs (everyone or a
 * few people; apply or dry run), run records with live progress, each run's audit entries
 * (filtered, paged, or as CSV), approving or rejecting what the brake stopped, settings, and
 * what doorsync did to one person.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { API } from "../../shared/api/table.ts";
import { OPERATION_RESULTS, type SyncRun } from "../../shared/api/sync.ts";
import { allEntries, listEntries, readLedgerEntries, userHistory } from "../store/sync.ts";
import { csvHeader, csvRow, percentOf } from "../sync/index.ts";
import { type AppContext, type AppEnv, errorResponse, on, onBody } from "./http.ts";
import type { Services } from "./services.ts";

const RunId = v.pipe(v.string(), v.uuid());
const OktaId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,128}$/));
const Limit = (max: number, fallback: number) =>
  v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/), v.transform(Number), v.minValue(1), v.maxValue(max)), String(fallback));
const EntryQuery = v.object({
  user: v.optional(v.pipe(v.string(), v.maxLength(254))),
  property: v.optional(v.pipe(v.string(), v.maxLength(128))),
  result: v.optional(v.picklist(OPERATION_RESULTS)),
  after: v.optional(v.pipe(v.string(), v.regex(/^-?\d{1,9}$/), v.transform(Number)), "-1"),
  limit: Limit(1000, 200),
});

const view = (run: SyncRun) => ({ ...run, percent: percentOf(run) });

export function syncRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const by = (c: AppContext) => c.get("session")!.username;
  const runOr404 = async (c: AppContext) => {
    const id = v.safeParse(RunId, c.req.param("id"));
    const run = id.success ? await s.sync.get(id.output) : null;
    return run ?? errorResponse(c, "not-found", "No such sync run (runs are kept as long as the audit retention)");
  };

  on(app, API.syncStatus, async (c) => c.json(await s.sync.status()));

  onBody(app, API.startSync, { what: "sync request" }, async (c, body, refuse) => {
    const { kind, ...input } = body;
    const started = await s.sync.start({ ...input, trigger: "manual", by: by(c), incremental: kind === "incremental" });
    if (!started.ok) return refuse(started.error);
    return c.json({ run: view(started.value.run), started: started.value.started }, 202);
  });

  on(app, API.syncRuns, async (c, refuse) => {
    const limit = v.safeParse(Limit(200, 50), c.req.query("limit"));
    if (!limit.success) return refuse("invalid", "limit must be a whole number from 1 to 200");
    return c.json((await s.sync.list(limit.output)).map(view));
  });

  on(app, API.syncRun, async (c) => {
    const run = await runOr404(c);
    return run instanceof Response ? run : c.json(view(run));
  });

  on(app, API.syncOperations, async (c, refuse) => {
    const run = await runOr404(c);
    if (run instanceof Response) return run;
    const q = v.safeParse(EntryQuery, c.req.query());
    if (!q.success) {
      return refuse(
        "invalid",
        `Bad filter: ${q.issues[0].path?.map((p) => String(p.key)).join(".") ?? "query"} ${q.issues[0].message}`,
      );
    }
    const { after, limit, ...filter } = q.output;
    return c.json(await listEntries(s.kv, run.id, filter, after, limit));
  });

  on(app, API.syncOperationsCsv, async (c) => {
    const run = await runOr404(c);
    if (run instanceof Response) return run;
    const kv = s.kv;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const enc = new TextEncoder();
        controller.enqueue(enc.encode(csvHeader()));
        for await (const e of allEntries(kv, run.id)) controller.enqueue(enc.encode(csvRow(e)));
        controller.close();
      },
    });
    return c.body(body, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="doorsync-run-${run.id}.csv"`,
    });
  });

  for (const [decision, spec] of [["approve", API.approveRun], ["reject", API.rejectRun]] as const) {
    on(app, spec, async (c, refuse) => {
      const id = v.safeParse(RunId, c.req.param("id"));
      if (!id.success) return refuse("not-found", "No such sync run");
      if (decision === "reject") {
        const res = await s.sync.reject(id.output, by(c));
        return res.ok ? c.json(view(res.value)) : refuse(res.error);
      }
      const res = await s.sync.approve(id.output, by(c));
      return res.ok ? c.json({ run: view(res.value.run), next: view(res.value.next) }, 202) : refuse(res.error);
    });
  }

  on(app, API.syncLogPoll, async (c) => {
    const { next: _next, ...state } = await s.sync.pollLog();
    return c.json(state);
  });

  on(app, API.syncSettings, async (c) => c.json(await s.sync.settings()));
  onBody(app, API.saveSyncSettings, { what: "sync settings" }, async (c, body) => {
    await s.sync.saveSettings(body);
    s.log.info("sync.settings-changed", { by: by(c) });
    return c.json(body);
  });

  on(app, API.personHistory, async (c, refuse) => {
    const id = v.safeParse(OktaId, c.req.param("oktaId"));
    if (!id.success) return refuse("not-found", "No such Okta user id");
    const limit = v.safeParse(Limit(1000, 200), c.req.query("limit"));
    if (!limit.success) return refuse("invalid", "limit must be a whole number from 1 to 1000");
    const ledger = (await readLedgerEntries(s.kv, [id.output])).get(id.output) ?? null;
    return c.json({ oktaId: id.output, ledger, entries: await userHistory(s.kv, id.output, limit.output) });
  });

  return app;
}
