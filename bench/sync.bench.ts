/**
 * Sync benchmark, on the 100,000-user demo organisation with Okta's published Workforce rate
 * limits ×10 (60 s windows, real time). The sandboxes are served from this (Node) process;
 * the edge runs under Deno in its own process (bench/sync-runner.deno.ts) with V8's heap
 * capped at 512 MiB (Deno Deploy's memory), so its peak heap is measured alone.
 *  1. Full sync into an empty Genea: requests made ÷ lower bound (Okta pages that must be read
 *     + Genea reads + the writes the rules imply), target ≤ 1.05; 429 answers, target 0; wall
 *     time ÷ the time the rate limits allow (the busiest Okta bucket's requests at its
 *     per-minute rate), reported; the edge's peak heap, target ≤ 512 MiB (in MiB, the unit of
 *     V8's cap: the run fails if it needs more).
 *  2. The converged re-run: Genea writes, target 0.
 *  3. Ten changes in Okta, then an incremental run: total requests (Okta + Genea), target ≤ 30.
 *  4. Event hook receipt → the Genea mobile key revoked, 20 deactivations one after the other,
 *     50 ms sandbox latency each way: p95 target ≤ 2 s.
 * Writes (with --save) bench/results/sync.json.
 *
 * Scale run: SYNC_BENCH_USERS=500000 runs step 1 alone on an org of that size and writes its
 * figures under "scale" in sync.json, keeping the 100,000-user figures (and a 100,000-user run
 * keeps "scale"). SYNC_BENCH_HEAP_MIB raises the edge's heap cap to see the true peak of a run
 * that would not fit; the target stays 512 MiB. SYNC_BENCH_RECONCILE=1 adds a second full run,
 * the nightly reconcile of the Genea the first one filled (its operations, target 0).
 * SYNC_BENCH_LIVE=1 also reports the live heap (after a full GC every 5 s). The
 * driver holds both sandboxes' orgs, so a 500,000-user run needs
 * NODE_OPTIONS=--max-old-space-size=8192.
 */
import { serve } from "@hono/node-server";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import * as v from "valibot";
import { type SyncRun, SyncRunSchema } from "../shared/api/sync.ts";
import { generateDemoOrg } from "../edge/sandbox/demo/generate.ts";
import { createGeneaSandbox } from "../edge/sandbox/genea/index.ts";
import { type Bucket, createOktaSandbox, DEFAULT_RATE_LIMITS } from "../edge/sandbox/okta/index.ts";
import { bucketOf } from "../edge/sandbox/okta/rate-limit.ts";
import { toAccessGroup, toLocation, toRole } from "../edge/genea/mapping.ts";
import { worldRules } from "../tests/support/world-rules.ts";
import { saveResults } from "./results.ts";

const BASE_USERS = 100_000;
const USERS = Number(process.env.SYNC_BENCH_USERS ?? BASE_USERS);
/** Any other size is a scale run: the full sync and the edge's memory only. */
const SCALE = USERS !== BASE_USERS;
/** A scale run with SYNC_BENCH_RECONCILE=1 also runs the full reconcile of the now populated Genea. */
const RECONCILE = SCALE && process.env.SYNC_BENCH_RECONCILE === "1";
/** SYNC_BENCH_LIVE=1 also samples the edge's live heap (a full GC every 5 s): slower, and it pauses event runs. */
const LIVE = process.env.SYNC_BENCH_LIVE === "1";
/** What the edge answers on quit (module scope: quit() runs before the end of this file). */
const MiBByPhase = v.record(v.string(), v.number());
const MemorySchema = v.object({
  peakHeapMiB: v.number(),
  peakRssMiB: v.number(),
  peakHeapMiBByPhase: MiBByPhase,
  /** with SYNC_BENCH_LIVE=1: the heap left after a full collection, sampled every 5 s */
  peakLiveMiB: v.optional(v.number()),
  peakLiveMiBByPhase: v.optional(MiBByPhase),
});
type Memory = v.InferOutput<typeof MemorySchema>;
const LIMIT_FACTOR = 10;
/** Deno Deploy's memory: the target, and the cap the edge's V8 heap runs under unless raised. */
const HEAP_TARGET_MIB = 512;
const HEAP_LIMIT_MIB = Number(process.env.SYNC_BENCH_HEAP_MIB ?? HEAP_TARGET_MIB);
const PAGE = 200;
const HOOK_EVENTS = 20;
const HOOK_SECRET = "sync-benchmark-hook-secret";
const root = join(import.meta.dirname, "..");

