/**
 * Sync benchmark: a full sync of the 100,000-user demo organisation into an empty Genea
 * sandbox, Okta's published Workforce rate limits ×10 (60 s windows, real time). The sandboxes
 * are served from this (Node) process; the edge's sync runs under Deno in its own process
 * (bench/sync-runner.deno.ts), so its peak heap is measured alone. Then a second run over the
 * converged organisation. Figures:
 *  - requests made ÷ lower bound (the Okta pages that must be read + the Genea pages and key
 *    check that must be read + the writes the rules imply), target ≤ 1.05;
 *  - 429 answers, target 0;
 *  - wall time ÷ the time the rate limits allow (the busiest Okta bucket's requests at its
 *    per-minute rate), reported;
 *  - the edge's peak heap, target ≤ 512 MB (Deno Deploy's memory);
 *  - Genea writes of the converged re-run, target 0.
 * Writes bench/results/sync.json.
 */
import { serve } from "@hono/node-server";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SyncRunSchema } from "../shared/api/sync.ts";
import * as v from "valibot";
import { generateDemoOrg } from "../edge/sandbox/demo/generate.ts";
import { createGeneaSandbox } from "../edge/sandbox/genea/index.ts";
import { createOktaSandbox, DEFAULT_RATE_LIMITS, type Bucket } from "../edge/sandbox/okta/index.ts";
import { bucketOf } from "../edge/sandbox/okta/rate-limit.ts";
import { toLocation, toAccessGroup, toRole } from "../edge/genea/mapping.ts";
import { worldRules } from "../tests/support/world-rules.ts";

const USERS = Number(process.env.SYNC_BENCH_USERS ?? 100_000);
const LIMIT_FACTOR = 10;
/** Deno Deploy's memory: the edge runs with V8's heap capped here, so going over fails the run. */
const HEAP_LIMIT_MB = 512;
const PAGE = 200;
const root = join(import.meta.dirname, "..");

const org = generateDemoOrg({ users: USERS, seed: 1 });
const limits = Object.fromEntries(Object.entries(DEFAULT_RATE_LIMITS).map(([k, n]) => [k, n * LIMIT_FACTOR])) as Record<Bucket, number>;
const okta = createOktaSandbox(org.okta, { rateLimits: limits, rateLimitWindowMs: 60_000 });
const genea = createGeneaSandbox({ ...org.genea, users: [] });

const statuses: Record<number, number> = {};
const byBucket: Record<string, number> = {};
function listen(fetch: (req: Request) => Response | Promise<Response>, count: boolean): Promise<{ url: string; close(): void }> {
  return new Promise((resolve) => {
    const s = serve({
      fetch: async (req: Request) => {
        const res = await fetch(req);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (count) {
          const b = bucketOf(new URL(req.url).pathname);
          byBucket[b] = (byBucket[b] ?? 0) + 1;
        }
        return res;
      },
      port: 0, hostname: "127.0.0.1",
    }, (info: AddressInfo) => resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() }));
  });
}
const [oktaServer, geneaServer] = [await listen(okta.app.fetch, true), await listen(genea.app.fetch, false)];

const catalog = {
  customerUuid: org.genea.customer.uuid,
  locations: org.genea.locations.map((l) => toLocation({ ...l, has_apple_wallet: l.has_apple_wallet ?? false })),
  accessGroups: org.genea.accessGroups.map(toAccessGroup),
  roles: org.genea.roles.map(toRole),
};
const dir = mkdtempSync(join(tmpdir(), "doorsync-sync-bench-"));
const inputPath = join(dir, "input.json");
writeFileSync(inputPath, JSON.stringify({
  oktaUrl: oktaServer.url, geneaUrl: geneaServer.url, oktaToken: org.okta.apiTokens[0], geneaKey: org.genea.apiKeys[0],
  ruleSet: worldRules(catalog), runs: 2,
}));

