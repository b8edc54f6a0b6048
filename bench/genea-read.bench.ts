/**
 * Genea read benchmark: a 100,000-user demo organisation, its Genea side as after a full
 * sync (~95,000 users, ~30% with a mobile key), served by the Genea sandbox on a real
 * 127.0.0.1 socket; the Genea client reads the catalog and the whole state. Prints the
 * time and request count and writes (with --save) bench/results/genea-read.json.
 */
import { serve } from "@hono/node-server";
import { loadavg } from "node:os";
import type { AddressInfo } from "node:net";
import { createGeneaClient, PAGE_SIZE } from "../edge/genea/index.ts";
import { generateDemoOrg } from "../edge/sandbox/demo/generate.ts";
import { syncedGeneaSeed } from "../edge/sandbox/demo/synced.ts";
import { createGeneaSandbox } from "../edge/sandbox/genea/index.ts";
import { saveResults } from "./results.ts";

const USERS = 100_000;
const MAX_IN_FLIGHT = 4;

const g0 = performance.now();
const org = generateDemoOrg({ users: USERS, seed: 1 });
const generateMs = Math.round(performance.now() - g0);
const seed = syncedGeneaSeed(org);
const sandbox = createGeneaSandbox(seed);
const server = await new Promise<{ url: string; close(): void }>((resolve) => {
  const s = serve(
    { fetch: sandbox.app.fetch, port: 0, hostname: "127.0.0.1" },
    (info: AddressInfo) => resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() }),
  );
});

try {
  const client = createGeneaClient({ baseUrl: server.url, apiKey: seed.apiKeys[0], maxInFlight: MAX_IN_FLIGHT });
  const t0 = performance.now();
  const catalog = await client.readCatalog();
  const t1 = performance.now();
  const state = await client.readState();
  const t2 = performance.now();
  if (!catalog.ok) throw new Error(catalog.error.message);
  if (!state.ok) throw new Error(state.error.message);
  const keys = state.value.users.reduce((n, u) => n + u.mobileKeys.length, 0);
  const expectedKeys = seed.users.reduce((n, u) => n + u.cards.length, 0);
  if (state.value.users.length !== seed.users.length || keys !== expectedKeys) {
    throw new Error(`read ${state.value.users.length} users / ${keys} keys, expected ${seed.users.length} / ${expectedKeys}`);
  }
  const result = {
    bench: "genea-read",
    oktaUsers: USERS,
    geneaUsers: state.value.users.length,
    mobileKeys: keys,
    locations: catalog.value.locations.length,
    accessGroups: catalog.value.accessGroups.length,
    generateMs,
    catalogMs: Math.round(t1 - t0),
    stateMs: Math.round(t2 - t1),
    totalMs: Math.round(t2 - t0),
    requests: client.requestCount(),
    pageSize: PAGE_SIZE,
    maxInFlight: MAX_IN_FLIGHT,
    node: process.version,
    /** other work on the machine skews the times: the 1-minute load average at the end */
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
    at: new Date().toISOString(),
  };
  console.log(`demo org: ${USERS} users generated in ${generateMs} ms`);
  console.log(
    `genea-read: ${result.geneaUsers} users + ${result.mobileKeys} mobile keys in ${result.totalMs} ms (catalog ${result.catalogMs} ms, state ${result.stateMs} ms), ${result.requests} requests`,
  );
  saveResults("genea-read", result);
} finally {
  server.close();
}