const org = generateDemoOrg({ users: USERS, seed: 1 });
const limits = Object.fromEntries(Object.entries(DEFAULT_RATE_LIMITS).map(([k, n]) => [k, n * LIMIT_FACTOR])) as Record<Bucket, number>;
const okta = createOktaSandbox(org.okta, { rateLimits: limits, rateLimitWindowMs: 60_000 });
const genea = createGeneaSandbox({ ...org.genea, users: [] });

const statuses: Record<number, number> = {};
const byBucket: Record<string, number> = {};
let countBuckets = true;
/** Genea requests the driver watches for: DELETE /v2/card/:uuid → when it arrived */
const revokedAt = new Map<string, number>();
function listen(fetch: (req: Request) => Response | Promise<Response>, isOkta: boolean): Promise<{ url: string; close(): void }> {
  return new Promise((resolve) => {
    const s = serve({
      fetch: async (req: Request) => {
        const path = new URL(req.url).pathname;
        if (!isOkta && req.method === "DELETE" && path.startsWith("/v2/card/")) {
          revokedAt.set(path.slice("/v2/card/".length), performance.now());
        }
        const res = await fetch(req);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (isOkta && countBuckets) byBucket[bucketOf(path)] = (byBucket[bucketOf(path)] ?? 0) + 1;
        return res;
      },
      port: 0,
      hostname: "127.0.0.1",
    }, (info: AddressInfo) => resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() }));
  });
}
const [oktaServer, geneaServer] = [await listen(okta.app.fetch, true), await listen(genea.app.fetch, false)];
const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
const requests = () => total(okta.counters.get()) + total(genea.counters.get());
const writes = () =>
  Object.entries(genea.counters.get()).filter(([k]) => !k.startsWith("GET ") && !k.includes("api_key")).reduce((n, [, c]) => n + c, 0);

const catalog = {
  customerUuid: org.genea.customer.uuid,
  locations: org.genea.locations.map((l) => toLocation({ ...l, has_apple_wallet: l.has_apple_wallet ?? false })),
  accessGroups: org.genea.accessGroups.map(toAccessGroup),
  roles: org.genea.roles.map(toRole),
};
const dir = mkdtempSync(join(tmpdir(), "doorsync-sync-bench-"));
const inputPath = join(dir, "input.json");
writeFileSync(
  inputPath,
  JSON.stringify({
    oktaUrl: oktaServer.url,
    geneaUrl: geneaServer.url,
    oktaToken: org.okta.apiTokens[0],
    geneaKey: org.genea.apiKeys[0],
    ruleSet: worldRules(catalog),
    hookSecret: HOOK_SECRET,
  }),
);

// The edge, asynchronously (a blocking spawn would stop this process's sandboxes answering).
const child = spawn(join(root, "node_modules", ".bin", "deno"), [
  "run",
  "-A",
  `--v8-flags=--max-old-space-size=${HEAP_LIMIT_MIB}${LIVE ? ",--expose-gc" : ""}`,
  "bench/sync-runner.deno.ts",
  inputPath,
], { cwd: root, stdio: ["pipe", "pipe", "pipe"], env: withoutNodeOptions() });
let stderr = "";
child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t));
const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
void exited.then((code) => {
  if (code === 0) return;
  const phases = [...stderr.matchAll(/^phase: (.*)$/gm)].map((m) => m[1]);
  if (/out of memory|heap limit/i.test(stderr)) {
    console.error(`  the edge ran out of its ${HEAP_LIMIT_MIB} MiB heap in "${phases.at(-1) ?? "setup"}" ${mark(false)}`);
  }
  console.error(`the edge (sync runner) exited with ${code}:\n${stderr.split("\n").filter((l) => !l.startsWith("phase: ")).join("\n")}`);
  process.exit(1);
});
/** The driver's heap setting is its own: the edge's cap is the --v8-flags above. */
function withoutNodeOptions(): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _, ...env } = process.env;
  return env;
}
async function ask(cmd: object): Promise<Record<string, unknown>> {
  child.stdin.write(`${JSON.stringify(cmd)}\n`);
  const { value, done } = await lines.next();
  if (done) {
    await exited; // the exit handler says why and ends this process
    throw new Error(`the sync runner stopped:\n${stderr}`);
  }
  return JSON.parse(value);
}
async function run(kind: "full" | "incremental"): Promise<{ wallMs: number; run: SyncRun }> {
  const out = await ask({ cmd: "run", kind });
  return { wallMs: out.wallMs as number, run: v.parse(SyncRunSchema, out.run) };
}
const mark = (ok: boolean) => (ok ? "PASS" : "FAIL");
const phasesText = (phases: SyncRun["phases"]) => phases.map((p) => `${p.phase} ${p.ms} ms`).join(", ");
const sum = (c: Record<string, number>) => total(c);

