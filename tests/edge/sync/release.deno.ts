/**
 * Run under Deno by release.test.ts: the sync service against the demo org's sandboxes,
 * served in-process, on an in-memory KV. It watches the snapshot cache the runs share: which
 * directory a run stored, and which one the cache hands out once the run is over. One JSON
 * line per scenario.
 */
import { createSnapshotCache, type SnapshotCache } from "../../../edge/directory/snapshot.ts";
import { createGeneaClient } from "../../../edge/genea/index.ts";
import { silentLog } from "../../../edge/log.ts";
import { createOktaClient } from "../../../edge/okta/index.ts";
import { generateDemoOrg } from "../../../edge/sandbox/demo/generate.ts";
import { createGeneaSandbox } from "../../../edge/sandbox/genea/index.ts";
import { createOktaSandbox } from "../../../edge/sandbox/okta/index.ts";
import { saveConnection } from "../../../edge/store/connections.ts";
import { publish } from "../../../edge/store/rules.ts";
import { createSecretBox } from "../../../edge/store/secrets.ts";
import { createSyncService } from "../../../edge/sync/index.ts";
import type { Upstreams } from "../../../edge/upstreams/index.ts";
import { type DirectoryTable, tableOf } from "../../../shared/directory/table.ts";
import { ok } from "../../../shared/result.ts";
import { worldRules } from "../../support/world-rules.ts";

const report = (name: string, value: unknown) => console.log(JSON.stringify({ name, value }));
const org = generateDemoOrg({ users: 300, seed: 4 });
const okta = createOktaSandbox(org.okta);
const genea = createGeneaSandbox({ ...org.genea, users: [] });
const through = (app: { fetch: (r: Request) => Response | Promise<Response> }): typeof fetch => (input, init) =>
  Promise.resolve(app.fetch(new Request(input, init)));
const geneaClient = () => createGeneaClient({ baseUrl: "https://genea.invalid", apiKey: org.genea.apiKeys[0], fetch: through(genea.app) });
const upstreams: Upstreams = {
  okta: () =>
    Promise.resolve(ok(createOktaClient({
      baseUrl: "https://okta.invalid",
      auth: { kind: "ssws", token: org.okta.apiTokens[0] },
      fetch: through(okta.app),
    }))),
  genea: () => Promise.resolve(ok(geneaClient())),
};

const kv = await Deno.openKv(":memory:");
/** The real cache; this script only notes the directory each store() is given. */
const inner = createSnapshotCache(kv);
const stored: { last: DirectoryTable | null } = { last: null };
const snapshots: SnapshotCache = { ...inner, store: (d) => ((stored.last = tableOf(d)), inner.store(d)) };

const catalog = await geneaClient().readCatalog();
if (!catalog.ok) throw new Error(catalog.error.message);
const at = new Date().toISOString();
// The service checks both connections are stored before it starts; the upstreams above are what it then uses.
const box = await createSecretBox(btoa(String.fromCharCode(...new Uint8Array(32).fill(9))));
for (const kind of ["okta", "genea"] as const) {
  await saveConnection(kv, box, kind, {
    demo: false,
    baseUrl: `https://${kind}.invalid`,
    target: kind,
    secret: kind === "okta" ? { kind: "ssws", token: org.okta.apiTokens[0] } : { apiKey: org.genea.apiKeys[0] },
    checkedAt: at,
  });
}
const published = await publish(kv, {
  ruleSet: worldRules(catalog.value),
  expectedVersion: 0,
  note: "test",
  by: "test",
  at,
  rolledBackFrom: null,
});
if (!published.ok) throw new Error(published.error.message);
const sync = createSyncService({ kv, now: () => new Date(), log: silentLog, upstreams, snapshots, holder: "test" });

async function run(input: { incremental?: boolean; oktaUserIds?: string[] }) {
  const started = await sync.start({ mode: "apply", trigger: "manual", by: "test", ...input });
  if (!started.ok) throw new Error(started.error.message);
  await sync.settled(started.value.run.id);
  const done = await sync.get(started.value.run.id);
  return {
    kind: done?.kind,
    state: done?.state,
    error: done?.error,
    applied: Object.values(done?.applied ?? {}).reduce((a, b) => a + b, 0),
  };
}

const full = await run({});
const afterFull = await snapshots.compiled();
report("a full run", full);
report("after a full run: the cache no longer holds the directory the run read", {
  stored: stored.last !== null,
  sameUsers: afterFull?.directory.size === stored.last?.size,
  sameObject: afterFull?.directory === stored.last,
});
const person = org.okta.users.find((u) => u.status === "ACTIVE" && u.profile.email)!;
const people = await run({ oktaUserIds: [person.id] });
report("a people run", people);
report("after a people run: the cache keeps its directory", (await snapshots.compiled()) === afterFull);
