/**
 * A whole sync world for tests: the demo organisation's Okta and Genea sandboxes served from
 * this test process on real sockets (so a test can change Okta, inject faults and read
 * Genea's state directly), and the real edge process connected to them with a published
 * rule set. `sync()` starts a run over HTTP and waits for it to end.
 */
import * as v from "valibot";
import { setTimeout as sleep } from "node:timers/promises";
import { ROUTES } from "../../shared/api/routes.ts";
import { type SyncRun, SyncRunSchema, type SyncSettings } from "../../shared/api/sync.ts";
import { type Catalog, CatalogSchema } from "../../shared/genea/model.ts";
import type { RuleSet } from "../../shared/rules/model.ts";
import { generateDemoOrg } from "../../edge/sandbox/demo/generate.ts";
import type { DemoOrg, GeneaSeed } from "../../edge/sandbox/demo/types.ts";
import { createGeneaSandbox, type GeneaSandbox } from "../../edge/sandbox/genea/index.ts";
import { createOktaSandbox, type OktaSandbox, type OktaSandboxOptions } from "../../edge/sandbox/okta/index.ts";
import { type EdgeClient, type EdgeProcess, startEdge } from "./edge-process.ts";
import { listen, type RunningServer } from "./http-server.ts";
import { worldRules } from "./world-rules.ts";

export { worldRules };

export const PASSWORD = "sync-world-password-9";

export type Handler = (req: Request) => Response | Promise<Response>;
/** Stands between the edge and a sandbox: answer, change or delay what the sandbox says. */
export type Interceptor = (req: Request, sandbox: Handler) => Response | Promise<Response>;

export interface SyncWorld {
  /** set to intercept the edge's requests to Okta / Genea (null: straight through) */
  intercept: { okta: Interceptor | null; genea: Interceptor | null };
  org: DemoOrg;
  okta: OktaSandbox;
  genea: GeneaSandbox;
  oktaUrl: string;
  geneaUrl: string;
  edge: EdgeProcess;
  admin: EdgeClient;
  catalog: Catalog;
  /** starts a run and waits until it is no longer running */
  sync(body?: { mode?: "apply" | "dry-run"; oktaUserIds?: string[] }): Promise<SyncRun>;
  waitFor(id: string): Promise<SyncRun>;
  publish(ruleSet: RuleSet): Promise<void>;
  settings(patch: Partial<SyncSettings>): Promise<void>;
  /** Genea requests other than reads, per route, since the last reset */
  writes(): number;
  resetCounters(): void;
  /** a test-only route of the Okta sandbox */
  oktaSandbox(method: string, path: string, body?: unknown): Promise<Response>;
  restartEdge(): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  users?: number;
  seed?: number;
  /** the Genea the sync starts from (default: the demo's, emptied of users) */
  genea?: (org: DemoOrg) => GeneaSeed;
  env?: Record<string, string>;
  okta?: OktaSandboxOptions;
  /** rules to publish (default: worldRules) */
  rules?: (catalog: Catalog) => RuleSet;
}

/** A world whose first full sync has run (and converged). */
export async function startSyncedWorld(o: WorldOptions = {}): Promise<SyncWorld> {
  const world = await startSyncWorld(o);
  const first = await world.sync();
  if (first.state !== "done") throw new Error(`the first sync ended ${first.state}: ${first.error ?? ""}`);
  return world;
}

