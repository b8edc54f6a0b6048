/**
 * The edge side of the sync benchmark, run under Deno by sync.bench.ts: the real edge services
 * (createServices: upstreams, snapshot cache, sync service) on a temporary KV file, connected
 * to the sandboxes the driver serves from another process, so this process's heap is the
 * edge's alone. Runs the given runs one after the other and prints one JSON line per run,
 * then one with the peak heap and RSS sampled every 50 ms.
 */
import { createServices } from "../edge/app.ts";
import { readConfig } from "../edge/config.ts";
import { createGeneaClient } from "../edge/genea/index.ts";
import { silentLog } from "../edge/log.ts";
import { createOktaClient } from "../edge/okta/index.ts";
import { saveConnection } from "../edge/store/connections.ts";
import { publish } from "../edge/store/rules.ts";
import { createSecretBox } from "../edge/store/secrets.ts";
import type { RuleSet } from "../shared/rules/model.ts";

const input: { oktaUrl: string; geneaUrl: string; oktaToken: string; geneaKey: string; ruleSet: RuleSet; runs: number } =
  JSON.parse(await Deno.readTextFile(Deno.args[0]));
const dir = await Deno.makeTempDir({ prefix: "doorsync-bench-" });
const kv = await Deno.openKv(`${dir}/kv`);
const config = readConfig({ DOORSYNC_DEMO: "0" });
if (!config.ok) throw new Error(config.error.message);
const box = await createSecretBox(btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))));
const now = () => new Date();
const at = now().toISOString();
await saveConnection(kv, box, "okta", { demo: false, baseUrl: input.oktaUrl, target: "bench", secret: { kind: "ssws", token: input.oktaToken }, checkedAt: at });
await saveConnection(kv, box, "genea", { demo: false, baseUrl: input.geneaUrl, target: "bench", secret: { apiKey: input.geneaKey }, checkedAt: at });
const published = await publish(kv, { ruleSet: input.ruleSet, expectedVersion: 0, note: "bench", by: "bench", at, rolledBackFrom: null });
if (!published.ok) throw new Error(published.error.message);

async function readLine(): Promise<void> {
  const buf = new Uint8Array(64);
  while (!new TextDecoder().decode(buf).includes("\n")) if ((await Deno.stdin.read(buf)) === null) return;
}

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
  byPhase[phase] = Math.max(byPhase[phase] ?? 0, Math.round(m.heapUsed / 1e6));
  sampling = false;
};
const sampler = setInterval(() => void sample(), 50);
const services = createServices({
  kv, now, config: config.value, box, log: silentLog, fetch: globalThis.fetch,
  clients: {
    okta: ({ baseUrl, auth, fetch, onProgress }) => createOktaClient({ baseUrl, auth, fetch, onProgress }),
    genea: ({ baseUrl, apiKey, fetch }) => createGeneaClient({ baseUrl, apiKey, fetch }),
  },
});
for (let i = 0; i < input.runs; i++) {
  const t0 = performance.now();
  const started = await services.sync.start({ mode: "apply", trigger: "manual", by: "bench" });
  if (!started.ok) throw new Error(started.error.message);
  const id = started.value.run.id;
  phaseOf = async () => `run ${i + 1} ${(await services.sync.get(id))?.phase ?? "?"}`;
  await services.sync.settled(started.value.run.id);
  const run = await services.sync.get(started.value.run.id);
  console.log(JSON.stringify({ kind: "run", wallMs: Math.round(performance.now() - t0), run }));
  if (i + 1 < input.runs) await readLine(); // the driver counts the requests so far, then says go on
}
clearInterval(sampler);
await sample();
console.log(JSON.stringify({ kind: "memory", peakHeapMb: Math.round(peakHeap / 1e6), peakRssMb: Math.round(peakRss / 1e6), peakHeapMbByPhase: byPhase }));
kv.close();
await Deno.remove(dir, { recursive: true });
