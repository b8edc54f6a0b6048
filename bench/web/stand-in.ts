/**
 * The benchmark's server: the built SPA plus the edge API routes the app reads at start,
 * over a 100,000-user directory from bench/synthetic.ts in the real compact encoding. The
 * real edge's demo organisation has a fixed 2,000 users, so the browser benchmark serves
 * the same contract itself (same routes, same schemas, ETag/304 on the directory).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { Hono } from "hono";
import { CSRF_HEADER, ROUTES } from "../../shared/api/routes.ts";
import type { Catalog } from "../../shared/genea/model.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import { listen, type RunningServer } from "../../tests/support/http-server.ts";

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };

export function catalogFor(ruleSet: RuleSet): Catalog {
  const uuids = Object.keys(ruleSet.properties);
  return {
    customerUuid: "bench-customer",
    locations: uuids.map((uuid, i) => ({ uuid, name: `Site ${i}`, hasWallet: i === 0 })),
    accessGroups: uuids.flatMap((uuid, p) =>
      Array.from({ length: 20 }, (_, g) => ({ uuid: `ag-${p}-${g}`, name: `Site ${p} doors ${g}`, locationUuid: uuid }))
    ),
    roles: [{ uuid: "role-user", name: "User" }, { uuid: "role-admin", name: "Admin" }],
  };
}

export function serveStandIn(
  opts: { dist: string; directory: Uint8Array; etag: string; published: RuleSet; draft: RuleSet },
): Promise<RunningServer> {
  const app = new Hono();
  let draft = opts.draft;
  const catalog = catalogFor(opts.published);
  const version = {
    version: 1,
    publishedAt: "2026-11-28T09:00:00.000Z",
    publishedBy: "admin",
    note: "bench",
    contentHash: "x",
    rolledBackFrom: null,
  };
  app.get(ROUTES.session, (c) => c.json({ state: "signed-in", username: "admin", csrfToken: "bench-csrf", demo: false }));
  app.get(
    ROUTES.directory,
    (c) =>
      c.req.header("If-None-Match") === opts.etag
        ? c.body(null, 304)
        : c.body(opts.directory.slice().buffer as ArrayBuffer, 200, { "Content-Type": "application/octet-stream", ETag: opts.etag }),
  );
  app.get(ROUTES.catalog, (c) => c.json(catalog));
  app.get(ROUTES.geneaState, (c) => c.json({ fetchedAt: "2026-11-28T09:00:00.000Z", users: [] }));
  app.get(ROUTES.versions, (c) => c.json([version]));
  app.get(`${ROUTES.versions}/1`, (c) => c.json({ ...version, ruleSet: opts.published }));
  app.get(ROUTES.draft, (c) => c.json({ ruleSet: draft, baseVersion: 1, updatedAt: null, updatedBy: null }));
  app.put(ROUTES.draft, async (c) => {
    if (c.req.header(CSRF_HEADER) !== "bench-csrf") return c.json({ error: { code: "csrf", message: "missing CSRF token" } }, 403);
    draft = ((await c.req.json()) as { ruleSet: RuleSet }).ruleSet;
    return c.json({ ruleSet: draft, baseVersion: 1, updatedAt: new Date().toISOString(), updatedBy: "admin" });
  });
  app.get("*", (c) => {
    const path = normalize(join(opts.dist, c.req.path));
    const file = path.startsWith(opts.dist) && existsSync(path) && statSync(path).isFile() ? path : join(opts.dist, "index.html");
    return c.body(readFileSync(file), 200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
  });
  return listen(app.fetch);
}