export async function startSyncWorld(o: WorldOptions = {}): Promise<SyncWorld> {
  const org = generateDemoOrg({ users: o.users ?? 300, seed: o.seed ?? 11 });
  const okta = createOktaSandbox(org.okta, o.okta);
  const genea = createGeneaSandbox(o.genea ? o.genea(org) : { ...org.genea, users: [] });
  const intercept: SyncWorld["intercept"] = { okta: null, genea: null };
  const through = (name: "okta" | "genea", app: Handler): Handler => (req) => {
    const hook = intercept[name];
    return hook ? hook(req, app) : app(req);
  };
  const servers: RunningServer[] = [await listen(through("okta", okta.app.fetch)), await listen(through("genea", genea.app.fetch))];
  const [oktaUrl, geneaUrl] = servers.map((s) => s.url);
  const env = {
    DOORSYNC_DEMO: "0",
    DOORSYNC_ALLOW_LOCAL_UPSTREAMS: "1",
    DOORSYNC_OKTA_ALLOWED_HOSTS: new URL(oktaUrl).host,
    DOORSYNC_GENEA_BASE_URL: geneaUrl,
    ...o.env,
  };
  let edge = await startEdge({ env });
  let admin = edge.client();
  const ok = async (res: Promise<{ status: number; text: string }>, what: string) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: HTTP ${r.status} ${r.text}`);
    return r;
  };
  await ok(admin.call("POST", ROUTES.setup, { username: "admin", password: PASSWORD }), "setup");
  await ok(
    admin.call("PUT", ROUTES.oktaConnection, { domain: oktaUrl, auth: { kind: "ssws", token: org.okta.apiTokens[0] } }),
    "okta connection",
  );
  await ok(admin.call("PUT", ROUTES.geneaConnection, { apiKey: org.genea.apiKeys[0] }), "genea connection");
  const refresh = await ok(admin.call("POST", ROUTES.directoryRefresh), "refresh");
  const jobId = JSON.parse(refresh.text).id;
  for (let i = 0;; i++) {
    const job = (await admin.call("GET", `${ROUTES.directoryRefresh}/${jobId}`)).body;
    if (job.state === "done") break;
    if (job.state === "failed" || i > 600) throw new Error(`refresh failed: ${JSON.stringify(job)}`);
    await sleep(50);
  }
  const catalog = v.parse(CatalogSchema, (await admin.call("GET", ROUTES.catalog)).body);

  const world: SyncWorld = {
    org,
    okta,
    genea,
    oktaUrl,
    geneaUrl,
    catalog,
    intercept,
    get edge() {
      return edge;
    },
    get admin() {
      return admin;
    },
    async publish(ruleSet) {
      const current = (await admin.call("GET", ROUTES.versions)).body as { version: number }[];
      const res = await admin.call("POST", ROUTES.publish, { ruleSet, expectedVersion: current[0]?.version ?? 0, note: "test" });
      if (res.status !== 201) throw new Error(`publish: HTTP ${res.status} ${res.text}`);
    },
    async settings(patch) {
      const current = (await admin.call("GET", ROUTES.syncSettings)).body;
      await ok(admin.call("PUT", ROUTES.syncSettings, { ...current, ...patch }), "settings");
    },
    async waitFor(id) {
      for (let i = 0;; i++) {
        const res = await admin.call("GET", `${ROUTES.syncRuns}/${id}`).catch((e) => {
          // The edge went away: say why, from its own log.
          throw new Error(`the edge stopped answering while run ${id} was going (${e}); its log ends:\n${edge.logs().slice(-3000)}`);
        });
        if (res.status === 200) {
          const run = v.parse(SyncRunSchema, res.body);
          if (run.state !== "running") return run;
        }
        if (i > 6000) throw new Error(`run ${id} did not finish`);
        await sleep(25);
      }
    },
    async sync(body = {}) {
      const res = await admin.call("POST", ROUTES.syncRuns, {
        mode: body.mode ?? "apply",
        ...(body.oktaUserIds ? { oktaUserIds: body.oktaUserIds } : {}),
      });
      if (res.status !== 202) throw new Error(`start sync: HTTP ${res.status} ${res.text}`);
      return world.waitFor(res.body.run.id);
    },
    writes: () =>
      Object.entries(genea.counters.get()).filter(([k]) => !k.startsWith("GET ") && !k.includes("api_key/verify")).reduce(
        (n, [, c]) => n + c,
        0,
      ),
    resetCounters: () => genea.counters.reset(),
    oktaSandbox: (method, path, body) =>
      fetch(`${oktaUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    async restartEdge() {
      await edge.stop({ keepDir: true });
      edge = await startEdge({ env: { ...env, DOORSYNC_SECRET_KEY: edge.env.DOORSYNC_SECRET_KEY }, dir: edge.dir });
      admin = edge.client();
      await ok(admin.call("POST", ROUTES.signIn, { username: "admin", password: PASSWORD }), "sign in");
    },
    async close() {
      const logs = edge.logs();
      await edge.stop();
      await Promise.all(servers.map((s) => s.close()));
      const bug = logs.split("\n").find((l) => l.includes("unhandled-rejection"));
      if (bug) throw new Error(`the edge logged a bug: ${bug}`);
    },
  };
  // Nothing on its own: a cron tick (every minute) would start runs and polls in the middle of a test.
  await world.settings({ schedule: { enabled: false, intervalMinutes: 15, fullEveryHours: 24 } });
  await world.publish((o.rules ?? worldRules)(catalog));
  return world;
}