console.log(
  `sync: ${USERS} users${
    SCALE ? ` (scale run: the full sync${RECONCILE ? " and its reconcile" : ""} only)` : ""
  }, Okta limits ×${LIMIT_FACTOR}, edge heap capped at ${HEAP_LIMIT_MIB} MiB`,
);

// 1. Full sync into an empty Genea.
const first = await run("full");
if (first.run.state !== "done") {
  throw new Error(`the full sync ended ${first.run.state}: ${first.run.error ?? ""}\n${first.run.steps.map((x) => x.text).join("\n")}`);
}
const firstRequests = requests();
countBuckets = false;
const deprovisioned = org.okta.users.filter((u) => u.status === "DEPROVISIONED").length;
const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));
const oktaPages = pages(org.okta.users.length - deprovisioned) + pages(deprovisioned) + pages(org.okta.groups.length) +
  org.okta.groups.reduce((n, g) => n + pages(org.okta.memberships[g.id]?.length ?? 0), 0);
const geneaReads = 1 /* key check → customer uuid */ + 3 /* locations, access groups, roles */ + 2 /* users, mobile keys (empty) */;
const lowerBound = oktaPages + geneaReads + first.run.progress.total;
const requestsRatio = firstRequests / lowerBound;
const allowedMs = Math.max(...Object.entries(byBucket).map(([b, n]) => (n / limits[b as Bucket]) * 60_000));
const answered429 = statuses[429] ?? 0;
console.log(
  `  1. full sync: ${first.run.state}, ${first.run.progress.total} operations (${
    JSON.stringify(Object.fromEntries(Object.entries(first.run.applied).filter(([, n]) => n > 0)))
  }), ${first.wallMs} ms`,
);
console.log(
  `     requests made ÷ lower bound (target ≤ 1.05): ${firstRequests} ÷ ${lowerBound} = ${requestsRatio.toFixed(4)} ${
    mark(requestsRatio <= 1.05)
  }`,
);
console.log(`     429 answers (target 0): ${answered429} ${mark(answered429 === 0)}`);
console.log(
  `     wall ÷ time the rate limits allow: ${first.wallMs} ms ÷ ${Math.round(allowedMs)} ms = ${(first.wallMs / allowedMs).toFixed(2)}`,
);
console.log(`     phases: ${phasesText(first.run.phases)}`);
const fullFigures = {
  state: first.run.state,
  operations: first.run.progress.total,
  requestsMade: firstRequests,
  lowerBound,
  requestsRatio: Number(requestsRatio.toFixed(4)),
  answered429,
  wallMs: first.wallMs,
  rateLimitAllowsMs: Math.round(allowedMs),
  wallOverAllowed: Number((first.wallMs / allowedMs).toFixed(2)),
  phases: first.run.phases,
};
/** Step 1's targets, and the edge's heap over the whole benchmark. */
const fullPass = (memory: { peakHeapMiB: number }) => ({
  converged: first.run.state === "done" && sum(first.run.failed) === 0,
  requestsRatio: requestsRatio <= 1.05,
  answered429: answered429 === 0,
  peakHeapMiB: memory.peakHeapMiB <= HEAP_TARGET_MIB,
});
if (SCALE) {
  const reconcile = RECONCILE ? await run("full") : null;
  if (reconcile) {
    console.log(
      `  reconcile of the populated Genea: ${reconcile.run.state}, ${reconcile.run.progress.total} operations, ${reconcile.wallMs} ms`,
    );
    console.log(`     phases: ${phasesText(reconcile.run.phases)}`);
  }
  const memory = await quit();
  const pass = {
    ...fullPass(memory),
    ...(reconcile ? { reconciled: reconcile.run.state === "done" && reconcile.run.progress.total === 0 } : {}),
  };
  saveResults("sync", {
    ...previousResults(),
    scale: {
      users: USERS,
      oktaLimitFactor: LIMIT_FACTOR,
      heapLimitMiB: HEAP_LIMIT_MIB,
      figures: {
        full: fullFigures,
        ...(reconcile
          ? {
            reconcile: {
              state: reconcile.run.state,
              operations: reconcile.run.progress.total,
              wallMs: reconcile.wallMs,
              phases: reconcile.run.phases,
            },
          }
          : {}),
        memory,
      },
      pass,
      at: new Date().toISOString(),
    },
  });
  if (!Object.values(pass).every(Boolean)) process.exitCode = 1;
  process.exit();
}