const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
let firstRunRequests: number | null = null;
console.log(`sync: ${USERS} users, Okta limits ×${LIMIT_FACTOR}; running the edge's sync under Deno…`);
// Asynchronously: a blocking spawn would stop this process's sandboxes from answering.
const runner = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
  const child = spawn(join(root, "node_modules", ".bin", "deno"), ["run", "-A", `--v8-flags=--max-old-space-size=${HEAP_LIMIT_MB}`, "bench/sync-runner.deno.ts", inputPath], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "", stderr = "";
  child.stdout.setEncoding("utf8").on("data", (t: string) => {
    stdout += t;
    // After the first run: take the request counts, then let the runner start the next.
    if (firstRunRequests === null && stdout.includes('"kind":"run"')) {
      firstRunRequests = total(okta.counters.get()) + total(genea.counters.get());
      child.stdin.write("next\n");
    }
  });
  child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t));
  child.on("exit", (status) => resolve({ status, stdout, stderr }));
});
oktaServer.close();
geneaServer.close();
if (runner.status !== 0) throw new Error(`sync runner failed (${runner.status}):\n${runner.stderr}\n${runner.stdout}`);
const lines = runner.stdout.trim().split("\n").map((l) => JSON.parse(l));
const runs = lines.filter((l) => l.kind === "run").map((l) => ({ wallMs: l.wallMs as number, run: v.parse(SyncRunSchema, l.run) }));
const memory = lines.find((l) => l.kind === "memory") as { peakHeapMb: number; peakRssMb: number; peakHeapMbByPhase: Record<string, number> };
const [first, second] = runs;

// Lower bound: Okta pages that must be read, Genea reads, and one write per planned operation.
const deprovisioned = org.okta.users.filter((u) => u.status === "DEPROVISIONED").length;
const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));
const oktaPages = pages(org.okta.users.length - deprovisioned) + pages(deprovisioned) + pages(org.okta.groups.length) +
  org.okta.groups.reduce((n, g) => n + pages(org.okta.memberships[g.id]?.length ?? 0), 0);
const geneaReads = 1 /* key check → customer uuid */ + 3 /* locations, access groups, roles */ + 2 /* users, mobile keys (empty) */;
const writes = first.run.progress.total;
const lowerBound = oktaPages + geneaReads + writes;
const made = firstRunRequests ?? Number.NaN;
const requestsRatio = made / lowerBound;
const allowedMs = Math.max(...Object.entries(byBucket).map(([b, n]) => (n / limits[b as Bucket]) * 60_000));
const answered429 = statuses[429] ?? 0;
const rerunWrites = Object.values(second.run.applied).reduce((a, b) => a + b, 0) + Object.values(second.run.failed).reduce((a, b) => a + b, 0);

const figures = {
  requestsMade: made, lowerBound, requestsRatio: Number(requestsRatio.toFixed(4)),
  answered429,
  wallMs: first.wallMs, rateLimitAllowsMs: Math.round(allowedMs), wallOverAllowed: Number((first.wallMs / allowedMs).toFixed(2)),
  peakHeapMb: memory.peakHeapMb, peakRssMb: memory.peakRssMb, peakHeapMbByPhase: memory.peakHeapMbByPhase,
  rerunWrites, rerunWallMs: second.wallMs,
};
const pass = { requestsRatio: requestsRatio <= 1.05, answered429: answered429 === 0, peakHeapMb: memory.peakHeapMb <= 512, rerunWrites: rerunWrites === 0, converged: first.run.state === "done" };
const mark = (ok: boolean) => (ok ? "PASS" : "FAIL");
console.log(`  first run: ${first.run.state}, ${writes} operations (${JSON.stringify(Object.fromEntries(Object.entries(first.run.applied).filter(([, n]) => n > 0)))}), ${first.wallMs} ms`);
console.log(`  requests made ÷ lower bound (target ≤ 1.05): ${made} ÷ ${lowerBound} = ${requestsRatio.toFixed(4)} ${mark(pass.requestsRatio)}`);
console.log(`  429 answers (target 0): ${answered429} ${mark(pass.answered429)}`);
console.log(`  wall ÷ time the rate limits allow: ${first.wallMs} ms ÷ ${Math.round(allowedMs)} ms = ${figures.wallOverAllowed}`);
console.log(`  edge peak heap (target ≤ 512 MB): ${memory.peakHeapMb} MB (RSS ${memory.peakRssMb} MB) ${mark(pass.peakHeapMb)}`);
console.log(`    by phase: ${Object.entries(memory.peakHeapMbByPhase).map(([p, mb]) => `${p} ${mb} MB`).join(", ")}`);
console.log(`  converged re-run writes (target 0): ${rerunWrites} in ${second.wallMs} ms ${mark(pass.rerunWrites)}`);
console.log(`  phases of the first run: ${first.run.phases.map((p) => `${p.phase} ${p.ms} ms`).join(", ")}`);

const out = { bench: "sync", users: USERS, oktaLimitFactor: LIMIT_FACTOR, figures, pass, oktaRequestsByBucket: byBucket, phases: first.run.phases, at: new Date().toISOString() };
mkdirSync(join(import.meta.dirname, "results"), { recursive: true });
writeFileSync(join(import.meta.dirname, "results", "sync.json"), `${JSON.stringify(out, null, 2)}\n`);
if (!Object.values(pass).every(Boolean)) process.exitCode = 1;
