/**
 * Okta read benchmark: the 100,000-user demo organisation served by the Okta sandbox on a
 * real 127.0.0.1 socket, read whole by the Okta client (users of every status, groups,
 * memberships). Two runs:
 *  - "raised limits": rate limits out of the way, what the client and socket cost;
 *  - "workforce limits": Okta's published Workforce buckets (users 600/min, groups 500/min,
 *    group members 1000/min) with 60 s windows. Waiting out real minutes would make the
 *    benchmark slow, so client and sandbox share a clock that runs in real time but skips
 *    ahead when the client sleeps: `simulatedMs` is how long the read would take against
 *    such an org, `wallMs` what it took here. Both runs must see zero 429s.
 * Counts must match the generator's. Writes (with --save) bench/results/okta-read.json.
 */
import { serve } from "@hono/node-server";
import { recordsOf } from "../shared/directory/table.ts";
import type { AddressInfo } from "node:net";
import { createOktaClient } from "../edge/okta/index.ts";
import { expectedCounts, generateDemoOrg } from "../edge/sandbox/demo/generate.ts";
import { createOktaSandbox, DEFAULT_RATE_LIMITS, type OktaSandboxOptions } from "../edge/sandbox/okta/index.ts";
import { OKTA_STATUSES, type OktaStatus } from "../shared/directory/model.ts";
import type { DemoOrg } from "../edge/sandbox/demo/types.ts";
import { saveResults } from "./results.ts";

const USERS = 100_000;
const MAX_IN_FLIGHT = 4;

/**
 * Real time plus skips. Sleeps started in the same tick share one jump (the clock moves to
 * the earliest wake-up, then the next), so concurrent waits overlap as they would for real.
 */
function skippingClock() {
  let offset = 0;
  const now = () => Date.now() + offset;
  let sleepers: { until: number; wake: () => void }[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (sleepers.length === 0) return;
    const earliest = Math.min(...sleepers.map((s) => s.until));
    if (earliest > now()) offset += earliest - now();
    const t = now();
    const due = sleepers.filter((s) => s.until <= t);
    sleepers = sleepers.filter((s) => s.until > t);
    for (const s of due) s.wake();
    if (sleepers.length > 0) schedule();
  };
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, 0);
    }
  };
  return {
    now,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        sleepers.push({ until: now() + ms, wake });
        schedule();
      }),
  };
}

async function run(org: DemoOrg, label: string, options: OktaSandboxOptions, clock?: ReturnType<typeof skippingClock>) {
  const sandbox = createOktaSandbox(org.okta, { ...options, now: clock?.now });
  const statuses: Record<number, number> = {};
  const server = await new Promise<{ url: string; close(): void }>((resolve) => {
    const s = serve({
      fetch: async (req: Request) => {
        const res = await sandbox.app.fetch(req);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        return res;
      },
      port: 0,
      hostname: "127.0.0.1",
    }, (info: AddressInfo) => resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() }));
  });
  try {
    const client = createOktaClient({
      baseUrl: server.url,
      auth: { kind: "ssws", token: org.okta.apiTokens[0] },
      maxInFlight: MAX_IN_FLIGHT,
      now: clock?.now,
      sleep: clock?.sleep,
    });
    const t0 = performance.now();
    const c0 = clock?.now() ?? Date.now();
    const r = await client.readDirectory();
    const wallMs = Math.round(performance.now() - t0);
    const simulatedMs = (clock?.now() ?? Date.now()) - c0;
    if (!r.ok) throw new Error(`${label}: ${r.error.code}: ${r.error.message}`);
    const byStatus = Object.fromEntries(OKTA_STATUSES.map((s) => [s, 0])) as Record<OktaStatus, number>;
    for (const u of recordsOf(r.value).users) byStatus[u.status]++;
    const memberships = recordsOf(r.value).users.reduce((n, u) => n + u.groupIds.length, 0);
    const want = expectedCounts(org).okta;
    const matches = recordsOf(r.value).users.length === want.users && r.value.groups.length === want.groups &&
      memberships === want.memberships &&
      OKTA_STATUSES.every((s) => byStatus[s] === want.usersByStatus[s]);
    const result = {
      run: label,
      wallMs,
      simulatedMs: clock ? simulatedMs : wallMs,
      requests: client.stats().requests,
      requestsByRoute: sandbox.counters.get(),
      answered429: statuses[429] ?? 0,
      users: recordsOf(r.value).users.length,
      usersByStatus: byStatus,
      usersWithoutEmail: recordsOf(r.value).users.filter((u) => u.email === null).length,
      groups: r.value.groups.length,
      memberships,
      matchesGenerator: matches,
      expected: want,
    };
    const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
    console.log(
      `okta-read [${label}]: ${result.users} users (${result.usersByStatus.DEPROVISIONED} DEPROVISIONED), ${result.groups} groups, ` +
        `${memberships} memberships in ${wallMs} ms wall${clock ? ` / ${Math.round(simulatedMs / 1000)} s simulated` : ""}, ` +
        `${result.requests} requests, heap ${heapMb} MB after the read`,
    );
    console.log(`  counts match the generator (target: yes): ${matches ? "yes PASS" : "no FAIL"}`);
    console.log(`  429 answers (target: 0): ${result.answered429} ${result.answered429 === 0 ? "PASS" : "FAIL"}`);
    return { ...result, heapMbAfterRead: heapMb };
  } finally {
    server.close();
  }
}

const tg = performance.now();
const org = generateDemoOrg({ users: USERS, seed: 1 });
const generateMs = Math.round(performance.now() - tg);
const raised = Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, 1_000_000]));
const runs = [
  await run(org, "raised limits", { rateLimits: raised }),
  await run(org, "workforce limits", { rateLimits: DEFAULT_RATE_LIMITS, rateLimitWindowMs: 60_000 }, skippingClock()),
];
const out = {
  bench: "okta-read",
  users: USERS,
  maxInFlight: MAX_IN_FLIGHT,
  generateMs,
  runs,
  node: process.version,
  at: new Date().toISOString(),
};
saveResults("okta-read", out);
if (runs.some((r) => !r.matchesGenerator || r.answered429 > 0)) process.exitCode = 1;