// 2. The converged re-run.
genea.counters.reset();
const second = await run("full");
const rerunWrites = writes();
console.log(`  2. converged re-run writes (target 0): ${rerunWrites} in ${second.wallMs} ms ${mark(rerunWrites === 0)}`);

// 3. Ten changes, then an incremental run.
const offices = new Set(catalog.locations.map((l) => l.name));
const staff = org.okta.users.filter((u) =>
  u.status === "ACTIVE" && u.profile.email && offices.has(u.profile.office ?? "") && u.profile.department !== "Engineering"
);
const adminsGroup = org.okta.groups.find((g) => g.profile.name === "Admins")!.id;
const m = okta.mutations;
const changes = [
  ...staff.slice(0, 3).map((u) => () => m.lifecycle(u.id, "deactivate")),
  ...staff.slice(3, 7).map((u) => () => m.updateProfile(u.id, { department: "Contractors" })),
  ...staff.slice(7, 9).map((u) => () => m.addMember(adminsGroup, u.id)),
  () =>
    m.createUser({
      profile: {
        login: "bench.hire@acme-demo.com",
        email: "bench.hire@acme-demo.com",
        firstName: "Bench",
        lastName: "Hire",
        department: "Sales",
        office: catalog.locations[0].name,
      },
    }),
];
for (const change of changes) if (!change().ok) throw new Error("a benchmark change was refused by the Okta sandbox");
okta.counters.reset();
genea.counters.reset();
const inc = await run("incremental");
const incRequests = requests();
const incOkta = total(okta.counters.get());
console.log(
  `  3. incremental run after ${changes.length} changes: ${inc.run.kind}, ${
    inc.run.scope?.length ?? 0
  } people, ${inc.run.progress.total} operations, ${inc.wallMs} ms`,
);
console.log(
  `     requests (target ≤ 30): ${incRequests} (Okta ${incOkta}, Genea ${incRequests - incOkta}) ${
    mark(incRequests <= 30 && inc.run.kind === "incremental")
  }`,
);

