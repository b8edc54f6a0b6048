/**
 * The edge side of the sync benchmark, run under Deno by sync.bench.ts: the real edge app
 * (createApp: upstreams, snapshot cache, sync service, routes) on a temporary KV file,
 * connected to the sandboxes the driver serves from another process, so this process's heap
 * is the edge's alone. The driver sends one command per line on stdin:
 *   {"cmd":"run","kind":"full"|"incremental"}  → one line {"kind":"run", wallMs, run}
 *   {"cmd":"brake","kind":"<n>"}               → {"kind":"ok"}: the brake's minUsers set to n
 *   {"cmd":"serve"}                            → {"kind":"serving", url}: the app on a port (event hooks)
 *   {"cmd":"last"}                             → {"kind":"last", run}: the newest run (an event run's phases)
 *   {"cmd":"quit"}                             → {"kind":"memory", …}: peak heap and RSS, sampled every 50 ms
 *                                                 (and the live heap every 5 s with SYNC_BENCH_LIVE=1)
 * Each phase the sampler first sees is also written to stderr ("phase: run 1 read-okta"), so
 * the driver can say where the edge was when it ran out of heap.
 */
import { createApp } from "../edge/app.ts";
import { readConfig } from "../edge/config.ts";
import { createGeneaClient } from "../edge/genea/index.ts";
import { silentLog } from "../edge/log.ts";
import { createOktaClient } from "../edge/okta/index.ts";
import { saveConnection } from "../edge/store/connections.ts";
import { publish } from "../edge/store/rules.ts";
import { createSecretBox } from "../edge/store/secrets.ts";
import type { RuleSet } from "../shared/rules/model.ts";

const input: { oktaUrl: string; geneaUrl: string; oktaToken: string; geneaKey: string; ruleSet: RuleSet; hookSecret: string } = JSON.parse(
  await Deno.readTextFile(Deno.args[0]),
);
const dir = await Deno.makeTempDir({ prefix: "doorsync-bench-" });
const kv = await Deno.openKv(`${dir}/kv`);
const config = readConfig({ DOORSYNC_DEMO: "0", DOORSYNC_OKTA_HOOK_SECRET: input.hookSecret });
if (!config.ok) throw new Error(config.error.message);
const box = await createSecretBox(btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))));
const now = () => new Date();
const at = now().toISOString();
await saveConnection(kv, box, "okta", {
  demo: false,
  baseUrl: input.oktaUrl,
  target: "bench",
  secret: { kind: "ssws", token: input.oktaToken },
  checkedAt: at,
});
await saveConnection(kv, box, "genea", {
  demo: false,
  baseUrl: input.geneaUrl,
  target: "bench",
  secret: { apiKey: input.geneaKey },
  checkedAt: at,
});
const published = await publish(kv, { ruleSet: input.ruleSet, expectedVersion: 0, note: "bench", by: "bench", at, rolledBackFrom: null });
if (!published.ok) throw new Error(published.error.message);

/** Memory in MiB: V8's --max-old-space-size, the cap it is held to, counts in MiB. */
const MIB = 1024 * 1024;
let peakHeap = 0, peakRss = 0;
/** the peak heap per phase of the run in progress */
const byPhase: Record<string, number> = {};
let phaseOf: () => Promise<string> = () => Promise.resolve("setup");
let sampling = false;
const sample = async () => {
  const m = Deno.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
  if (sampling) return;
  sampling = true;
  const phase = await phaseOf().catch(() => "?");
  if (!(phase in byPhase)) console.error(`phase: ${phase}`);
  byPhase[phase] = Math.max(byPhase[phase] ?? 0, Math.round(m.heapUsed / MIB));
  sampling = false;
};
const sampler = setInterval(() => void sample(), 50);
/**
 * SYNC_BENCH_LIVE=1 (V8 started with --expose-gc): every 5 s a full collection, then the heap
 * still in use. The 50 ms peak counts garbage V8 has not collected yet; this is the live set,
 * at the price of a pause per sample (so not for the latency figures).
 */
const gc = (globalThis as { gc?: () => void }).gc;
let peakLive = 0;
const liveByPhase: Record<string, number> = {};
const liveSampler = gc && Deno.env.get("SYNC_BENCH_LIVE") === "1"
  ? setInterval(async () => {
    const phase = await phaseOf().catch(() => "?");
    gc();
    const live = Deno.memoryUsage().heapUsed;
    peakLive = Math.max(peakLive, live);
    liveByPhase[phase] = Math.max(liveByPhase[phase] ?? 0, Math.round(live / MIB));
  }, 5000)
  : null;
const app = createApp({
  kv,
  now,
  config: config.value,
  box,
  log: silentLog,
  fetch: globalThis.fetch,
  clients: {
    okta: ({ baseUrl, auth, fetch, onProgress }) => createOktaClient({ baseUrl, auth, fetch, onProgress }),
    genea: ({ baseUrl, apiKey, fetch }) => createGeneaClient({ baseUrl, apiKey, fetch }),
  },
});
const sync = app.services.sync;
const print = (o: unknown) => console.log(JSON.stringify(o));

let runs = 0;
const decoder = new TextDecoder();
let buffered = "";
for await (const chunk of Deno.stdin.readable) {
  buffered += decoder.decode(chunk, { stream: true });
  let nl: number;
  while ((nl = buffered.indexOf("\n")) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    const msg: { cmd: string; kind?: string } = JSON.parse(line);
    if (msg.cmd === "run") {
      const t0 = performance.now();
      const started = await sync.start({ mode: "apply", trigger: "manual", by: "bench", incremental: msg.kind === "incremental" });
      if (!started.ok) throw new Error(started.error.message);
      const id = started.value.run.id;
      const n = ++runs;
      phaseOf = async () => `run ${n} ${(await sync.get(id))?.phase ?? "?"}`;
      await sync.settled(id);
      print({ kind: "run", wallMs: Math.round(performance.now() - t0), run: await sync.get(id) });
    } else if (msg.cmd === "brake") {
      const settings = await sync.settings();
      await sync.saveSettings({ ...settings, brake: { ...settings.brake, minUsers: Number(msg.kind) } });
      print({ kind: "ok" });
    } else if (msg.cmd === "serve") {
      const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
      phaseOf = () => Promise.resolve("event runs");
      print({ kind: "serving", url: `http://127.0.0.1:${server.addr.port}` });
    } else if (msg.cmd === "last") {
      const [latest] = await sync.list(1);
      print({ kind: "last", run: latest });
    } else if (msg.cmd === "quit") {
      clearInterval(sampler);
      if (liveSampler !== null) clearInterval(liveSampler);
      await sample();
      print({
        kind: "memory",
        peakHeapMiB: Math.round(peakHeap / MIB),
        peakRssMiB: Math.round(peakRss / MIB),
        peakHeapMiBByPhase: byPhase,
        ...(liveSampler === null ? {} : { peakLiveMiB: Math.round(peakLive / MIB), peakLiveMiBByPhase: liveByPhase }),
      });
      kv.close();
      await Deno.remove(dir, { recursive: true });
      Deno.exit(0);
    }
  }
}