// 4. Event hook → key revoked, with 50 ms of latency each way on both sandboxes.
await ask({ cmd: "brake", kind: "100000" }); // 20 deliberate leavers in a row are not an accident here
const served = await ask({ cmd: "serve" });
const hookUrl = `${served.url}/api/hooks/okta`;
const api = (method: string, path: string, body?: unknown) =>
  okta.app.fetch(
    new Request(`${oktaServer.url}${path}`, {
      method,
      headers: { authorization: `SSWS ${org.okta.apiTokens[0]}`, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    }),
  );
const hook = await (await api("POST", "/api/v1/eventHooks", {
  name: "doorsync",
  events: { type: "EVENT_TYPE", items: ["user.lifecycle.deactivate"] },
  channel: {
    type: "HTTP",
    version: "1.0.0",
    config: { uri: hookUrl, headers: [], authScheme: { type: "HEADER", key: "Authorization", value: HOOK_SECRET } },
  },
})).json();
if ((await api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/verify`)).status !== 200) throw new Error("the event hook did not verify");
okta.faults.set({ latencyMs: 100 });
genea.faults.set({ latencyMs: 100 });
const keyHolders = genea.state.userList.filter((u) => !u.deleted_at && u.cards.length > 0).slice(0, HOOK_EVENTS);
const oktaByEmail = new Map(org.okta.users.map((u) => [u.profile.email?.toLowerCase(), u.id]));
const latencies: number[] = [];
for (const g of keyHolders) {
  const card = g.cards[0].uuid;
  const oktaId = oktaByEmail.get(g.email!.toLowerCase())!;
  const t0 = performance.now();
  if (!m.lifecycle(oktaId, "deactivate").ok) throw new Error(`could not deactivate ${oktaId}`);
  for (let i = 0; !revokedAt.has(card); i++) {
    if (i > 2000) throw new Error(`key ${card} was not revoked within 20 s of the hook`);
    await new Promise((r) => setTimeout(r, 10));
  }
  latencies.push(revokedAt.get(card)! - t0);
  await new Promise((r) => setTimeout(r, 300)); // the run finishes its deactivation; the next event starts a fresh one
}
okta.faults.reset();
genea.faults.reset();
const sorted = [...latencies].sort((a, b) => a - b);
const p95 = sorted[Math.ceil(sorted.length * 0.95) - 1];
const median = sorted[Math.floor(sorted.length / 2)];
console.log(
  `  4. hook receipt → key revoked over ${latencies.length} events, 50 ms each way: median ${Math.round(median)} ms, p95 ${
    Math.round(p95)
  } ms (target ≤ 2000) ${mark(p95 <= 2000)}`,
);

const lastEvent = v.parse(SyncRunSchema, (await ask({ cmd: "last" })).run);
console.log(`     the last event run: ${phasesText(lastEvent.phases)}`);
const memory = await quit();

const figures = {
  full: fullFigures,
  rerun: { writes: rerunWrites, wallMs: second.wallMs },
  incremental: {
    changes: changes.length,
    kind: inc.run.kind,
    people: inc.run.scope?.length ?? 0,
    operations: inc.run.progress.total,
    requests: incRequests,
    oktaRequests: incOkta,
    wallMs: inc.wallMs,
  },
  hook: { events: latencies.length, medianMs: Math.round(median), p95Ms: Math.round(p95), lastEventRunPhases: lastEvent.phases },
  memory,
};
const pass = {
  ...fullPass(memory),
  rerunWrites: rerunWrites === 0,
  incrementalRequests: incRequests <= 30 && inc.run.kind === "incremental",
  hookP95: p95 <= 2000,
};
saveResults(
  "sync",
  {
    bench: "sync",
    scale: previousResults().scale, // undefined (left out) until a scale run has saved
    users: USERS,
    oktaLimitFactor: LIMIT_FACTOR,
    heapLimitMiB: HEAP_LIMIT_MIB,
    figures,
    pass,
    oktaRequestsByBucket: byBucket,
    at: new Date().toISOString(),
  },
);
if (!Object.values(pass).every(Boolean)) process.exitCode = 1;

/** Ends the edge and prints its memory: peak heap overall and by phase. */
async function quit(): Promise<Memory> {
  const memory = v.parse(MemorySchema, await ask({ cmd: "quit" }));
  oktaServer.close();
  geneaServer.close();
  console.log(
    `  edge peak heap (target ≤ ${HEAP_TARGET_MIB} MiB): ${memory.peakHeapMiB} MiB (RSS ${memory.peakRssMiB} MiB) ${
      mark(memory.peakHeapMiB <= HEAP_TARGET_MIB)
    }`,
  );
  const byPhase = (m: Record<string, number>) => Object.entries(m).map(([p, mb]) => `${p} ${mb} MiB`).join(", ");
  console.log(`    by phase: ${byPhase(memory.peakHeapMiBByPhase)}`);
  if (memory.peakLiveMiB !== undefined && memory.peakLiveMiBByPhase) {
    console.log(
      `  edge peak live heap (after a full GC, every 5 s): ${memory.peakLiveMiB} MiB; by phase: ${byPhase(memory.peakLiveMiBByPhase)}`,
    );
  }
  return memory;
}

/** sync.json as it stands, so a scale run keeps the 100,000-user figures and the reverse. */
function previousResults(): Record<string, unknown> {
  try {
    const saved: unknown = JSON.parse(readFileSync(join(root, "bench", "results", "sync.json"), "utf8"));
    return typeof saved === "object" && saved !== null ? { ...saved } : {};
  } catch {
    return {};
  }
}
